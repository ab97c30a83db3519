"""Every item of the CIN census PreProceedingsandFGDM block and of the SSD ssd_pre_proceedings
table is derived from what is stored (cin-census.md, ssd.md)."""

import datetime as dt

import pytest

from cairn.legal.models import CareProceedingsChild, PreProceedingsChild
from cairn.legal.returns_mapping import CENSUS, SSD, census_row, pp_facts_for, ssd_row
from cairn.legal.services.proceedings import proceedings_care_plan_record
from cairn.legal.tests.services.test_pre_proceedings import initial, letter  # noqa: F401
from cairn.legal.tests.services.test_proceedings import issued  # noqa: F401  (fixture)
from cairn.testing.legal_factories import HearingFactory, PreProceedingsFactory

pytestmark = pytest.mark.django_db

CENSUS_ITEMS = [
    "PPStartDate",
    "LBPSentDate",
    "FGDMMeetingOffer",
    "FGDMMeetingFac",
    "InitialPPMeetingDate",
    "ReviewMeetingsCount",
    "StepDecisionDate",
    "PPOutcome",
    "CourtAppDate",
    "LetterInitCPDate",
]
SSD_FIELDS = [
    "prep_table_id",
    "prep_person_id",
    "prep_plo_family_id",
    "prep_pre_pro_decision_date",
    "prep_initial_pre_pro_meeting_date",
    "prep_pre_pro_outcome",
    "prep_agree_stepdown_issue_date",
    "prep_cp_plans_referral_period",
    "prep_legal_gateway_outcome",
    "prep_prev_pre_proc_child",
    "prep_prev_care_proc_child",
    "prep_pre_pro_letter_date",
    "prep_care_pro_letter_date",
    "prep_pre_pro_meetings_num",
    "prep_pre_pro_parents_legal_rep",
    "prep_parents_legal_rep_point_of_issue",
    "prep_court_reference",
    "prep_care_proc_court_hearings",
    "prep_care_proc_short_notice",
    "prep_proc_short_notice_reason",
    "prep_la_inital_plan_approved",
    "prep_la_initial_care_plan",
    "prep_la_final_plan_approved",
    "prep_la_final_care_plan",
]


def test_every_item_is_mapped_in_order():
    assert list(CENSUS) == CENSUS_ITEMS
    assert list(SSD) == SSD_FIELDS


def test_rows_for_a_period_that_went_to_proceedings(manager, children, issued):  # noqa: F811
    PreProceedingsFactory(
        children=children[:1],
        decided_on=dt.date(2025, 5, 5),
        outcome="step_down",
        step_down_to="cp",
        step_decided_on=dt.date(2025, 7, 7),
    )
    HearingFactory(proceedings=issued, held_on=dt.date(2026, 2, 16))
    row = CareProceedingsChild.objects.get(proceedings=issued, child=children[0])
    proceedings_care_plan_record(
        actor=manager,
        row=row,
        expected_version=row.version,
        initial_care_plan="fostering",
        initial_plan_approved_on=dt.date(2026, 2, 10),
    )
    facts = pp_facts_for(
        PreProceedingsChild.objects.filter(
            child=children[0], pre_proceedings=issued.pre_proceedings
        )
    )
    (fact,) = facts
    census = census_row(fact)
    assert census == {
        "PPStartDate": "2026-01-05",
        "LBPSentDate": "2026-01-07",
        "FGDMMeetingOffer": "",
        "FGDMMeetingFac": "",
        "InitialPPMeetingDate": "2026-01-19",
        "ReviewMeetingsCount": "0",
        "StepDecisionDate": "2026-01-26",
        "PPOutcome": "B",
        "CourtAppDate": "2026-02-02",
        "LetterInitCPDate": "2026-01-28",
    }
    ssd = ssd_row(fact)
    assert ssd["prep_plo_family_id"] == str(issued.pre_proceedings_id)
    assert ssd["prep_person_id"] == children[0].la_child_id
    assert ssd["prep_pre_pro_outcome"] == "Issue proceedings"
    assert ssd["prep_legal_gateway_outcome"] == "B"
    assert ssd["prep_prev_pre_proc_child"] == "1"
    assert ssd["prep_prev_care_proc_child"] == "0"
    assert ssd["prep_pre_pro_parents_legal_rep"] == "Y"
    assert ssd["prep_parents_legal_rep_point_of_issue"] == "Y"
    assert ssd["prep_court_reference"] == "RV26C00012"
    assert ssd["prep_care_proc_court_hearings"] == "1"
    assert ssd["prep_care_proc_short_notice"] == "N"
    assert ssd["prep_la_inital_plan_approved"] == "2026-02-10"
    assert ssd["prep_la_initial_care_plan"] == "Long-term fostering"
    assert ssd["prep_la_final_care_plan"] == ""
    assert ssd["prep_cp_plans_referral_period"] == "0"
