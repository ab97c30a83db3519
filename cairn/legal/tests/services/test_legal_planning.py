import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import Attendance, MeetingKind
from cairn.core.models import AuditAction
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.legal.models import LegalDecision, LegalPlanningDetail, PreProceedings, RequestedFrom
from cairn.legal.services.legal_planning import legal_planning_record
from cairn.legal.tests.conftest import LPM_ON, at, lpm_fields
from cairn.testing.audit import assert_audited
from cairn.testing.chair_factories import PracticeAlertFactory
from cairn.testing.protection_factories import ConferenceDetailFactory, ConferenceMeetingFactory

pytestmark = pytest.mark.django_db


def test_start_pre_proceedings_for_siblings_together(manager, children):
    detail = legal_planning_record(actor=manager, **lpm_fields(children))
    assert detail.meeting.kind == MeetingKind.LEGAL_PLANNING
    assert sorted(
        Attendance.objects.filter(meeting=detail.meeting).values_list("name", flat=True)
    ) == ["Hannah Reid", "Sam Whitfield", "Tom Baker"]
    pp = PreProceedings.objects.get()
    assert pp.decided_on == LPM_ON
    assert pp.legal_planning == detail
    assert {r.child for r in pp.children.all()} == set(children)
    assert all(child_current_level(child=c) == Level.PRE_PROCEEDINGS for c in children)
    assert_audited(instance=detail, action=AuditAction.CREATE, actor=manager)
    assert_audited(instance=pp, action=AuditAction.CREATE, actor=manager)


def test_continue_the_plan_starts_nothing(manager, children):
    legal_planning_record(actor=manager, **lpm_fields(children, decision=LegalDecision.CONTINUE))
    assert not PreProceedings.objects.exists()
    assert child_current_level(child=children[0]) == Level.CP


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"held_at": at(dt.date(2026, 4, 1))}, "held_at", "must be today or in the past"),
        ({"legal_adviser": " "}, "legal_adviser", "Enter the name of the legal adviser"),
        ({"decision": "other"}, "decision_other", "Say what the other decision is"),
        ({"rationale": ""}, "rationale", "Enter the reasons for the decision"),
        ({"requested_from": RequestedFrom.CONFERENCE}, "requested_from", "Say which review"),
    ],
)
def test_refusals_write_nothing(manager, children, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        legal_planning_record(actor=manager, **lpm_fields(children, **overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert not LegalPlanningDetail.objects.exists()


def test_child_already_in_pre_proceedings_is_refused(manager, children, lpm):
    with pytest.raises(ValidationError) as error:
        legal_planning_record(
            actor=manager, **lpm_fields(children, held_at=at(dt.date(2026, 2, 2)))
        )
    assert "Amara Mensah is already in pre-proceedings" in error.value.message_dict["children"]


def test_requested_by_a_review_conference_not_before_it(manager, children):
    conference = ConferenceDetailFactory(
        s47__child=children[0],
        meeting=ConferenceMeetingFactory(kind=MeetingKind.RCPC, held_at=at(dt.date(2026, 1, 12))),
    )
    with pytest.raises(ValidationError) as error:
        legal_planning_record(
            actor=manager,
            **lpm_fields(children, requested_from=RequestedFrom.CONFERENCE, conference=conference),
        )
    assert "cannot be before the conference" in error.value.message_dict["held_at"][0]
    detail = legal_planning_record(
        actor=manager,
        **lpm_fields(
            children,
            held_at=at(dt.date(2026, 1, 14)),
            requested_from=RequestedFrom.CONFERENCE,
            conference=conference,
        ),
    )
    assert detail.conference == conference


def test_requested_by_a_practice_alert_about_another_child_is_refused(manager, children):
    alert = PracticeAlertFactory()
    with pytest.raises(ValidationError) as error:
        legal_planning_record(
            actor=manager,
            **lpm_fields(
                children, requested_from=RequestedFrom.PRACTICE_ALERT, practice_alert=alert
            ),
        )
    assert error.value.message_dict["requested_from"] == [
        "The practice alert is about another child"
    ]
