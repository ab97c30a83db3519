"""The deliberate cases: every council gets a few of each, whatever the draws (issue 3, item 12).

The first open cases to come up take them, which puts the first two (a model plan, and a draft
plan with no contingency) on the demo social worker's caseload: that worker's cases come first.
"""

from cairn.accounts.roles import TeamKind
from cairn.demo.journeys.base import ChildCase, age_on, days

PLAN_SCENARIOS = (
    "exemplary",  # authorised assessment, active plan, complete contingency, reviews, visits
    "draft_no_contingency",  # PLAN_NO_CONTINGENCY
    "visit_due_today",  # CIN_VISIT_DUE on the as-of date
    "review_due_today",  # CIN_REVIEW_DUE on the as-of date
    "unmeasured",  # PLAN_OUTCOME_NOT_MEASURED
    "no_participation",  # NO_CHILD_PARTICIPATION
    "event_no_reassessment",  # ASSESSMENT_UPDATE_DUE
    "two_no",  # two reviews in a row answering "no"
)
# Taken after every round of PLAN_SCENARIOS, so the cases those reach are unchanged.
LATE_PLAN_SCENARIOS = ("active_no_contingency",)  # PLAN_NO_CONTINGENCY on an active plan
ASSESSMENT_SCENARIOS = ("assessment_due_today", "assessment_overdue")
CONTACT_SCENARIOS = ("contact_due_today", "contact_overdue")
EACH = 3  # "several of each" in the small council

# Teams whose open cases can be on a CIN plan.
PLAN_KINDS = frozenset(
    {
        TeamKind.ASSESSMENT,
        TeamKind.CIN_CP,
        TeamKind.DISABLED_CHILDREN,
        TeamKind.EDGE_OF_CARE,
        TeamKind.CHILDREN_IN_CARE,
    }
)
ASSESSING_KINDS = frozenset({TeamKind.ASSESSMENT, TeamKind.FRONT_DOOR})


class Scenarios:
    def __init__(self, as_of):
        self.as_of = as_of
        self.pending = {
            "plan": [s for _ in range(EACH) for s in PLAN_SCENARIOS]
            + [s for s in LATE_PLAN_SCENARIOS for _ in range(EACH)],
            "assessing": [s for _ in range(EACH) for s in ASSESSMENT_SCENARIOS],
            "contact": [s for _ in range(EACH) for s in CONTACT_SCENARIOS],
            "ending": ["step_down"] * EACH,
        }
        self.given: list[str] = []

    def for_open_case(self, case: ChildCase) -> tuple[str, str] | None:
        """(shape, scenario) for an open case that can take the next pending scenario."""
        slot = case.slot
        room = case.earliest <= self.as_of - days(420)
        age = age_on(case.child, self.as_of)
        if not case.adults:
            return None  # no family network to plan with
        if slot.worker is not None and slot.team.kind in PLAN_KINDS and self.pending["plan"]:
            wanted = self.pending["plan"][0]
            if age is not None and age >= 5 and room:
                return "cin_plan", self._take("plan")
            if wanted == "draft_no_contingency" and age is not None:
                return "cin_plan", self._take("plan")
        if slot.team.kind in ASSESSING_KINDS and self.pending["assessing"] and room:
            return "assessing", self._take("assessing")
        return None

    def for_plan_ending(self) -> str | None:
        """A past plan that ended at a review: the first few step down to early help."""
        return self._take("ending") if self.pending["ending"] else None

    def for_closed_child(self) -> str | None:
        return self._take("contact") if self.pending["contact"] else None

    def _take(self, kind: str) -> str:
        scenario = self.pending[kind].pop(0)
        self.given.append(scenario)
        return scenario
