"""Manager pages for absence and cover: permissions, the flow, and bounded queries."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.frontdoor.models import Episode
from cairn.testing.factories import UserFactory
from cairn.testing.staff_factories import AbsenceFactory
from cairn.testing.workforce_factories import OversightEntryFactory
from cairn.workforce.models import Absence, Cover
from cairn.workforce.tests.absence.conftest import open_case
from cairn.workforce.tests.conftest import TODAY

pytestmark = pytest.mark.django_db

MANAGERS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
def test_only_managers_see_the_absence_pages(client, users, worker, role):
    absence = AbsenceFactory(worker=worker)
    client.force_login(users[role])
    allowed = role in MANAGERS
    for url in (
        reverse("workforce:absence_list"),
        reverse("workforce:absence_record"),
        reverse("workforce:absence_detail", args=[absence.pk]),
        reverse("workforce:cover_set", args=[absence.pk]),
    ):
        assert client.get(url).status_code == (200 if allowed else 403), url


def test_a_manager_of_another_team_cannot_manage_the_absence(client, teams, worker):
    other = UserFactory(role=Role.TEAM_MANAGER, team=teams["south"])
    absence = AbsenceFactory(worker=worker)
    client.force_login(other)
    assert client.get(reverse("workforce:absence_detail", args=[absence.pk])).status_code == 403


def test_the_manager_records_an_absence_sees_children_by_deadline_and_sets_cover(
    client, manager, worker, cover_worker, later_child, sooner_child
):
    # The drift engine's deadlines: Leo's referral of 2 March (assessment due 8 May) and
    # oversight today leave him nothing due; Ava's assessment was due by 9 March.
    Episode.objects.filter(child=later_child).update(referral_date=dt.date(2026, 3, 2))
    OversightEntryFactory(child=later_child, recorded_on=TODAY)
    client.force_login(manager)
    response = client.post(
        reverse("workforce:absence_record"),
        {"worker": worker.pk, "kind": "unplanned", **_date("starts_on", TODAY), "reason": ""},
    )
    absence = Absence.objects.get(worker=worker)
    assert response.url == reverse("workforce:absence_detail", args=[absence.pk])

    page = client.get(response.url).content.decode()
    assert page.index(sooner_child.full_name) < page.index(later_child.full_name)
    assert "2 children; 2 without cover today." in page

    response = client.post(
        reverse("workforce:cover_set", args=[absence.pk]),
        {
            "cover_worker": cover_worker.pk,
            **_date("starts_on", TODAY),
            **_date("ends_on", dt.date(2026, 3, 20)),
        },
    )
    assert response.status_code == 302
    assert Cover.objects.get(absence=absence).cover_worker == cover_worker
    page = client.get(reverse("workforce:absence_detail", args=[absence.pk])).content.decode()
    assert "2 children; 0 without cover today." in page


def test_bad_input_shows_the_error_and_writes_nothing(client, manager, worker):
    client.force_login(manager)
    response = client.post(
        reverse("workforce:absence_record"),
        {
            "worker": worker.pk,
            "kind": "planned",
            **_date("starts_on", TODAY),
            **_date("expected_end_on", TODAY - dt.timedelta(days=2)),
        },
    )
    assert response.status_code == 200
    assert "The expected end must be on or after the first day" in response.content.decode()
    assert not Absence.objects.exists()


def test_the_absence_list_shows_who_is_away_today(client, manager, worker):
    AbsenceFactory(worker=worker, starts_on=TODAY)
    client.force_login(manager)
    page = client.get(reverse("workforce:absence_list")).content.decode()
    assert worker.get_full_name() in page
    assert "No cover" in page


def test_absence_pages_do_not_grow_with_children(
    client, manager, worker, teams, django_assert_max_num_queries
):
    absence = AbsenceFactory(worker=worker, starts_on=TODAY)
    for n in range(6):
        open_case(
            team=teams["north"],
            worker=worker,
            target=dt.date(2026, 4, 1) + dt.timedelta(days=n),
            given=f"Child{n}",
            family="Smith",
        )
    client.force_login(manager)
    # 32: the worker's children's drift alerts are the engine's fixed set (ADR 0016).
    with django_assert_max_num_queries(32):
        client.get(reverse("workforce:absence_detail", args=[absence.pk]))
    with django_assert_max_num_queries(10):
        client.get(reverse("workforce:absence_list"))
