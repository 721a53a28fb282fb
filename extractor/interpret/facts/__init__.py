"""Canonical facts: labelled figures (年初预算数 985万元, 人员经费 …, 满意度 90%) and their qualifiers.

One mechanism reads them from prose and from tables flattened into text: a figure takes the label
of its own clause (a lexicon of labels and synonyms per canonical key, verbs of spending for a
project report's executed amount), never across a sentence boundary, and its qualifiers (占…的,
较上年增加/减少, 增长X%) from the rest of that clause. Rules live in patterns/facts.toml; this
package only applies them, one step a module:

1. labels.py finds every label of every ``[[fact]]`` entry in ``report.text`` (labels inside a
   share qualifier such as "占全年总支出的10%" are not labels; a ``composed`` entry's label, built from
   parts — scope word, budget or spending state, money noun — stands only where it holds every
   listed label it overlaps, none of its own key) and binds each to the first value
   of its kind after it in its clause, or in the next table cell (under its money unit: "实际支出
   (万元) 55"); scores.py binds scores ("自评得分98分", bare after a total label: "自评总分: 95")
   and reads the score under a self-score heading ("(一)自评得分");
2. scope.py decides the label's scope (report / project / group) from the report kind, the text
   before the label, the sentence start and the enclosing section headings, and gives a
   category's budget figures to the category ("项目支出年初预算安排…", "“三公”经费预算数…,
   实际支出…"), and a sentence's figures of the parts of the funds (中央资金…执行率X%,省级资金…
   执行率Y%) to those parts; narrative.py ranks a category's budget figure after its spending;
3. qualifiers.py reads the qualifiers (占…X%, 较上年增加/减少…, 增长/下降X%, 与上年持平) after
   the value in its clause, and after a label restated without its value;
4. forms.py adds candidates from the self-assessment form that speaks for the report;
5. guards.py bars readings that may not stand (another year's money, a weak verb stating several
   values, 支付 without a stated 执行率, a slip of the unit: 2089元 where the key is 2089万元);
6. choose.py keeps one value per key by the stated priority form > table > prose (arithmetic.py
   lets 执行率 = 执行数 ÷ 全年预算数 settle a disagreement), keeps every losing reading as a
   FactCandidate with the reason, and derives sums (total = basic + project) for keys the report
   never states.

narrative.py strings steps 1–3 together over the text; reading.py holds the report as read
(mentions by position, sentences); candidates.py the working records; vocabulary.py compiles
patterns/facts.toml; extract.py is the entry point. Scores have no quantity unit, so the stage
returns the score mentions it found (kind ``score``, unit 分) beside the facts and the losing
readings, for the pipeline to add to ``report.mentions``.
"""
from .extract import FactsFound, extract_facts
from .guards import money_in_doubt
from .reading import Reading, report_kind
from .vocabulary import Config, Entry, Qualifier, config


def money_doubt(report, pos: int) -> str | None:
    """Why money stated at ``pos`` of ``report`` is not its year's result (an earlier year's
    figure, a target, a plan), as guards.py judges a reading there; None when nothing says so."""
    return money_in_doubt(Reading(report, config()), pos)


__all__ = ["extract_facts", "FactsFound", "money_doubt", "report_kind", "config", "Config", "Entry", "Qualifier"]
