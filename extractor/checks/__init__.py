"""Cross-checks: small rules over one report's facts, projects, groups, sections and forms.

``check_report(report)`` runs every rule of patterns/checks.toml and returns ``Finding`` records;
``check_prior_year(current, previous)`` compares two years of one unit. Neither ever raises: a
rule that meets data it cannot use returns nothing for that case, and an unexpected exception
inside a rule is logged as a warning and costs only that rule's findings for that item.

    tolerance     intervals, stated quantities, the readings exact/fine/round, verdicts
    context       checks.toml, Ctx (one report), finding(), the @rule registry
    sums          sum_mismatch
    formsums      sum_mismatch, balance_mismatch of a form's grid and pairs blocks (its template's arithmetic)
    fundflow      balance_mismatch of one fund's arrival, spending and balance stated in one sentence
    listsums      sum_mismatch of a prose total against the amounts listed after its 其中
    scores        score_mismatch (totals, weights, 分值 × 执行率, full points for a missed indicator)
    shares        share_mismatch, growth_mismatch
    portions      share_mismatch of portions of one total in one sentence (47.5%为614.39万元)
    execution     balance_mismatch, execution_rate_mismatch
    plausibility  stake_length_mismatch, duplicate_output, staff_over_quota
    goals         goal_not_met (indicators, prose targets, projects)
    sections      section_numbering, missing_section
    templates     which template a report follows; whether its text is cut off
    claims        claim_contradicted
    prior_year    prior_year_mismatch (two reports)
    runner        check_report
"""
from .context import RULES, config
from .prior_year import RULE_ID as PRIOR_YEAR_RULE
from .prior_year import check_prior_year
from .runner import check_report

__all__ = ["PRIOR_YEAR_RULE", "RULES", "check_prior_year", "check_report", "config"]
