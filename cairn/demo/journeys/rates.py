"""The rates behind the journeys (shared/domain/volumes.md, "Distributions worth reproducing").

National figures where the DfE publishes them; (est.) marks our estimates. Per-size rates (how
many contacts and referrals a child has) are in `JourneyRates`, chosen so each size comes out near
its row in volumes.md: small is deliberately rich in statutory activity.
"""

from dataclasses import dataclass

from cairn.demo.distributions import Weighted
from cairn.demo.profiles import SizeProfile

# Referral source (2015-16): police 27.6%, schools 16.7%, health 14.3%; the rest (est.).
REFERRAL_SOURCE = Weighted(
    [
        ("6", 27.6),
        ("2A", 15.2),
        ("2B", 1.5),
        ("3A", 3.5),
        ("3B", 3.5),
        ("3C", 1.3),
        ("3D", 1.5),
        ("3E", 3.5),
        ("3F", 1.0),
        ("5A", 5.0),
        ("5B", 3.0),
        ("5C", 2.5),
        ("5D", 4.5),
        ("1A", 5.5),
        ("1B", 1.5),
        ("1C", 1.0),
        ("1D", 1.0),
        ("8", 9.0),
        ("4", 2.0),
        ("7", 2.0),
        ("9", 2.0),
        ("10", 2.0),
    ]
)

# Primary need (CIN at 31 March 2018): N1 53.2%, N5 15.4%, N2 8.7%; the rest (est.).
PRIMARY_NEED = Weighted(
    [
        ("N1", 53.2),
        ("N5", 15.4),
        ("N2", 8.7),
        ("N4", 9.0),
        ("N8", 4.0),
        ("N3", 4.0),
        ("N9", 3.0),
        ("N6", 2.0),
        ("N7", 0.4),
        ("N0", 0.3),
    ]
)

# Factors at assessment (% of assessments, 2015-16), each drawn on its own; the codes within a
# factor say whose concern it is (A the child, B a parent or carer, C another household member).
FACTORS: list[tuple[float, Weighted[str]]] = [
    (0.496, Weighted([("3B", 62), ("3A", 30), ("3C", 8)])),  # domestic abuse
    (0.366, Weighted([("4B", 75), ("4A", 20), ("4C", 5)])),  # mental health
    (0.193, Weighted([("2B", 85), ("2A", 10), ("2C", 5)])),  # drug misuse
    (0.193, Weighted([("17A", 1)])),  # emotional abuse
    (0.184, Weighted([("1B", 88), ("1A", 7), ("1C", 5)])),  # alcohol misuse
    (0.175, Weighted([("16A", 1)])),  # neglect
    (0.140, Weighted([("18C", 80), ("18B", 20)])),  # physical abuse
    (0.064, Weighted([("19C", 70), ("19B", 30)])),  # sexual abuse
    (0.05, Weighted([("6B", 70), ("6A", 30)])),  # physical disability or illness (est.)
    (0.04, Weighted([("5B", 60), ("5A", 40)])),  # learning disability (est.)
    (0.04, Weighted([("14A", 1)])),  # socially unacceptable behaviour (est.)
    (0.04, Weighted([("15A", 1)])),  # self-harm (est.)
    (0.03, Weighted([("10A", 1)])),  # going or being missing (est.)
    (0.025, Weighted([("11A", 1)])),  # child sexual exploitation (est.)
    (0.025, Weighted([("24A", 1)])),  # child criminal exploitation (est.)
    (0.02, Weighted([("7A", 1)])),  # young carer (est.)
    (0.06, Weighted([("20", 1)])),  # other (est.)
]
NO_FACTORS = "21"  # stands alone, and only on an assessment closed RC8/RC9

# Outcome of an assessment still in progress, as proposed when submitted (est.).
PROPOSED_OUTCOME = Weighted(
    [("nfa", 22), ("early_help", 12), ("cin_plan", 45), ("strategy", 14), ("other", 7)]
)
# Working days from referral to authorisation: ~82% within 45 WD, average ~32 (est.).
LATE_ASSESSMENT_SHARE = 0.19
RETURNED_SHARE = 0.15  # assessments a manager returns for more work at least once (est.)
SHORTER_TARGET_SHARE = 0.04  # a manager set a shorter target (est.)

CONTACT_CONSENT = Weighted(
    [("given", 62), ("refused", 6), ("not_sought", 10), ("not_recorded", 22)]
)
EARLY_HELP_END = Weighted(
    [("outcomes_met", 70), ("consent_withdrawn", 12), ("moved_away", 6), ("other", 12)]
)
# How a CIN plan's last review ended it, for plans that ended (est.).
PLAN_END = Weighted([("close", 62), ("step_down", 25), ("step_up", 13)])
MAKING_DIFFERENCE = Weighted([("yes", 45), ("partly", 40), ("no", 15)])
PARTICIPATION = Weighted(
    [
        ("attended_spoke", 24),
        ("attended_advocate", 5),
        ("via_worker", 33),
        ("via_advocate", 8),
        ("in_writing", 15),
        ("not_given_opportunity", 6),
        ("", 9),  # nothing recorded: NO_CHILD_PARTICIPATION
    ]
)
MEASURE_SOURCE = Weighted(
    [("child", 24), ("parent", 24), ("worker", 28), ("indicator", 17), ("", 7)]
)
FGC_STATUS = Weighted([("offered", 30), ("held", 30), ("declined", 25), ("not_offered", 15)])
CLOSURE_AFTER_PLAN = Weighted([("RC7", 88), ("RC5", 6), ("RC3", 3), ("RC4", 3)])
CLOSURE_AFTER_CP_OR_CARE = Weighted([("RC7", 70), ("RC4", 12), ("RC3", 8), ("RC5", 6), ("RC1", 4)])


@dataclass(frozen=True)
class JourneyRates:
    """How much history a child has, by size (chosen to land near volumes.md's rows)."""

    # Past referrals of a child whose case is closed now: {count: weight}.
    past_referrals_closed: Weighted[int]
    # Past referrals of a child whose case is open now.
    past_referrals_open: Weighted[int]
    # Contacts that did not become referrals, per child over the history (mean of a Poisson).
    other_contacts: float
    # Share of a child's later referrals that come within 12 months of the previous one.
    soon_after: float
    step_up_share: float  # referrals that follow an early help episode (step-up)
    # Referral NFA is 6.5% and "not in need" 30.8% of all assessments nationally; open cases are
    # never NFA and mostly on plans, so closed episodes carry more of both (more so in small,
    # where open cases are a larger share of the history).
    referral_nfa: float
    past_outcome: Weighted[str]
    other_contact_step: Weighted[str]  # what contacts that went no further led to
    cp_share: float  # open cases of a children in need and protection team on a CP plan


SMALL_RATES = JourneyRates(
    past_referrals_closed=Weighted([(0, 40), (1, 42), (2, 15), (3, 3)]),
    past_referrals_open=Weighted([(0, 62), (1, 30), (2, 8)]),
    other_contacts=1.0,
    soon_after=0.85,
    step_up_share=0.14,
    referral_nfa=0.12,
    past_outcome=Weighted(
        [("nfa", 30), ("early_help", 16), ("cin_plan", 35), ("strategy", 12), ("other", 7)]
    ),
    other_contact_step=Weighted([("nfa", 40), ("advice", 38), ("early_help", 22)]),
    cp_share=0.6,  # room for every CP drift case next to the ordinary ones
)
COUNCIL_RATES = JourneyRates(
    past_referrals_closed=Weighted([(0, 68), (1, 24), (2, 6), (3, 2)]),
    past_referrals_open=Weighted([(0, 62), (1, 28), (2, 10)]),
    other_contacts=1.5,
    soon_after=0.92,
    step_up_share=0.12,
    referral_nfa=0.072,
    past_outcome=Weighted(
        [("nfa", 18), ("early_help", 9), ("cin_plan", 52), ("strategy", 14), ("other", 7)]
    ),
    other_contact_step=Weighted([("nfa", 45), ("advice", 43), ("early_help", 12)]),
    cp_share=0.25,
)


def rates_for(profile: SizeProfile) -> JourneyRates:
    return SMALL_RATES if profile.small_layout else COUNCIL_RATES


# Child protection (issue 4, item 10) -----------------------------------------------------------
# National figures from volumes.md ("Distributions worth reproducing"); (est.) marks ours.

# Working days from the strategy discussion (the S47 start) to the ICPC (2025): 0-10 WD 8.7%,
# 11-15 WD 72.7%, 16-20 WD 8.9%, 21+ WD 9.7%; median 14 WD (so most of 11-15 is 13-15).
ICPC_WORKING_DAYS = Weighted(
    [
        ((4, 10), 8.7),
        ((11, 12), 14.5),
        ((13, 13), 14.5),
        ((14, 14), 20.4),
        ((15, 15), 23.3),
        ((16, 20), 8.9),
        ((21, 35), 9.7),
    ]
)
ICPC_NO_PLAN = 0.15  # ICPC -> CP plan ~85% (61,840 plans / 72,100 ICPCs, 2025)
TRANSFER_IN = 0.03  # CP plans that start at a transfer-in conference (est.)
# CP plan length at its end, in months (2025): <3 15.9%; 3-6 11.0%; 6-12 43.5%; 1-2 y 25.2%;
# 2 y+ 4.4%. Drawn longer than that: a child's next referral cuts some plans short, and these
# weights (tuned on the medium council) land the plans that ended near the national spread.
CP_PLAN_MONTHS = Weighted([((0, 3), 6), ((3, 6), 5), ((6, 12), 40), ((12, 24), 38), ((24, 36), 11)])
# How old an open CP plan is on the as-of date, in days (est., the plans open at 31 March).
OPEN_CP_PLAN_DAYS = Weighted(
    [((12, 90), 24), ((91, 180), 20), ((181, 365), 29), ((366, 730), 22), ((731, 1000), 5)]
)
PRE_BIRTH_CP = 0.6  # open cases of unborn children with a protection or assessment team (est.)
OPEN_IN_S47 = 0.05  # open protection cases whose S47 is still under way, the ICPC to come (est.)
# Initial category of abuse (plans at 31 March 2020): neglect 50.5%, emotional 35.7%,
# physical 7.4%, sexual 3.8%, multiple 2.6%.
CP_CATEGORY = Weighted([("NEG", 50.5), ("EMO", 35.7), ("PHY", 7.4), ("SAB", 3.8), ("MUL", 2.6)])
CATEGORY_CHANGE = 0.06  # review conferences that change the latest category (est.)
# How a plan ends at its last review conference (est.).
CP_END = Weighted([("end_to_cin", 55), ("end_close", 30), ("end_to_early_help", 15)])
STRATEGY_DECISION = Weighted([("joint_s47", 62), ("single_agency_s47", 38)])
REVIEW_LATE = 0.09  # review conferences held after their due date (est.; ~91% in time)
# Working days from the ICPC to the first core group: mostly within 10 (est.).
FIRST_CORE_GROUP = Weighted([((2, 10), 86), ((11, 20), 10), ((21, 40), 4)])
CORE_GROUP_GAP = (20, 30)  # working days between core groups (every 4-6 weeks, est.)
CP_VISIT_GAP = (6, 11)  # working days between CP visits (CP_VISIT_DUE is 10 WD)
MIDPOINT_SHARE = 0.85  # intervals between conferences with a chair's midpoint review (est.)
MIDPOINT_PROGRESS = Weighted([("good", 30), ("some", 45), ("none", 18), ("worse", 7)])
ALERT_AT_MIDPOINT = {"good": 0.0, "some": 0.05, "none": 0.45, "worse": 0.8}  # (est.)
ALERT_OTHERWISE = 0.05  # plans with a practice alert raised outside a midpoint review (est.)
# What happens to a stage of a practice alert (est.): answered within 5 WD, answered late, or
# escalated unanswered to the next stage.
ALERT_STAGE = Weighted([("answered", 68), ("late", 14), ("escalated", 18)])
ALERT_RESOLVED_ON_ANSWER = 0.85  # otherwise the chair escalates after an unsatisfying answer
# Second or subsequent CP plans are ~23% of plans started: a referral soon after a plan ended
# goes back to protection more often than others do (est., tuned to land near that share).
REPEAT_AFTER_PLAN = 0.8
REPEAT_BEFORE_OPEN = 0.8
REPEAT_IN_EPISODE = 0.6  # plans stepped down to CIN that step up again in the episode
REPEAT_OPEN = 0.22  # open plans that follow an earlier plan in the same episode
REPEAT_MONTHS = 24  # CP_REPEAT_PLAN default
# S47 enquiries that end without a conference (~31% of S47s lead to an ICPC nationally), by
# what the episode's assessment led to; some strategy discussions decide no S47 at all (est.).
S47_WITHOUT_CONFERENCE = {
    "nfa": 0.45,
    "early_help": 0.3,
    "cin_plan": 0.55,
    "other": 0.3,
    "assessing": 0.2,
}
STRATEGY_NFA = 0.15
