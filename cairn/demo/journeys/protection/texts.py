"""Short, plausible, obviously synthetic wording for the child protection records."""

from cairn.casework.models import AgencyKind

# (role, agency, agency kind, has direct contact with the child)
POLICE = ("Detective constable", "Police public protection unit", AgencyKind.POLICE, False)
HEALTH_VISITOR = ("Health visitor", "Fernbridge health visiting service", AgencyKind.HEALTH, True)
SCHOOL_NURSE = ("School nurse", "School nursing service", AgencyKind.HEALTH, True)
GP = ("GP", "Hollins Cross Medical Practice", AgencyKind.HEALTH, True)
SAFEGUARDING_NURSE = (
    "Named nurse for safeguarding",
    "Fernbridge NHS Trust",
    AgencyKind.HEALTH,
    False,
)
TEACHER = ("Designated safeguarding lead", "Fernbridge Primary School", AgencyKind.EDUCATION, True)
NURSERY = ("Nursery manager", "Little Acorns Nursery", AgencyKind.EDUCATION, True)
OTHERS = [
    ("Family support worker", "Fernbridge Family Hub", AgencyKind.OTHER, True),
    ("Drug and alcohol worker", "Recovery service", AgencyKind.OTHER, False),
    ("Domestic abuse advocate", "Fernbridge IDVA service", AgencyKind.OTHER, False),
    ("Probation officer", "Probation service", AgencyKind.PROBATION, False),
    ("Housing officer", "Fernbridge Homes", AgencyKind.HOUSING, False),
]
CSC = "Children's social care"

INFORMATION_SHARED = [
    "Police shared two call-outs to the address this year; health shared missed appointments; "
    "school shared {name}'s attendance and presentation.",
    "Police checks: a partner with a history of violence is staying at the home. Health: "
    "{name}'s injury seen at the emergency department. School: {name} has seemed frightened.",
    "Health visitor reports poor home conditions and weight loss; police have no recent "
    "incidents; the GP shared mother's mental health history.",
    "School shared {name}'s disclosure in full; police will lead on the criminal enquiry.",
]
STRATEGY_NFA_NOTES = [
    "Information shared does not meet the threshold for a S47 enquiry; the single assessment "
    "continues.",
    "Injury has a consistent explanation confirmed by health; no further action under S47.",
]
FINDINGS = [
    "{name} seen alone and spoke about what happens at home. Concerns about neglect of basic "
    "care are confirmed by school and health.",
    "{name} was seen and examined; the injury is consistent with the account of a fall. Home "
    "conditions acceptable; parents co-operative.",
    "Pattern of domestic abuse witnessed by {name}; mother accepts the risk and wants help.",
    "{name}'s disclosure was consistent in the joint interview; the alleged perpetrator has "
    "left the home.",
]
NOT_NEEDED_REASONS = [
    "Concerns not substantiated; the family will be supported under a child in need plan.",
    "Concerns substantiated but {name} is not judged to be at continuing risk of significant "
    "harm: the alleged perpetrator has left and mother is acting protectively.",
    "Concerns not substantiated; no further action, school and health informed.",
]
STRATEGY_ACTIONS = [
    ("See {name} alone within 24 hours", "", True),
    ("Complete police checks on all adults in the household", "Police", False),
    ("Arrange a child protection medical", "Fernbridge NHS Trust", False),
    ("Share attendance and any concerns with the social worker daily", "School", False),
    ("Agree a safety plan with mother today", "", True),
]
CORE_GROUP_ACTIONS = [
    ("Complete the parenting assessment sessions", "", True),
    ("Attend the health review and share the outcome", "Health visiting service", False),
    ("Report any absence from school the same day", "School", False),
    ("Refer mother to the domestic abuse service", "", True),
    ("Update the written agreement with both parents", "", True),
    ("Unannounced visit to check home conditions", "", True),
]
WHAT_CHANGES = [
    "Home conditions must be maintained; school to report weekly; core group to meet monthly.",
    "Father not to be in the home unsupervised; safety plan to be reviewed at each visit.",
    "Mother to engage with the recovery service; random testing agreed.",
]
MIDPOINT_CONCERNS = {
    "good": "",
    "some": "Progress on routines but the written agreement is not yet embedded.",
    "none": "Core group actions are not being completed; visits have been missed.",
    "worse": "New incident reported; risks have increased since the conference.",
}
MIDPOINT_ACTIONS = {
    "good": "Continue as planned.",
    "some": "Social worker to update the core group on the written agreement.",
    "none": "Team manager to review the plan with the social worker this week.",
    "worse": "Consider an early review conference; legal planning to be discussed.",
}
ALERT_DETAIL = {
    "drift": "The plan has not progressed since the last conference; actions are overdue and "
    "no one is following them up.",
    "visits_missed": "Child protection visits have not happened within 10 working days twice "
    "since the conference.",
    "core_groups_not_held": "No core group has met for over six weeks.",
    "plan_not_progressing": "Outcomes are not improving and the contingency has not been "
    "considered.",
    "other": "The parenting assessment agreed at conference has not started.",
}
ALERT_RESPONSES = [
    "Agreed: the social worker will visit this week and the core group is booked.",
    "A new social worker is allocated from Monday; the plan will be reviewed with them.",
    "Manager has reviewed the case; actions updated and shared with the chair.",
]
ALERT_AGREED_ACTIONS = [
    "Visit within 2 working days; core group within 10 working days.",
    "Supervision this week; updated plan to the chair by Friday.",
    "Legal planning meeting to be requested.",
]
ALERT_RESOLUTIONS = [
    "Response accepted: actions completed and the plan is back on track.",
    "Resolved: visits and core groups now up to date.",
]
PLAN_ENDED_RESOLUTION = "The plan ended at review conference; the conference took over the concern."
PARENT_NOTES = [
    "Attended and shared her views with the chair.",
    "Attended for part of the conference; left upset.",
    "Did not attend; the social worker shared his views.",
]
PLAN_END_REASONS = {
    "end_to_cin": "Ended at review conference: stepped down to a child in need plan",
    "end_to_early_help": "Ended at review conference: stepped down to early help",
    "end_close": "Ended at review conference: no longer at risk of significant harm; closed",
}
