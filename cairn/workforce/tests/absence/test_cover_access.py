"""Cover is a scoped "act for": the cover worker sees and writes the absent worker's children
(or the one child) from the cover's first to its last day inclusive, and lists and pages
agree (ADR 0013)."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.core.models import AccessOutcome
from cairn.core.records import record_remove
from cairn.people.selectors import child_list_visible_to
from cairn.testing.audit import assert_access_logged
from cairn.testing.staff_factories import AbsenceFactory, CoverFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2026, 3, 17), dt.date(2026, 3, 20)


def _sees(user, child) -> bool:
    listed = child_list_visible_to(user=user).filter(pk=child.pk).exists()
    assert listed == user.has_perm("casework.view_record", child), "list and page disagree"
    return listed


@pytest.fixture
def cover(worker, cover_worker):
    absence = AbsenceFactory(worker=worker, starts_on=START)
    return CoverFactory(absence=absence, cover_worker=cover_worker, starts_on=START, ends_on=END)


@pytest.mark.parametrize(
    ("day", "granted"),
    [
        (dt.date(2026, 3, 16), False),  # the day before the cover
        (START, True),  # granted on the first day
        (END, True),  # still on the last day
        (dt.date(2026, 3, 21), False),  # removed the day after
    ],
)
def test_cover_access_runs_from_start_to_end_inclusive(
    settings, cover, cover_worker, sooner_child, later_child, day, granted
):
    settings.CAIRN_TODAY = day.isoformat()
    assert _sees(cover_worker, sooner_child) is granted
    assert _sees(cover_worker, later_child) is granted
    assert cover_worker.has_perm("casework.write_record", sooner_child) is granted


def test_a_cover_for_one_child_grants_only_that_child(
    settings, worker, cover_worker, sooner_child, later_child
):
    absence = AbsenceFactory(worker=worker, starts_on=START)
    CoverFactory(
        absence=absence, cover_worker=cover_worker, child=sooner_child, starts_on=START, ends_on=END
    )
    settings.CAIRN_TODAY = START.isoformat()
    assert _sees(cover_worker, sooner_child)
    assert not _sees(cover_worker, later_child)


def test_a_removed_absence_grants_nothing(settings, cover, cover_worker, sooner_child, manager):
    settings.CAIRN_TODAY = START.isoformat()
    record_remove(instance=cover.absence, actor=manager, reason="Recorded in error")
    assert not _sees(cover_worker, sooner_child)


def test_the_cover_worker_opens_the_childs_page_and_the_view_is_logged(
    settings, client, cover, cover_worker, sooner_child
):
    client.force_login(cover_worker)
    settings.CAIRN_TODAY = START.isoformat()
    assert client.get(reverse("casework:child_detail", args=[sooner_child.pk])).status_code == 200
    assert_access_logged(person=sooner_child, actor=cover_worker)

    settings.CAIRN_TODAY = "2026-03-21"
    assert client.get(reverse("casework:child_detail", args=[sooner_child.pk])).status_code == 403
    assert_access_logged(person=sooner_child, actor=cover_worker, outcome=AccessOutcome.DENIED)


def test_the_cover_workers_home_page_shows_who_they_cover(
    settings, client, cover, cover_worker, sooner_child, later_child
):
    settings.CAIRN_TODAY = START.isoformat()
    client.force_login(cover_worker)
    page = client.get(reverse("home")).content.decode()
    heading = f"Covering for {cover.absence.worker.get_full_name()} until 20 March 2026"
    assert heading in page
    assert sooner_child.full_name in page
    assert later_child.full_name in page
    assert "No children are allocated to you." in page
