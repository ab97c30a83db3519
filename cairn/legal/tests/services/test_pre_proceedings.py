import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import MeetingKind
from cairn.core.models import AuditAction
from cairn.frontdoor.models import Level
from cairn.frontdoor.selectors import child_current_level
from cairn.legal.models import PreProceedingsExtension, PreProceedingsMeeting
from cairn.legal.services.pre_proceedings import (
    EXTEND,
    pre_proceedings_fgdm_record,
    pre_proceedings_letter_record,
    pre_proceedings_meeting_record,
    pre_proceedings_step_decide,
)
from cairn.legal.tests.conftest import PARENTS, at
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db


def letter(manager, pp, on=dt.date(2026, 1, 7)):
    return pre_proceedings_letter_record(
        actor=manager,
        pp=pp,
        expected_version=pp.version,
        letter_sent_on=on,
        letter_changes="Keep the home safe and clean; attend every health appointment",
    )


def initial(manager, pp, on=dt.date(2026, 1, 19)):
    return pre_proceedings_meeting_record(
        actor=manager,
        pp=pp,
        kind=MeetingKind.PP_INITIAL,
        held_at=at(on),
        attendance=PARENTS,
        parents_legal_rep="Y",
    )


def test_letter_meetings_then_step_down(manager, children, pp):
    pp = letter(manager, pp)
    assert_audited(instance=pp, action=AuditAction.UPDATE, actor=manager, fields={"letter_sent_on"})
    pp = pre_proceedings_fgdm_record(
        actor=manager,
        pp=pp,
        expected_version=pp.version,
        offered=True,
        offered_on=dt.date(2026, 1, 7),
        held_on=dt.date(2026, 1, 28),
    )
    first = initial(manager, pp)
    assert first.meeting.children.count() == 2
    review = pre_proceedings_meeting_record(
        actor=manager,
        pp=pp,
        kind=MeetingKind.PP_REVIEW,
        held_at=at(dt.date(2026, 2, 16)),
        progress="Home conditions improved; all appointments kept",
    )
    assert_audited(instance=review, action=AuditAction.CREATE, actor=manager)
    pp = pre_proceedings_step_decide(
        actor=manager,
        pp=pp,
        expected_version=pp.version,
        decided_on=dt.date(2026, 3, 2),
        outcome="step_down",
        step_down_to=Level.CP,
        reason="Sustained change over eight weeks",
    )
    assert pp.outcome == "step_down"
    assert pp.step_decided_on == dt.date(2026, 3, 2)
    assert all(child_current_level(child=c) == Level.CP for c in children)


def test_extend_adds_an_extension_and_keeps_it_open(manager, pp):
    pp = letter(manager, pp)
    initial(manager, pp)
    pp = pre_proceedings_step_decide(
        actor=manager,
        pp=pp,
        expected_version=pp.version,
        decided_on=dt.date(2026, 3, 2),
        outcome=EXTEND,
        extension_weeks=4,
        reason="Father's assessment not complete",
    )
    assert pp.outcome == ""
    assert PreProceedingsExtension.objects.get().weeks == 4


def test_letter_before_the_decision_is_refused(manager, pp):
    with pytest.raises(ValidationError) as error:
        letter(manager, pp, on=dt.date(2026, 1, 2))
    assert error.value.message_dict["letter_sent_on"] == [
        "The date the letter before proceedings was sent cannot be before the decision to "
        "start pre-proceedings (5 January 2026)"
    ]


def test_meeting_before_the_decision_is_refused(manager, pp):
    pp = letter(manager, pp)
    with pytest.raises(ValidationError) as error:
        initial(manager, pp, on=dt.date(2026, 1, 2))
    assert (
        "cannot be before the decision to start pre-proceedings"
        in (error.value.message_dict["held_at"][0])
    )
    assert not PreProceedingsMeeting.objects.exists()


def test_initial_meeting_needs_the_letter_first(manager, pp):
    with pytest.raises(ValidationError) as error:
        initial(manager, pp)
    assert error.value.message_dict["kind"] == [
        "Record the letter before proceedings before the initial meeting"
    ]


def test_review_before_initial_is_refused(manager, pp):
    pp = letter(manager, pp)
    with pytest.raises(ValidationError) as error:
        pre_proceedings_meeting_record(
            actor=manager,
            pp=pp,
            kind=MeetingKind.PP_REVIEW,
            held_at=at(dt.date(2026, 2, 2)),
            progress="Some",
        )
    assert "before a review meeting" in error.value.message_dict["kind"][0]


def test_step_decision_before_the_initial_meeting_is_refused(manager, pp):
    pp = letter(manager, pp)
    with pytest.raises(ValidationError) as error:
        pre_proceedings_step_decide(
            actor=manager,
            pp=pp,
            expected_version=pp.version,
            decided_on=dt.date(2026, 1, 10),
            outcome="issue",
            reason="No change",
        )
    assert error.value.message_dict["outcome"] == [
        "Record the initial pre-proceedings meeting before the step decision"
    ]
    initial(manager, pp)
    with pytest.raises(ValidationError) as error:
        pre_proceedings_step_decide(
            actor=manager,
            pp=pp,
            expected_version=pp.version,
            decided_on=dt.date(2026, 1, 12),
            outcome="issue",
            reason="No change",
        )
    assert (
        "cannot be before the last pre-proceedings meeting (19 January 2026)"
        in (error.value.message_dict["decided_on"][0])
    )


def test_fgdm_not_offered_needs_a_reason(manager, pp):
    with pytest.raises(ValidationError) as error:
        pre_proceedings_fgdm_record(
            actor=manager, pp=pp, expected_version=pp.version, offered=False
        )
    assert error.value.message_dict["not_reason"] == [
        "Say why family group decision-making was not offered"
    ]
