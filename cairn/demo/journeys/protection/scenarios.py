"""The deliberate child protection cases: every council gets each of these, whatever the draws
(architecture.md, "Synthetic councils": cases that break every drift rule and cases exactly on a
deadline). Several rules share a child where their dates allow, so a small council can hold
them all next to its ordinary protection cases.
"""

import datetime as dt

from cairn.demo.journeys.base import ChildCase, age_on, days

# Each entry is one open case; the comments name the rule and its state on the as-of date.
CP_SCENARIOS: tuple[frozenset[str], ...] = (
    frozenset({"icpc_overdue"}),  # ICPC_15WD overdue: S47 under way, no conference
    frozenset({"icpc_due_today"}),  # ICPC_15WD due on the as-of date
    frozenset({"core_group_overdue", "visit_overdue"}),  # CORE_GROUP_10WD, CP_VISIT_DUE overdue
    frozenset({"core_group_due_today", "visit_due_today"}),  # both due on the as-of date
    # CP_REVIEW_DUE, MIDPOINT_REVIEW_DUE and CHAIR_ALERT_RESPONSE_DUE overdue
    frozenset({"review_overdue", "midpoint_overdue", "alert_overdue"}),
    frozenset({"review_due_today", "alert_due_today"}),  # both due on the as-of date
    # MIDPOINT_REVIEW_DUE on the as-of date; CP_REPEAT_PLAN (an earlier plan in the episode)
    frozenset({"midpoint_due_today", "repeat"}),
    frozenset({"plan_long"}),  # CP_PLAN_LONG: open well over 18 months
    frozenset({"plan_long_today", "transfer_in"}),  # 18 months to the day; a transfer-in
)
# Days of history a case needs before the as-of date to take each scenario.
ROOM = {"plan_long": 900, "plan_long_today": 680, "repeat": 800}
ROOM_DEFAULT = 300


class CPScenarios:
    def __init__(self, as_of: dt.date, *, each: int = 1):
        self.as_of = as_of
        self.pending = [s for s in CP_SCENARIOS for _ in range(each)]
        self.given: list[frozenset[str]] = []

    def take(self, case: ChildCase, start: dt.date) -> frozenset[str]:
        """The next pending scenario if this open protection case can hold it (a born child of
        two or more with enough history), else none."""
        if not self.pending:
            return frozenset()
        wanted = self.pending[0]
        room = max((ROOM.get(name, ROOM_DEFAULT) for name in wanted), default=ROOM_DEFAULT)
        age = age_on(case.child, self.as_of)
        if age is None or age < 2 or start > self.as_of - days(room):
            return frozenset()
        self.given.append(self.pending.pop(0))
        return wanted
