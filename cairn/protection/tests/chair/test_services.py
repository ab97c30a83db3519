"""The chair's oversight services: midpoint reviews and practice alerts (raise, respond,
escalate, resolve, the daily escalation of unanswered stages): the happy paths, each refusal
with its message and nothing written, the permission matrix and the audit records."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.core.records import ConcurrentEditError
from cairn.protection.models import (
    AlertConcern,
    EscalationStage,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    PracticeAlertStatus,
    ProgressRating,
)
from cairn.protection.services.oversight import (
    midpoint_review_record,
    practice_alert_escalate,
    practice_alert_raise,
    practice_alert_resolve,
    practice_alert_respond,
    practice_alerts_escalate_unanswered,
)
from cairn.testing.audit import assert_audited
from cairn.testing.factories import PersonFactory

from .conftest import PLAN_START, TODAY

pytestmark = pytest.mark.django_db
NOT_CHAIRS = [r for r in Role if r not in (Role.CP_CHAIR, Role.SYSTEM)]


def _review(actor, child, **overrides):
    fields = {
        "reviewed_on": TODAY,
        "progress": ProgressRating.NONE,
        "concerns": "No CP visit since 20 February",
        "actions": "Visit this week",
        "alert_raised": True,
    }
    return midpoint_review_record(actor=actor, child=child, **(fields | overrides))


def _raise(chair, child, **overrides):
    fields = {"concern": AlertConcern.VISITS_MISSED, "concern_detail": "No visit in 5 weeks"}
    return practice_alert_raise(actor=chair, child=child, **(fields | overrides))


def _stage(alert, number):
    return PracticeAlertStage.objects.get(alert=alert, stage=number)


# --- Midpoint reviews ------------------------------------------------------------------------


def test_midpoint_review_is_recorded_on_the_open_cp_plan(chair, cp_child, plan):
    review = _review(chair, cp_child)

    review.refresh_from_db()
    assert (review.plan, review.chair, review.reviewed_on) == (plan, chair, TODAY)
    assert review.progress == ProgressRating.NONE
    assert review.alert_raised is True
    event = assert_audited(instance=review, action="create", actor=chair, fields={"progress"})
    assert event.person == cp_child


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"reviewed_on": TODAY + dt.timedelta(days=1)}, "reviewed_on", "today or in the past"),
        (
            {"reviewed_on": PLAN_START - dt.timedelta(days=1)},
            "reviewed_on",
            "on or after 26 January 2026",
        ),
        ({"concerns": ""}, "concerns", "Enter the concerns: the plan is not progressing"),
        (
            {"progress": ProgressRating.GOOD, "concerns": ""},
            "concerns",
            "Enter the concerns the practice alert will raise",
        ),
        ({"progress": "brilliant"}, "progress", "Select how the plan is progressing"),
    ],
)
def test_midpoint_review_refusals(chair, cp_child, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        _review(chair, cp_child, **overrides)
    assert message in " ".join(error.value.message_dict[field])
    assert not MidpointReview.objects.exists()


def test_midpoint_review_needs_an_open_cp_plan(chair, child_in_north):
    with pytest.raises(ValidationError, match="no open child protection plan"):
        _review(chair, child_in_north)


@pytest.mark.parametrize("role", NOT_CHAIRS)
def test_only_chairs_record_midpoint_reviews(users, cp_child, role):
    with pytest.raises(PermissionDenied, match="Only a child protection chair"):
        _review(users[role], cp_child)
    assert not MidpointReview.objects.exists()


# --- Raising ---------------------------------------------------------------------------------


def test_alert_goes_to_the_team_manager_of_the_allocated_team(chair, cp_child, plan, team_manager):
    review = _review(chair, cp_child)
    alert = _raise(chair, cp_child, midpoint_review=review)

    assert (alert.plan, alert.raised_on, alert.stage) == (plan, TODAY, EscalationStage.TEAM_MANAGER)
    assert alert.midpoint_review == review
    stage = _stage(alert, 1)
    assert stage.recipient == team_manager
    assert stage.response_due_on == dt.date(2026, 3, 23)  # Monday 16 March + 5 WD
    assert_audited(instance=alert, action="create", actor=chair, fields={"concern"})
    assert_audited(instance=stage, action="create", actor=chair, fields={"recipient_id"})


@override_settings(CAIRN_TODAY="2026-04-02")
def test_response_due_counts_working_days_over_easter(chair, cp_child):
    alert = _raise(chair, cp_child)
    # Thursday 2 April: Good Friday and Easter Monday are bank holidays.
    assert _stage(alert, 1).response_due_on == dt.date(2026, 4, 13)


def test_chair_may_name_another_team_manager(chair, cp_child, teams):
    from cairn.testing.factories import UserFactory

    other = UserFactory(role=Role.TEAM_MANAGER, team=teams["south"])
    alert = _raise(chair, cp_child, recipient=other)
    assert _stage(alert, 1).recipient == other


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"concern_detail": "  "}, "concern_detail", "Enter what the concern is"),
        ({"concern": "rudeness"}, "concern", "Select the concern"),
    ],
)
def test_raise_refusals(chair, cp_child, overrides, field, message):
    with pytest.raises(ValidationError) as error:
        _raise(chair, cp_child, **overrides)
    assert message in " ".join(error.value.message_dict[field])
    assert not PracticeAlert.objects.exists()


def test_raise_refused_when_no_team_manager_and_none_named(chair, child_in_south):
    with pytest.raises(ValidationError) as error:
        _raise(chair, child_in_south)
    assert "no team manager" in error.value.message_dict["recipient"][0]
    assert not PracticeAlert.objects.exists()


def test_raise_refused_to_someone_who_cannot_receive_alerts(chair, cp_child, users):
    with pytest.raises(ValidationError, match="not a manager an alert can be addressed to"):
        _raise(chair, cp_child, recipient=users[Role.SOCIAL_WORKER])


@pytest.mark.parametrize("role", NOT_CHAIRS)
def test_only_chairs_raise_alerts(users, cp_child, role):
    with pytest.raises(PermissionDenied):
        _raise(users[role], cp_child)


# --- Responding, escalating, resolving ---------------------------------------------------------


@pytest.fixture
def alert(chair, cp_child):
    return _raise(chair, cp_child)


def test_recipient_responds_with_agreed_actions(alert, team_manager):
    stage = _stage(alert, 1)
    practice_alert_respond(
        actor=team_manager,
        alert=alert,
        response="Visits missed during sickness; cover now in place",
        agreed_actions="Visit by Friday; weekly after",
        expected_version=stage.version,
    )
    stage.refresh_from_db()
    assert stage.responded_on == TODAY
    assert stage.agreed_actions == "Visit by Friday; weekly after"
    assert_audited(instance=stage, action="update", actor=team_manager, fields={"response"})


@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.TEAM_MANAGER, Role.SYSTEM)])
def test_only_the_named_recipient_responds(alert, users, role):
    with pytest.raises(PermissionDenied, match="Only the manager this stage is addressed to"):
        practice_alert_respond(
            actor=users[role], alert=alert, response="x", agreed_actions="y", expected_version=1
        )


def test_response_needs_text_and_actions(alert, team_manager):
    with pytest.raises(ValidationError) as error:
        practice_alert_respond(
            actor=team_manager, alert=alert, response="", agreed_actions="", expected_version=1
        )
    assert set(error.value.message_dict) == {"response", "agreed_actions"}
    assert _stage(alert, 1).responded_on is None


def test_a_stale_response_is_refused(alert, team_manager):
    with pytest.raises(ConcurrentEditError):
        practice_alert_respond(
            actor=team_manager, alert=alert, response="a", agreed_actions="b", expected_version=9
        )


def test_chair_escalates_to_the_service_manager_then_head_of_service(
    alert, chair, service_manager, head_of_service
):
    alert = practice_alert_escalate(actor=chair, alert=alert, expected_version=alert.version)
    assert alert.stage == EscalationStage.SERVICE_MANAGER
    assert _stage(alert, 1).escalated_on == TODAY
    assert _stage(alert, 2).recipient == service_manager
    assert_audited(instance=alert, action="update", actor=chair, fields={"stage"})

    alert = practice_alert_escalate(actor=chair, alert=alert, expected_version=alert.version)
    assert _stage(alert, 3).recipient == head_of_service
    with pytest.raises(ValidationError, match="already with the head of service"):
        practice_alert_escalate(actor=chair, alert=alert, expected_version=alert.version)


@pytest.mark.parametrize("role", NOT_CHAIRS)
def test_only_chairs_escalate_and_resolve(alert, users, role):
    with pytest.raises(PermissionDenied):
        practice_alert_escalate(actor=users[role], alert=alert, expected_version=alert.version)
    with pytest.raises(PermissionDenied):
        practice_alert_resolve(
            actor=users[role], alert=alert, resolution="ok", expected_version=alert.version
        )


def test_chair_resolves_and_a_resolved_alert_no_longer_changes(alert, chair, team_manager):
    resolved = practice_alert_resolve(
        actor=chair, alert=alert, resolution="Visits back on track", expected_version=1
    )
    assert (resolved.status, resolved.resolved_on) == (PracticeAlertStatus.RESOLVED, TODAY)
    assert_audited(instance=resolved, action="update", actor=chair, fields={"status"})
    with pytest.raises(ValidationError, match="resolved on 16 March 2026"):
        practice_alert_resolve(actor=chair, alert=alert, resolution="again", expected_version=2)
    with pytest.raises(ValidationError, match="resolved"):
        practice_alert_escalate(actor=chair, alert=alert, expected_version=2)


def test_resolution_needs_text(alert, chair):
    with pytest.raises(ValidationError, match="Enter how the concern was resolved"):
        practice_alert_resolve(actor=chair, alert=alert, resolution=" ", expected_version=1)


# --- The daily escalation of unanswered stages -------------------------------------------------


def test_unanswered_stage_moves_up_the_day_after_it_was_due(alert, service_manager):
    due = _stage(alert, 1).response_due_on  # Monday 23 March
    system = system_actor()
    assert practice_alerts_escalate_unanswered(actor=system, as_of=due).escalated == []

    run = practice_alerts_escalate_unanswered(actor=system, as_of=due + dt.timedelta(days=1))
    assert [a.pk for a in run.escalated] == [alert.pk]
    stage = _stage(alert, 2)
    assert (stage.recipient, stage.started_on) == (service_manager, dt.date(2026, 3, 24))
    assert stage.response_due_on == dt.date(2026, 3, 31)
    assert_audited(instance=stage, action="create", actor=system)
    # Run again the same day: the new stage is not yet due, nothing moves.
    again = practice_alerts_escalate_unanswered(actor=system, as_of=dt.date(2026, 3, 24))
    assert again.escalated == []


def test_answered_and_resolved_alerts_do_not_move(alert, chair, team_manager, cp_child):
    practice_alert_respond(
        actor=team_manager, alert=alert, response="a", agreed_actions="b", expected_version=1
    )
    other = _raise(chair, cp_child)
    practice_alert_resolve(actor=chair, alert=other, resolution="done", expected_version=1)
    run = practice_alerts_escalate_unanswered(actor=system_actor(), as_of=dt.date(2026, 6, 1))
    assert run.escalated == []


def test_head_of_service_stage_stays_and_missing_manager_is_reported(alert, chair, cp_child, users):
    alert = practice_alert_escalate(actor=chair, alert=alert, expected_version=1)
    alert = practice_alert_escalate(actor=chair, alert=alert, expected_version=alert.version)
    users[Role.SERVICE_MANAGER].is_active = False
    users[Role.SERVICE_MANAGER].save()
    second = _raise(chair, cp_child)
    run = practice_alerts_escalate_unanswered(actor=system_actor(), as_of=dt.date(2026, 6, 1))
    assert run.escalated == []
    assert len(run.problems) == 1
    assert f"Alert {second.pk}" in run.problems[0]
    assert "no service manager" in run.problems[0]


def test_command_escalates_as_the_system_actor(alert, capsys):
    call_command("escalate_practice_alerts", "--as-of", "2026-03-24")
    out = capsys.readouterr().out
    assert "escalated to the service manager" in out
    assert "1 practice alert(s) escalated as of 2026-03-24." in out
    assert _stage(alert, 2).created_by == system_actor()


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("escalate_practice_alerts", "--as-of", "24/03/2026")


def test_alert_on_child_without_cp_plan_has_no_plan(chair, teams, team_manager):
    from cairn.testing.factories import AllocationFactory

    child = PersonFactory()
    AllocationFactory(child=child, team=teams["north"])
    assert _raise(chair, child).plan is None
