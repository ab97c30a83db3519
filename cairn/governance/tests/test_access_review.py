"""Information governance: who viewed and who changed a person's record in a period."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.audit import record_access
from cairn.people.services import adult_register, person_update_details
from cairn.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("governance:access_review")


def _at(day: dt.date):
    return time_machine.travel(dt.datetime.combine(day, dt.time(11, 0), tzinfo=dt.UTC), tick=False)


def _query(reference, start: dt.date, end: dt.date) -> dict:
    return {
        "reference": reference,
        "start_0": start.day,
        "start_1": start.month,
        "start_2": start.year,
        "end_0": end.day,
        "end_1": end.month,
        "end_2": end.year,
    }


@pytest.fixture
def ig_client(client, users):
    client.force_login(users[Role.IG_OFFICER])
    return client


@pytest.fixture
def history(users, teams, child_in_north):
    """Views and changes of Amara's record in February and in April 2026."""
    worker = users[Role.SOCIAL_WORKER]
    february_viewer = UserFactory(
        username="feb", first_name="Fenella", last_name="February", team=teams["north"]
    )
    april_viewer = UserFactory(
        username="apr", first_name="Aprille", last_name="April", team=teams["south"]
    )
    with _at(dt.date(2026, 2, 10)):
        record_access(actor=february_viewer, person=child_in_north, page="/people/1/")
        person_update_details(
            actor=worker, person=child_in_north, expected_version=1, religion="Christian"
        )
    with _at(dt.date(2026, 4, 20)):
        record_access(actor=april_viewer, person=child_in_north, page="/people/1/", granted=False)
        person_update_details(
            actor=worker, person=child_in_north, expected_version=2, known_as="Mara"
        )
    return {"february_viewer": february_viewer, "april_viewer": april_viewer}


def test_shows_views_and_changes_within_the_period_only(ig_client, child_in_north, history):
    response = ig_client.get(
        URL, _query(child_in_north.la_child_id, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    )

    assert response.status_code == 200
    assert response.context["person"] == child_in_north
    views = list(response.context["views"])
    changes = list(response.context["changes"])
    assert [v.actor for v in views] == [history["february_viewer"]]
    assert [list(c.changes) for c in changes] == [["religion"]]
    page = response.content.decode()
    assert "Fenella February" in page
    assert "Aprille April" not in page
    assert "Views of the record (1)" in page
    assert "Changes to the record (1)" in page


def test_the_period_includes_both_end_days(ig_client, child_in_north, history):
    response = ig_client.get(
        URL, _query(child_in_north.la_child_id, dt.date(2026, 2, 10), dt.date(2026, 4, 20))
    )
    views = list(response.context["views"])
    assert [v.actor for v in views] == [history["april_viewer"], history["february_viewer"]]
    assert [v.outcome for v in views] == ["denied", "granted"]
    assert len(response.context["changes"]) == 2
    assert "Denied" in response.content.decode()


def test_a_period_with_no_activity_says_so(ig_client, child_in_north, history):
    response = ig_client.get(
        URL, _query(child_in_north.la_child_id, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    )
    page = response.content.decode()
    assert "No views in this period." in page
    assert "No changes in this period." in page


def test_an_adult_is_found_by_person_id(ig_client, users):
    with _at(dt.date(2026, 1, 5)):
        adult = adult_register(
            actor=users[Role.SOCIAL_WORKER], given_name="Grace", family_name="Okafor"
        )
    response = ig_client.get(URL, _query(str(adult.pk), dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    assert response.context["person"] == adult
    assert [c.action for c in response.context["changes"]] == ["create"]


def test_end_before_start_is_a_field_error(ig_client, child_in_north, history):
    response = ig_client.get(
        URL, _query(child_in_north.la_child_id, dt.date(2026, 4, 30), dt.date(2026, 2, 1))
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["end"] == ["The end of the period must be on or after its start"]
    assert response.context["person"] is None
    assert "govuk-error-summary" in response.content.decode()


def test_an_unknown_reference_is_a_field_error(ig_client, child_in_north):
    response = ig_client.get(URL, _query("C9999999", dt.date(2026, 1, 1), dt.date(2026, 1, 31)))
    assert response.context["form"].errors["reference"] == [
        "No person has that LA child ID or person ID"
    ]
    assert response.context["person"] is None


def test_the_first_visit_shows_the_form_without_errors(ig_client):
    response = ig_client.get(URL)
    assert response.status_code == 200
    assert "govuk-error-summary" not in response.content.decode()
    assert response.context["searched"] is False


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN, Role.QA_OFFICER]
)
def test_only_the_ig_officer_may_review_access(client, users, child_in_north, history, role):
    client.force_login(users[role])
    response = client.get(
        URL, _query(child_in_north.la_child_id, dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    )
    assert response.status_code == 403
    assert "Fenella February" not in response.content.decode()
