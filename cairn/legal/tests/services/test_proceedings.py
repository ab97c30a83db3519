import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.core.models import AuditAction
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.legal.models import FinalOrder, HearingKind, InterimOrderKind
from cairn.legal.services.looked_after import looked_after_cease, looked_after_start
from cairn.legal.services.pre_proceedings import pre_proceedings_step_decide
from cairn.legal.services.proceedings import (
    ChildOrder,
    hearing_record,
    interim_order_record,
    proceedings_care_plan_record,
    proceedings_conclude,
    proceedings_extension_grant,
    proceedings_issue,
)
from cairn.legal.tests.services.test_pre_proceedings import initial, letter
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(manager, children, pp):
    pp = letter(manager, pp)
    initial(manager, pp)
    pp = pre_proceedings_step_decide(
        actor=manager,
        pp=pp,
        expected_version=pp.version,
        decided_on=dt.date(2026, 1, 26),
        outcome="issue",
        reason="No change; risk of harm rising",
    )
    return proceedings_issue(
        actor=manager,
        children=children,
        pre_proceedings=pp,
        issued_on=dt.date(2026, 2, 2),
        court="Family Court at Riverside",
        case_number="RV26C00012",
        parents_letter_sent_on=dt.date(2026, 1, 28),
        parents_legal_rep="Y",
    )


def test_issue_hearings_orders_and_conclusion(manager, children, issued):
    assert_audited(instance=issued, action=AuditAction.CREATE, actor=manager)
    hearing_record(
        actor=manager,
        proceedings=issued,
        kind=HearingKind.CASE_MANAGEMENT,
        held_on=dt.date(2026, 2, 16),
        outcome="Timetable set",
    )
    interim_order_record(
        actor=manager,
        proceedings=issued,
        child=children[0],
        kind=InterimOrderKind.INTERIM_CARE,
        made_on=dt.date(2026, 2, 16),
    )
    looked_after_start(
        actor=manager, child=children[0], started_on=dt.date(2026, 2, 16), legal_status="C1"
    )
    assert child_current_level(child=children[0]) == Level.LOOKED_AFTER
    row = issued.children.get(child=children[0])
    proceedings_care_plan_record(
        actor=manager,
        row=row,
        expected_version=row.version,
        initial_care_plan="fostering",
        initial_plan_approved_on=dt.date(2026, 2, 10),
    )
    proceedings_extension_grant(
        actor=manager,
        proceedings=issued,
        granted_on=dt.date(2026, 3, 2),
        weeks=8,
        reason="Expert report delayed",
    )
    hearing_record(
        actor=manager,
        proceedings=issued,
        kind=HearingKind.FINAL,
        held_on=dt.date(2026, 3, 9),
        outcome="Care order made",
    )
    done = proceedings_conclude(
        actor=manager,
        proceedings=issued,
        expected_version=issued.version,
        concluded_on=dt.date(2026, 3, 9),
        orders=[
            ChildOrder(children[0], FinalOrder.CARE_ORDER),
            ChildOrder(children[1], FinalOrder.SUPERVISION_ORDER),
        ],
    )
    assert done.concluded_on == dt.date(2026, 3, 9)
    assert_audited(instance=done, action=AuditAction.UPDATE, actor=manager, fields={"concluded_on"})
    assert set(done.children.values_list("final_order", flat=True)) == {
        "care_order",
        "supervision_order",
    }


def test_issue_before_the_step_decision_is_refused(manager, children, pp):
    pp = letter(manager, pp)
    initial(manager, pp)
    with pytest.raises(ValidationError) as error:
        proceedings_issue(
            actor=manager,
            children=children,
            pre_proceedings=pp,
            issued_on=dt.date(2026, 2, 2),
            court="X",
            case_number="1",
        )
    assert "no step decision to issue" in error.value.message_dict["pre_proceedings"][0]


def test_hearing_before_issue_is_refused(manager, issued):
    with pytest.raises(ValidationError) as error:
        hearing_record(
            actor=manager,
            proceedings=issued,
            kind=HearingKind.CASE_MANAGEMENT,
            held_on=dt.date(2026, 1, 30),
        )
    assert error.value.message_dict["held_on"] == [
        "A hearing cannot be before the proceedings were issued (2 February 2026)"
    ]


def test_outcome_without_a_conclusion_date_is_refused(manager, children, issued):
    with pytest.raises(ValidationError) as error:
        proceedings_conclude(
            actor=manager,
            proceedings=issued,
            expected_version=issued.version,
            concluded_on=None,
            orders=[ChildOrder(c, FinalOrder.NO_ORDER) for c in children],
        )
    assert "a final order needs one" in error.value.message_dict["concluded_on"][0]


def test_every_child_needs_a_final_order(manager, children, issued):
    with pytest.raises(ValidationError) as error:
        proceedings_conclude(
            actor=manager,
            proceedings=issued,
            expected_version=issued.version,
            concluded_on=dt.date(2026, 3, 9),
            orders=[ChildOrder(children[0], FinalOrder.NO_ORDER)],
        )
    assert error.value.message_dict["orders"] == ["Choose the final order for Kofi Mensah"]


def test_an_unknown_final_care_plan_is_refused(manager, children, issued):
    with pytest.raises(ValidationError) as error:
        proceedings_conclude(
            actor=manager,
            proceedings=issued,
            expected_version=issued.version,
            concluded_on=dt.date(2026, 3, 9),
            orders=[
                ChildOrder(children[0], FinalOrder.CARE_ORDER, final_care_plan="orphanage"),
                ChildOrder(children[1], FinalOrder.CARE_ORDER),
            ],
        )
    assert error.value.message_dict["orders"] == [
        "Choose the final care plan for Amara Mensah from the list"
    ]
    issued.refresh_from_db()
    assert issued.concluded_on is None


def test_extension_over_eight_weeks_is_refused(manager, issued):
    with pytest.raises(ValidationError) as error:
        proceedings_extension_grant(
            actor=manager, proceedings=issued, granted_on=dt.date(2026, 3, 2), weeks=9, reason="x"
        )
    assert error.value.message_dict["weeks"] == ["An extension is from 1 to 8 weeks"]


def test_looked_after_cease_before_start_is_refused(manager, children):
    period = looked_after_start(
        actor=manager, child=children[0], started_on=dt.date(2026, 2, 2), legal_status="V2"
    )
    with pytest.raises(ValidationError) as error:
        looked_after_cease(
            actor=manager,
            period=period,
            expected_version=period.version,
            ceased_on=dt.date(2026, 1, 30),
            reason_ceased="E4A",
        )
    assert (
        "cannot be before the child became looked after"
        in (error.value.message_dict["ceased_on"][0])
    )
    period = looked_after_cease(
        actor=manager,
        period=period,
        expected_version=period.version,
        ceased_on=dt.date(2026, 3, 2),
        reason_ceased="E4A",
    )
    assert_audited(
        instance=period,
        action=AuditAction.UPDATE,
        actor=manager,
        fields={"ceased_on", "reason_ceased"},
    )
