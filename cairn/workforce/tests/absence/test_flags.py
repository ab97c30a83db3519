"""WORKER_ABSENT and UNALLOCATED on the child's page, as the drift engine reports them
(timescales.md)."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.core.working_days import council_calendar
from cairn.frontdoor.models import Episode
from cairn.testing.factories import AllocationFactory
from cairn.testing.frontdoor_factories import EpisodeFactory
from cairn.testing.staff_factories import AbsenceFactory, CoverFactory
from cairn.testing.workforce_factories import OversightEntryFactory
from cairn.timescales.engine import alerts_as_of
from cairn.workforce.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _flags(child, rule):
    alerts = alerts_as_of(as_of=TODAY, calendar=council_calendar(), children=[child.pk])
    return [alert for alert in alerts if alert.rule == rule]


def test_worker_absent_is_high_when_another_deadline_is_within_10_working_days(
    worker, sooner_child, later_child
):
    AbsenceFactory(worker=worker, starts_on=TODAY, expected_end_on=dt.date(2026, 3, 27))
    # Leo's case: referred 2 March (assessment due 8 May), oversight today (due 16 April);
    # Ava's assessment (referred 5 January) was due by 9 March.
    Episode.objects.filter(child=later_child).update(referral_date=dt.date(2026, 3, 2))
    OversightEntryFactory(child=later_child, recorded_on=TODAY)

    [soon] = _flags(sooner_child, "WORKER_ABSENT")
    [later] = _flags(later_child, "WORKER_ABSENT")

    assert (soon.status, soon.severity) == ("flag", "high")
    assert soon.explanation == (
        "The allocated worker has been absent since 16 Mar 2026 and no cover worker is set."
    )
    assert soon.target.model == "workforce.Absence"
    assert (later.status, later.severity) == ("flag", "medium")


def test_worker_absent_stays_until_cover_is_set(worker, cover_worker, sooner_child, later_child):
    absence = AbsenceFactory(worker=worker, starts_on=TODAY)
    CoverFactory(absence=absence, cover_worker=cover_worker, child=sooner_child, ends_on=TODAY)

    assert _flags(sooner_child, "WORKER_ABSENT") == []
    assert len(_flags(later_child, "WORKER_ABSENT")) == 1


def test_no_flag_before_a_planned_absence_starts_or_after_it_ends(worker, sooner_child):
    AbsenceFactory(worker=worker, starts_on=TODAY + dt.timedelta(days=1))
    AbsenceFactory(worker=worker, starts_on=dt.date(2026, 3, 2), ended_on=dt.date(2026, 3, 13))
    assert _flags(sooner_child, "WORKER_ABSENT") == []


def test_unallocated_when_the_open_case_has_no_worker(teams):
    child = AllocationFactory(team=teams["north"], started_on=dt.date(2026, 3, 2)).child
    EpisodeFactory(child=child)

    [flag] = _flags(child, "UNALLOCATED")

    assert flag.explanation == "The case has been waiting for a worker since 2 Mar 2026."
    assert flag.team_id == teams["north"].pk


def test_no_unallocated_flag_for_a_closed_case(teams):
    child = AllocationFactory(team=teams["north"]).child
    EpisodeFactory(child=child, closed_on=dt.date(2026, 3, 1), closure_reason="RC8")
    assert _flags(child, "UNALLOCATED") == []


def test_the_childs_page_shows_the_flag_and_the_stability_section(
    client, manager, worker, sooner_child
):
    AbsenceFactory(worker=worker, starts_on=TODAY)
    client.force_login(manager)
    page = client.get(reverse("casework:child_detail", args=[sooner_child.pk])).content.decode()
    assert "Allocated worker absent with no cover" in page
    assert 'data-rule="WORKER_ABSENT"' in page
    assert "0 changes of social worker in the last 12 months" in page
    assert reverse("workforce:allocation_history", args=[sooner_child.pk]) in page
