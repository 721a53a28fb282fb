"""Canonical facts: labelled figures (年初预算数 985万元, 人员经费 …, 满意度 90%) and their qualifiers.

Rules live in patterns/facts.toml (labels, qualifiers, scope words, derived sums, form lines);
this package only applies them, one step a module:

1. labels.py finds every label of every ``[[fact]]`` entry in ``report.text`` (labels inside a
   share qualifier such as "占全年总支出的10%" are not labels) and binds each to the first value
   of its kind after it in its clause, or in the next table cell; scores.py binds scores
   ("自评得分98分", bare after a total label: "自评总分: 95") and reads the score under a
   self-score heading ("(一)自评得分");
2. scope.py decides the label's scope (report / project / group) from the report kind, the text
   before the label, the sentence start and the enclosing section headings, and gives a
   category's budget figures to the category ("项目支出年初预算安排…", "“三公”经费预算数…,
   实际支出…");
3. qualifiers.py reads the qualifiers (占…X%, 较上年增加/减少…, 增长/下降X%, 与上年持平) after
   the value in its clause, and after a label restated without its value;
4. forms.py adds candidates from the self-assessment form that speaks for the report;
5. choose.py keeps one value per key with the qualifiers of that value, and derives sums
   (total = basic + project) for keys the report never states.

narrative.py strings steps 1–3 together over the text; reading.py holds the report as read
(mentions by position, sentences); vocabulary.py compiles patterns/facts.toml; extract.py is the
entry point. Scores have no quantity unit, so the stage returns the score mentions it found
(kind ``score``, unit 分) beside the facts, for the pipeline to add to ``report.mentions``.
"""
from .extract import extract_facts
from .reading import report_kind
from .vocabulary import Config, Entry, Qualifier, config

__all__ = ["extract_facts", "report_kind", "config", "Config", "Entry", "Qualifier"]
