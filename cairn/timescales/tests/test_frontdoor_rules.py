"""CONTACT_DECISION_1WD, ASSESSMENT_45WD, ASSESSMENT_UPDATE_DUE at their boundaries."""

import datetime as dt

import pytest
from django.utils import timezone

from cairn.casework.models import Assessment, AssessmentOutcome, AssessmentStatus, SignificantEvent
from cairn.frontdoor.models import ThresholdLevel
from cairn.testing.factories import AllocationFactory, UserFactory
from cairn.testing.frontdoor_factories import ContactChildFactory, ContactFactory, at
from cairn.testing.plans_factories import AuthorisedAssessmentFactory, EpisodeFactory
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


# ---- CONTACT_DECISION_1WD -------------------------------------------------------------------


def _contact(received: dt.date, decided: dt.date | None = None):
    contact_child = ContactChildFactory(contact=ContactFactory(received_at=at(received)))
    if decided:
        level, _ = ThresholdLevel.objects.get_or_create(number=3, defaults={"name": "Targeted"})
        contact_child.threshold_level = level
        contact_child.next_step = "referral"
        contact_child.rationale = "Needs an assessment"
        contact_child.decided_at = at(decided, 16)
        contact_child.save()
    return contact_child


@pytest.mark.parametrize(
    ("received", "as_of", "status", "overdue_by"),
    [
        (D(2026, 3, 2), D(2026, 3, 3), "due_soon", 0),  # the deadline day itself
        (D(2026, 3, 2), D(2026, 3, 2), "due_soon", -1),  # just inside
        (D(2026, 3, 2), D(2026, 3, 4), "overdue", 1),  # just outside
        (D(2025, 12, 24), D(2025, 12, 29), "due_soon", 0),  # Christmas: due Mon 29 Dec
        (D(2026, 4, 2), D(2026, 4, 7), "due_soon", 0),  # Easter: due Tue 7 Apr
        (D(2026, 4, 2), D(2026, 4, 8), "overdue", 1),
    ],
)
def test_contact_decision_deadline(run, received, as_of, status, overdue_by):
    contact_child = _contact(received)
    alert = only(run("CONTACT_DECISION_1WD", as_of))
    assert (alert.status, alert.overdue_by, alert.unit) == (status, overdue_by, "working_days")
    assert alert.la_child_id == contact_child.child.la_child_id
    assert alert.target.model == "frontdoor.ContactChild"


def test_contact_decided_on_the_deadline_day_raises_nothing(run):
    _contact(D(2025, 12, 24), decided=D(2025, 12, 29))
    assert run("CONTACT_DECISION_1WD", D(2026, 1, 5)) == []


def test_contact_decided_after_the_as_of_date_is_still_undecided_on_it(run):
    _contact(D(2026, 3, 2), decided=D(2026, 3, 6))
    assert only(run("CONTACT_DECISION_1WD", D(2026, 3, 4))).status == "overdue"


def test_contact_received_after_the_as_of_date_does_not_count(run):
    _contact(D(2026, 3, 5))
    assert run("CONTACT_DECISION_1WD", D(2026, 3, 4)) == []


# ---- ASSESSMENT_45WD ------------------------------------------------------------------------


def _assessment(referred: dt.date, started: dt.date, authorised: dt.date | None = None, **ep):
    episode = EpisodeFactory(referral_date=referred, **ep)
    return Assessment.objects.create(
        episode=episode,
        child=episode.child,
        started_on=started,
        target_date=referred,
        status=AssessmentStatus.AUTHORISED if authorised else AssessmentStatus.DRAFT,
        outcome=AssessmentOutcome.CIN_PLAN if authorised else "",
        authorised_on=authorised,
        created_by=episode.created_by,
        updated_by=episode.created_by,
    )


def test_christmas_example_from_timescales(run):
    """Referral Fri 19 Dec 2025 + 45 WD = Wed 25 Feb 2026 (25, 26 Dec and 1 Jan skipped)."""
    assessment = _assessment(D(2025, 12, 19), D(2025, 12, 22))
    worker = UserFactory(username="jo.bloggs")
    AllocationFactory(
        child=assessment.child, worker=worker, team=worker.team, started_on=D(2025, 12, 19)
    )
    alert = only(run("ASSESSMENT_45WD", D(2026, 3, 31)))
    assert alert.as_contract() == {
        "rule": "ASSESSMENT_45WD",
        "status": "overdue",
        "severity": "high",
        "child": assessment.child.la_child_id,
        "worker": "jo.bloggs",
        "team": worker.team_id,
        "due": "2026-02-25",
        "overdue_by": 24,
        "unit": "working_days",
        "explanation": "Assessment started 22 Dec 2025 for referral of 19 Dec 2025 is not "
        "authorised; it was due by 25 Feb 2026.",
    }


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2026, 2, 24), "due_soon", -1),  # just inside
        (D(2026, 2, 25), "due_soon", 0),  # the deadline day
        (D(2026, 2, 26), "overdue", 1),  # just outside
    ],
)
def test_assessment_boundaries_across_christmas(run, as_of, status, overdue_by):
    _assessment(D(2025, 12, 19), D(2025, 12, 22))
    alert = only(run("ASSESSMENT_45WD", as_of))
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, D(2026, 2, 25))


def test_assessment_across_easter(run):
    """Mon 2 Mar 2026 + 45 WD skips Good Friday and Easter Monday: Thu 7 May 2026."""
    _assessment(D(2026, 3, 2), D(2026, 3, 3))
    assert only(run("ASSESSMENT_45WD", D(2026, 5, 7))).due == D(2026, 5, 7)
    assert only(run("ASSESSMENT_45WD", D(2026, 5, 8))).overdue_by == 1


def test_assessment_far_from_its_deadline_raises_nothing(run):
    _assessment(D(2026, 1, 5), D(2026, 1, 6))
    assert run("ASSESSMENT_45WD", D(2026, 1, 20)) == []


def test_assessment_authorised_on_the_deadline_day_raises_nothing(run):
    _assessment(D(2025, 12, 19), D(2025, 12, 22), authorised=D(2026, 2, 25))
    assert run("ASSESSMENT_45WD", D(2026, 3, 31)) == []


def test_assessment_authorised_after_the_as_of_date_counts_as_not_authorised(run):
    _assessment(D(2025, 12, 19), D(2025, 12, 22), authorised=D(2026, 3, 2))
    assert only(run("ASSESSMENT_45WD", D(2026, 2, 27))).overdue_by == 2


def test_closed_case_raises_nothing_but_is_open_before_its_closure(run):
    _assessment(D(2025, 12, 19), D(2025, 12, 22), closed_on=D(2026, 3, 2), closure_reason="RC8")
    assert run("ASSESSMENT_45WD", D(2026, 3, 2)) == []
    assert only(run("ASSESSMENT_45WD", D(2026, 2, 27))).status == "overdue"


def test_imported_record_is_evaluated_like_one_made_in_cairn(run):
    """An import writes the rows years after their dates: only the record's own dates count."""
    assessment = _assessment(D(2025, 12, 19), D(2025, 12, 22))
    type(assessment).objects.filter(pk=assessment.pk).update(
        created_at=timezone.now() + dt.timedelta(days=400)
    )
    assert only(run("ASSESSMENT_45WD", D(2026, 2, 26))).overdue_by == 1


# ---- ASSESSMENT_UPDATE_DUE ------------------------------------------------------------------


def _event_after_assessment(occurred: dt.date, **episode):
    assessment = AuthorisedAssessmentFactory(
        episode=EpisodeFactory(referral_date=D(2025, 10, 1), **episode),
        started_on=D(2025, 10, 2),
        authorised_on=D(2025, 11, 3),
    )
    return SignificantEvent.objects.create(
        child=assessment.child,
        occurred_on=occurred,
        type="incident",
        description="Police called to the home",
        created_by=assessment.created_by,
        updated_by=assessment.created_by,
    )


@pytest.mark.parametrize(
    ("occurred", "as_of", "status", "overdue_by", "due"),
    [
        (D(2025, 12, 19), D(2026, 1, 7), "due_soon", 0, D(2026, 1, 7)),  # Christmas, the day
        (D(2025, 12, 19), D(2026, 1, 8), "overdue", 1, D(2026, 1, 7)),  # just outside
        (D(2025, 12, 19), D(2026, 1, 6), "due_soon", -1, D(2026, 1, 7)),  # just inside
        (D(2026, 3, 27), D(2026, 4, 15), "overdue", 1, D(2026, 4, 14)),  # Easter
    ],
)
def test_assessment_update_due(run, occurred, as_of, status, overdue_by, due):
    _event_after_assessment(occurred)
    alert = only(run("ASSESSMENT_UPDATE_DUE", as_of))
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, due)


def test_assessment_update_met_by_a_new_assessment_started(run):
    event = _event_after_assessment(D(2025, 12, 19))
    _started = Assessment.objects.create(
        episode=event.child.episodes.get(),
        child=event.child,
        started_on=D(2026, 1, 7),
        target_date=D(2026, 3, 1),
        created_by=event.created_by,
        updated_by=event.created_by,
    )
    assert run("ASSESSMENT_UPDATE_DUE", D(2026, 1, 20)) == []
    assert only(run("ASSESSMENT_UPDATE_DUE", D(2026, 1, 6))).status == "due_soon"


def test_assessment_update_closed_case(run):
    _event_after_assessment(D(2025, 12, 19), closed_on=D(2026, 1, 2), closure_reason="RC7")
    assert run("ASSESSMENT_UPDATE_DUE", D(2026, 1, 8)) == []


def test_assessment_update_after_the_local_value_changes(run, set_value):
    _event_after_assessment(D(2025, 12, 19))
    set_value("ASSESSMENT_UPDATE_DUE", 5)  # 19 Dec + 5 WD = Tue 30 Dec
    alert = only(run("ASSESSMENT_UPDATE_DUE", D(2026, 1, 2)))
    assert (alert.due, alert.overdue_by, alert.severity) == (D(2025, 12, 30), 2, "medium")
