"""What is due for children: the deadlines of shared/domain/timescales.md, worked out for a set
of children at once (one query per rule, whatever the number of children).

Counting conventions (timescales.md): "within N working days of A" is A plus N working days (A
is day 0); months are calendar months; on the as-of date D a deadline is `overdue` when D is
after it and `due_soon` when it is D itself or at most 5 working days after D.
"""

import datetime as dt
from collections.abc import Iterable

from cairn.casework.selectors.due.base import (
    DUE_SOON_WORKING_DAYS,
    DueCollector,
    DueItem,
    DueStatus,
    due_status,
    long_date,
    open_children,
)
from cairn.casework.selectors.due.casework import (
    assessment_updates_due,
    assessments_due,
    cin_plans_due,
)
from cairn.casework.selectors.due.protection import (
    cp_midpoint_due,
    cp_next_review_due,
    cp_plans_due,
    cp_plans_with_dates,
    practice_alerts_due,
    s47_icpc_due,
)
from cairn.casework.selectors.due.quality import audit_actions_due
from cairn.casework.selectors.due.workforce import case_oversight_due, workforce_flags
from cairn.core.dates import add_months
from cairn.core.working_days import WorkingDayCalendar

__all__ = [
    "DUE_SOON_WORKING_DAYS",
    "DueItem",
    "DueStatus",
    "add_months",
    "cp_midpoint_due",
    "cp_next_review_due",
    "cp_plans_with_dates",
    "due_for_children",
    "due_status",
    "long_date",
]

# Each rule adds its items for the open children; the workforce flags come last because
# WORKER_ABSENT reads the other deadlines.
RULES = (
    assessments_due,
    cin_plans_due,
    assessment_updates_due,
    s47_icpc_due,  # child protection (issue 4)
    cp_plans_due,
    practice_alerts_due,
    case_oversight_due,  # workforce (issue 6)
    audit_actions_due,  # quality (issue 8)
    workforce_flags,  # workforce (issue 6): keep last
)


def due_for_children(
    *, child_ids: Iterable[int], today: dt.date, calendar: WorkingDayCalendar
) -> dict[int, list[DueItem]]:
    """What is due for each child open to children's social care, soonest first.

    Closed cases raise nothing (timescales.md). Queries: one per rule plus one for the open
    episodes, whatever the number of children.
    """
    ids = list(child_ids)
    open_ids = list(open_children(ids)) if ids else []
    due = DueCollector(today, calendar)
    if open_ids:
        for rule in RULES:
            rule(due, open_ids)
    return {
        child_id: sorted(items, key=lambda item: item.due or dt.date.max)
        for child_id, items in due.items.items()
    }
