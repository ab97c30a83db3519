"""alerts_as_of: all alerts open on a date, for the whole council or some children or teams.

Each rule is one set-based query (or a few) for the whole council, so the number of queries
does not grow with the number of children; dates and working days are worked out in Python
over the fetched rows with the council calendar.
"""

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import QuerySet

from cairn.core.working_days import WorkingDayCalendar, council_calendar
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.engine import (
    frontdoor,
    legal,
    plans,
    practice,
    protection,
    quality,
    workforce,
)
from cairn.timescales.engine.base import Alert, Context
from cairn.timescales.values import RuleValues

WORKER_RULES = frozenset({"SUPERVISION_DUE", "CASELOAD_HIGH"})

# Child-level rules, in the order they are evaluated: (codes, evaluator(ctx, codes)).
CHILD_RULES: list[tuple[frozenset[str], Callable[[Context, set[str]], list[Alert]]]] = [
    (frozenset({"CONTACT_DECISION_1WD"}), lambda ctx, _c: frontdoor.contact_decision(ctx)),
    (frozenset({"ASSESSMENT_45WD"}), lambda ctx, _c: frontdoor.assessment_45wd(ctx)),
    (frozenset({"ASSESSMENT_UPDATE_DUE"}), lambda ctx, _c: frontdoor.assessment_update(ctx)),
    (frozenset({"ICPC_15WD"}), lambda ctx, _c: protection.icpc(ctx)),
    (frozenset({"CIN_VISIT_DUE", "CIN_REVIEW_DUE"}), plans.cin_plans),
    (
        frozenset(
            {
                "CP_VISIT_DUE",
                "CORE_GROUP_10WD",
                "CP_REVIEW_DUE",
                "MIDPOINT_REVIEW_DUE",
                "CP_PLAN_LONG",
                "CP_REPEAT_PLAN",
            }
        ),
        plans.cp_plans,
    ),
    (
        frozenset({"PLAN_NO_CONTINGENCY", "PLAN_OUTCOME_NOT_MEASURED", "NO_CHILD_PARTICIPATION"}),
        practice.plan_practice,
    ),
    (frozenset({"CHAIR_ALERT_RESPONSE_DUE"}), lambda ctx, _c: protection.chair_alert_response(ctx)),
    (frozenset({"PLO_DURATION"}), lambda ctx, _c: legal.pre_proceedings(ctx)),
    (frozenset({"PROCEEDINGS_26W"}), lambda ctx, _c: legal.care_proceedings(ctx)),
    (frozenset({"CASE_OVERSIGHT_DUE"}), lambda ctx, _c: workforce.case_oversight(ctx)),
    (frozenset({"UNALLOCATED"}), lambda ctx, _c: workforce.unallocated(ctx)),
    (frozenset({"AUDIT_ACTION_OVERDUE"}), lambda ctx, _c: quality.audit_actions(ctx)),
]

EVALUATED = frozenset(code for code, rule in CATALOGUE.items() if rule.evaluated) - {
    "DUE_SOON_WINDOW"
}


def alerts_as_of(
    *,
    as_of: dt.date,
    calendar: WorkingDayCalendar | None = None,
    children: QuerySet | Iterable[int] | None = None,
    teams: Iterable[int] | None = None,
    rules: Iterable[str] | None = None,
) -> list[Alert]:
    """Every alert open on `as_of`, one per rule per subject (child, or worker for the
    worker-level rules), the most urgent instance; sorted by rule, then urgency.

    - `children` (a Person queryset or ids) limits child-level rules to those children;
      worker-level rules (SUPERVISION_DUE, CASELOAD_HIGH) are then not evaluated, since a
      caseload is about all of a worker's children.
    - `teams` keeps alerts of those teams (the case's team on the date; the worker's team).
    - `rules` keeps those rule codes. WORKER_ABSENT's severity reads the child's other
      deadlines, so they are evaluated whenever it is asked for.

    Queries: a fixed number (about fifteen), whatever the number of children.
    """
    wanted = set(rules) & EVALUATED if rules is not None else set(EVALUATED)
    unknown = set(rules or ()) - set(CATALOGUE)
    if unknown:
        raise ValueError(f"Unknown rule codes: {', '.join(sorted(unknown))}")
    ctx = Context(
        as_of=as_of,
        calendar=calendar or council_calendar(),
        values=RuleValues.load(),
        children=children,
    )
    needed = set(EVALUATED - WORKER_RULES) if "WORKER_ABSENT" in wanted else set(wanted)
    found: list[Alert] = []
    for codes, evaluate in CHILD_RULES:
        asked = codes & needed
        if asked:
            found += [alert for alert in evaluate(ctx, asked) if alert.rule in asked]
    if "WORKER_ABSENT" in wanted:
        found += workforce.worker_absent(ctx, found)
    if wanted & WORKER_RULES and not ctx.children_named:
        found += workforce.worker_rules(ctx, wanted & WORKER_RULES)
    team_ids = set(teams) if teams is not None else None
    most_urgent: dict[tuple, Alert] = {}
    for alert in found:
        if alert.rule not in wanted:
            continue
        if team_ids is not None and alert.team_id not in team_ids:
            continue
        key = (alert.rule, *alert.subject)
        if key not in most_urgent or alert.urgency < most_urgent[key].urgency:
            most_urgent[key] = alert
    order = {code: index for index, code in enumerate(CATALOGUE)}
    return sorted(
        most_urgent.values(),
        key=lambda a: (order[a.rule], *a.urgency, a.la_child_id or "", a.worker or ""),
    )
