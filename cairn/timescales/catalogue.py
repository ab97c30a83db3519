"""The rule catalogue of shared/domain/timescales.md, held as data.

This module is the source: `sync_rules` (signals.py) copies it into the Rule table after every
migrate, so the settings page, the engine, `drift_report` and the docs read the same codes.
Statutory rules are fixed; a local rule's value (its default here) can be changed per council,
and per team where `team_overrides` is set, as RuleSetting rows with history.
"""

from dataclasses import dataclass

from django.db import models


class RuleKind(models.TextChoices):
    STATUTORY = "statutory", "Statutory"
    LOCAL = "local", "Local"
    SETTING = "setting", "Setting used by every rule"


class SettingUnit(models.TextChoices):
    NONE = "", "No value"
    WORKING_DAYS = "working_days", "working days"
    MONTHS = "months", "months"
    WEEKS = "weeks", "weeks"
    CHILDREN = "children", "children"


class AlertUnit(models.TextChoices):
    WORKING_DAYS = "working_days", "working days"
    CALENDAR_DAYS = "calendar_days", "calendar days"


@dataclass(frozen=True)
class RuleDefinition:
    code: str
    kind: str
    name: str
    description: str
    setting_unit: str = SettingUnit.NONE
    default: int | None = None
    team_overrides: bool = False
    # Whether the engine evaluates the rule yet (false while its records do not exist).
    evaluated: bool = True
    # Deadline rules count overdue_by in this unit; flags (no deadline) have none.
    alert_unit: str | None = None
    # Where the value is kept when it is not a RuleSetting (shown on the settings page).
    managed_elsewhere: str = ""

    @property
    def editable(self) -> bool:
        return (
            self.kind != RuleKind.STATUTORY
            and self.setting_unit != SettingUnit.NONE
            and not self.managed_elsewhere
        )


WD, CAL = AlertUnit.WORKING_DAYS, AlertUnit.CALENDAR_DAYS
STATUTORY, LOCAL = RuleKind.STATUTORY, RuleKind.LOCAL

_RULES = [
    RuleDefinition(
        "CONTACT_DECISION_1WD",
        STATUTORY,
        "Contact decision within 1 working day",
        "A contact has no decision (threshold level and next step) by the working day after "
        "it was received.",
        alert_unit=WD,
    ),
    RuleDefinition(
        "ASSESSMENT_45WD",
        STATUTORY,
        "Assessment within 45 working days",
        "An assessment linked to a referral is not authorised within 45 working days of the "
        "referral.",
        alert_unit=WD,
    ),
    RuleDefinition(
        "ICPC_15WD",
        STATUTORY,
        "Initial child protection conference within 15 working days",
        "A section 47 enquiry has started (at the strategy discussion that initiated it), no "
        "initial child protection conference has been held and none was deemed unnecessary; "
        "the conference is due within 15 working days of the start.",
        alert_unit=WD,
    ),
    RuleDefinition(
        "CORE_GROUP_10WD",
        STATUTORY,
        "First core group within 10 working days",
        "A child protection plan is open and no core group has met since it started; the first "
        "is due within 10 working days of the plan starting.",
        alert_unit=WD,
    ),
    RuleDefinition(
        "CP_REVIEW_DUE",
        STATUTORY,
        "Review child protection conference",
        "A child protection plan is open: the first review conference is due 3 months after "
        "the plan started, later ones 6 months after the last review.",
        alert_unit=CAL,
    ),
    RuleDefinition(
        "CP_VISIT_DUE",
        LOCAL,
        "Child protection visit",
        "A child protection plan is open: the child must be seen within this many working days "
        "of the last visit where they were seen (or of the plan starting).",
        SettingUnit.WORKING_DAYS,
        10,
        team_overrides=True,
        alert_unit=WD,
    ),
    RuleDefinition(
        "CIN_VISIT_DUE",
        LOCAL,
        "Child in need visit",
        "A child in need plan is open (and no child protection plan): the child must be seen "
        "within this many working days of the last visit where they were seen (or of the plan "
        "starting).",
        SettingUnit.WORKING_DAYS,
        20,
        team_overrides=True,
        alert_unit=WD,
    ),
    RuleDefinition(
        "CIN_REVIEW_DUE",
        LOCAL,
        "Child in need review",
        "A child in need plan is open (and no child protection plan): a review is due this many "
        "months after the plan started, then after each review.",
        SettingUnit.MONTHS,
        3,
        team_overrides=True,
        alert_unit=CAL,
    ),
    RuleDefinition(
        "CP_PLAN_LONG",
        LOCAL,
        "Long child protection plan",
        "A child protection plan has been open longer than this many months and needs a senior "
        "review.",
        SettingUnit.MONTHS,
        18,
        alert_unit=CAL,
    ),
    RuleDefinition(
        "CP_REPEAT_PLAN",
        LOCAL,
        "Repeat child protection plan",
        "An open child protection plan started within this many months of the end of a previous "
        "child protection plan for the same child (a flag for oversight).",
        SettingUnit.MONTHS,
        24,
    ),
    RuleDefinition(
        "PLAN_NO_CONTINGENCY",
        LOCAL,
        "Plan without a complete contingency",
        "An open child in need or child protection plan's current version has no complete "
        "contingency arrangement: what would show the plan is not working, what will then "
        "happen, who acts and the family network considered.",
    ),
    RuleDefinition(
        "PLAN_OUTCOME_NOT_MEASURED",
        LOCAL,
        "Plan outcome not measured",
        "An open plan has an outcome with no measure of its impact for the child (a baseline "
        "and a latest score or rating).",
    ),
    RuleDefinition(
        "NO_CHILD_PARTICIPATION",
        LOCAL,
        "Child's participation not recorded",
        "The latest review or conference of an open plan has no record of how the child took "
        "part, or why not.",
    ),
    RuleDefinition(
        "ASSESSMENT_UPDATE_DUE",
        LOCAL,
        "Updated assessment after a significant event",
        "A significant change in circumstances was recorded after the latest authorised "
        "assessment and no new assessment has started within this many working days of it.",
        SettingUnit.WORKING_DAYS,
        10,
        alert_unit=WD,
    ),
    RuleDefinition(
        "CASE_OVERSIGHT_DUE",
        LOCAL,
        "Management oversight on the child's record",
        "An open case has no management oversight entry on the child's record within this many "
        "months of the last one (or of the allocation).",
        SettingUnit.MONTHS,
        1,
        team_overrides=True,
        alert_unit=CAL,
    ),
    RuleDefinition(
        "SUPERVISION_DUE",
        LOCAL,
        "Supervision",
        "A case-holding worker has had no supervision within their standard (per team; newly "
        "qualified workers weekly for 6 weeks, then fortnightly to 6 months).",
        SettingUnit.MONTHS,
        1,
        team_overrides=True,
        alert_unit=CAL,
        managed_elsewhere="Set in the supervision standards (workforce), per team.",
    ),
    RuleDefinition(
        "MIDPOINT_REVIEW_DUE",
        LOCAL,
        "Chair's midpoint review",
        "A child protection plan is open and the chair has not reviewed progress since the last "
        "conference; due halfway between the last conference and the next review.",
        alert_unit=CAL,
    ),
    RuleDefinition(
        "CHAIR_ALERT_RESPONSE_DUE",
        LOCAL,
        "Response to a chair's practice alert",
        "A chair's practice alert (challenge) is unresolved: each escalation stage needs a "
        "response within this many working days of the stage starting.",
        SettingUnit.WORKING_DAYS,
        5,
        alert_unit=WD,
    ),
    RuleDefinition(
        "PLO_DURATION",
        LOCAL,
        "Pre-proceedings length",
        "Pre-proceedings are open with no outcome this many weeks after they started.",
        SettingUnit.WEEKS,
        16,
        alert_unit=CAL,
    ),
    RuleDefinition(
        "PROCEEDINGS_26W",
        STATUTORY,
        "Care proceedings within 26 weeks",
        "Care proceedings are issued and not concluded 26 weeks after issue (plus any "
        "extensions granted).",
        alert_unit=CAL,
    ),
    RuleDefinition(
        "UNALLOCATED",
        LOCAL,
        "No allocated worker",
        "An open case has no allocated worker.",
    ),
    RuleDefinition(
        "WORKER_ABSENT",
        LOCAL,
        "Allocated worker absent with no cover",
        "The allocated worker is recorded as absent and no cover worker is set (high severity "
        "when another deadline for the child falls within 10 working days).",
    ),
    RuleDefinition(
        "AUDIT_ACTION_OVERDUE",
        LOCAL,
        "Audit recommendation overdue",
        "An audit recommendation is not completed by its due date.",
        alert_unit=CAL,
    ),
    RuleDefinition(
        "CASELOAD_HIGH",
        LOCAL,
        "High caseload",
        "A worker holds more children than this threshold (the team's threshold unless set here).",
        SettingUnit.CHILDREN,
        20,
        team_overrides=True,
    ),
    RuleDefinition(
        "DUE_SOON_WINDOW",
        RuleKind.SETTING,
        "Warning window",
        "A deadline shows as due soon when it falls on the as-of date or at most this many "
        "working days after it.",
        SettingUnit.WORKING_DAYS,
        5,
    ),
]

CATALOGUE: dict[str, RuleDefinition] = {rule.code: rule for rule in _RULES}
DUE_SOON_WINDOW = "DUE_SOON_WINDOW"
