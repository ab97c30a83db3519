"""Each endpoint's happy path, its paging, its errors (JSON, naming the field; never a 500) and
its audit: the same access-log entries as the pages, contacts audited as written by the API."""

import os
import subprocess
import sys

import pytest
from django.db import connection
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.api.tests.conftest import client_with
from cairn.core.models import AccessEvent, AccessOutcome, AuditAction, AuditEvent
from cairn.frontdoor.models import Contact, ContactChild
from cairn.testing.audit import assert_access_logged, assert_audited
from cairn.testing.factories import AllocationFactory, PersonFactory

from .world import NHS, child_record, finished_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(child_in_north):
    return child_record(child_in_north)


# --- Children --------------------------------------------------------------------------------


def test_search_finds_the_child_by_name_and_by_nhs_number(api_as, child_in_north, record):
    api = api_as(Role.SOCIAL_WORKER)
    body = api.get("/api/children/", {"q": "Okafor"}).json()
    assert body["count"] == 1
    (row,) = body["results"]
    assert row["id"] == child_in_north.pk
    assert row["name"] == "Amara Okafor"
    assert row["hidden"] is False
    assert api.get("/api/children/", {"q": NHS}).json()["results"][0]["id"] == child_in_north.pk


def test_search_needs_a_query(api_as):
    response = api_as().get("/api/children/")
    assert response.status_code == 400
    assert "q" in response.json()["errors"]


def test_search_pages_are_bounded(api_as, teams, users):
    for n in range(7):
        child = PersonFactory(given_name=f"Child{n}", family_name="Pagewood")
        AllocationFactory(child=child, team=teams["north"])
    api = api_as(Role.SOCIAL_WORKER)
    first = api.get("/api/children/", {"q": "Pagewood", "page_size": 3}).json()
    assert first["count"] == 7
    assert len(first["results"]) == 3
    assert first["previous"] is None
    assert "page=2" in first["next"]
    last = api.get("/api/children/", {"q": "Pagewood", "page_size": 3, "page": 3}).json()
    assert len(last["results"]) == 1
    assert last["next"] is None
    seen = {
        r["id"]
        for p in (1, 2, 3)
        for r in api.get("/api/children/", {"q": "Pagewood", "page_size": 3, "page": p}).json()[
            "results"
        ]
    }
    assert len(seen) == 7


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"page": "99"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "-1"}, "page_size"),
        ({"q": "x" * 201}, "q"),
        ({"q": "Okafor\x00"}, "q"),
    ],
)
def test_bad_query_parameters_are_400_naming_them(api_as, child_in_north, params, field):
    response = api_as().get("/api/children/", {"q": "Okafor", **params})
    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_reading_a_child_logs_the_view_like_the_child_page(api_as, child_in_north, record):
    api = api_as(Role.SOCIAL_WORKER)
    url = f"/api/children/{child_in_north.pk}/"
    body = api.get(url).json()
    assert body["la_child_id"] == child_in_north.la_child_id
    assert body["identifiers"] == [{"system": "nhs", "value": "943 476 5919"}]
    assert body["level_of_need"] == {"code": "cin", "label": "Child in need"}
    assert body["allocation"]["team"] == "North locality"
    event = assert_access_logged(person=child_in_north, actor=api.user)
    assert event.page == url


def test_plans_are_the_childs_cin_and_cp_plans(api_as, child_in_north, record):
    api = api_as(Role.SOCIAL_WORKER)
    body = api.get(f"/api/children/{child_in_north.pk}/plans/").json()
    kinds = {p["kind"]: p for p in body["results"]}
    assert set(kinds) == {"cin", "cp"}
    assert kinds["cin"]["version"]["outcomes"] == ["Amara will get to school on time every day"]
    assert kinds["cin"]["version"]["actions"][0]["what"] == "Walk Amara to school"
    assert kinds["cp"]["categories"] == [
        {"code": "NEG", "label": "Neglect", "from_on": "2025-03-01"}
    ]
    assert_access_logged(person=child_in_north, actor=api.user)


def test_a_childs_alerts_are_the_engines(api_as, child_in_north, record):
    api = api_as(Role.SOCIAL_WORKER)
    body = api.get(f"/api/children/{child_in_north.pk}/alerts/").json()
    rules = {a["rule"] for a in body["results"]}
    assert "CONTACT_DECISION_1WD" in rules
    assert all(a["child_id"] == child_in_north.pk for a in body["results"])
    assert_access_logged(person=child_in_north, actor=api.user)


def test_the_alert_list_is_scoped_and_filtered(api_as, child_in_north, child_in_south, record):
    child_record(child_in_south, nhs=None)
    sw = api_as(Role.SOCIAL_WORKER)
    body = sw.get("/api/alerts/", {"rule": "CONTACT_DECISION_1WD"}).json()
    assert {a["child_id"] for a in body["results"]} == {child_in_north.pk}
    chair = api_as(Role.CP_CHAIR).get("/api/alerts/", {"rule": "CONTACT_DECISION_1WD"}).json()
    assert {a["child_id"] for a in chair["results"]} == {child_in_north.pk, child_in_south.pk}
    bad = sw.get("/api/alerts/", {"rule": "NOT_A_RULE", "status": "late"})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"rule", "status"}


# --- Contacts --------------------------------------------------------------------------------


def _contact(children, **extra):
    return {
        "children": children,
        "received_at": "2026-03-02T09:30:00Z",
        "source": "2A",
        "concerns": "Arrived at school hungry three days this week.",
        "consent": "given",
        "referrer_name": "Ms Kaur",
        "referrer_organisation": "Northfield Primary School",
        **extra,
    }


def test_a_contact_is_recorded_through_the_front_door_service(api_as, child_in_north, time_machine):
    time_machine.move_to("2026-03-03T12:00:00Z")
    api = api_as(Role.SOCIAL_WORKER)
    response = api.post("/api/contacts/", _contact([child_in_north.pk]), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    contact = Contact.objects.get(pk=body["id"])
    assert contact.team == api.user.team
    expected = [{"id": child_in_north.pk, "la_child_id": child_in_north.la_child_id}]
    assert body["children"] == expected
    event = assert_audited(instance=contact, action=AuditAction.CREATE, actor=api.user)
    assert event.via == "api"
    assert ContactChild.objects.get(contact=contact).child == child_in_north


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"children": []}, "children"),
        ({"children": ["x"]}, "children.0"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"received_at": "2999-01-01T09:00:00Z"}, "received_at"),  # the service's own rule
        ({"received_at": "0019-01-01T00:01:00Z"}, "received_at"),  # found by schemathesis
        ({"source": "ZZ"}, "source"),
        ({"concerns": "  "}, "concerns"),
        ({"consent": "maybe"}, "consent"),
        ({"referrer_name": "x" * 121}, "referrer_name"),
    ],
)
def test_bad_contact_input_is_400_naming_the_field_and_writes_nothing(
    api_as, child_in_north, change, field
):
    api = api_as(Role.SOCIAL_WORKER)
    before = AuditEvent.objects.count()
    body = {**_contact([child_in_north.pk]), **change}
    response = api.post("/api/contacts/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["errors"], response.json()
    assert not Contact.objects.exists()
    assert AuditEvent.objects.count() == before


def test_a_contact_for_a_child_outside_scope_is_refused_and_logged(
    api_as, child_in_north, child_in_south
):
    api = api_as(Role.SOCIAL_WORKER)
    response = api.post(
        "/api/contacts/", _contact([child_in_north.pk, child_in_south.pk]), format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"]["children"] == [
        f"There is no child with id {child_in_south.pk} that you may see."
    ]
    assert "Hughes" not in response.content.decode()
    assert not Contact.objects.exists()
    assert_access_logged(person=child_in_south, actor=api.user, outcome=AccessOutcome.DENIED)


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2]", "application/json", 400),
        ("children=1", "application/x-www-form-urlencoded", 415),
        ("<contact/>", "application/xml", 415),
    ],
)
def test_bad_bodies_are_json_errors(api_as, body, content_type, status):
    response = api_as().post("/api/contacts/", body, content_type=content_type)
    assert response.status_code == status
    assert response.json()["status"] == status
    assert not Contact.objects.exists()


# --- Returns ---------------------------------------------------------------------------------


def test_return_runs_list_read_and_download(api_as, settings, tmp_path):
    settings.CAIRN_RETURNS_DIR = tmp_path
    run = finished_run(tmp_path)
    api = api_as(Role.PERFORMANCE_ANALYST)
    body = api.get("/api/returns/runs/").json()
    assert [r["id"] for r in body["results"]] == [run.pk]
    row = api.get(f"/api/returns/runs/{run.pk}/").json()
    assert row["status"] == "done"
    assert row["download_url"].endswith(reverse("api:return_run_file", args=[run.pk]))
    download = api.get(f"/api/returns/runs/{run.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/xml"
    assert b"".join(download.streaming_content) == b"<Message>synthetic</Message>"


def test_a_run_without_its_file_is_404(api_as, settings, tmp_path):
    settings.CAIRN_RETURNS_DIR = tmp_path
    run = finished_run(tmp_path)
    (tmp_path / run.file_name).unlink()
    api = api_as(Role.PERFORMANCE_ANALYST)
    assert api.get(f"/api/returns/runs/{run.pk}/file/").status_code == 404


# --- Errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/children/999999/",
        "/api/children/99999999999999999999999/",
        "/api/children/-1/",
        "/api/children/abc/plans/",
        "/api/returns/runs/9223372036854775808/",
        "/api/nowhere/",
    ],
)
def test_unknown_ids_and_addresses_are_json_404s(api_as, url):
    response = api_as(Role.PERFORMANCE_ANALYST).get(url)
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_an_adults_id_is_not_a_child(api_as, child_in_north):
    adult = PersonFactory(kind="adult", given_name="Grace", family_name="Okafor")
    assert api_as(Role.CP_CHAIR).get(f"/api/children/{adult.pk}/").status_code == 404
    assert not AccessEvent.objects.filter(person=adult).exists()


def test_only_json_is_offered(api_as):
    response = api_as().get("/api/children/", {"q": "x"}, HTTP_ACCEPT="text/html")
    assert response.status_code == 406


@pytest.mark.parametrize("method", ["delete", "put", "options"])
def test_wrong_method_is_405(api_as, method):
    response = getattr(api_as(), method)("/api/contacts/")
    assert response.status_code == 405
    assert response.json()["status"] == 405


def test_the_rate_limit_is_per_token_and_answers_429_with_retry_after(api_as, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_read": "3/minute", "api_write": "3/minute"},
    }
    api, other = api_as(), api_as()
    statuses = [api.get("/api/children/", {"q": "x"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = api.get("/api/children/", {"q": "x"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert refused.json()["status"] == 429
    assert other.get("/api/children/", {"q": "x"}).status_code == 200  # another token


OTHER_PROCESS = """
import sys
import django
django.setup()
from django.test import override_settings
from django.test.utils import setup_test_environment
setup_test_environment()  # the test client's host allowed, as in this process
from rest_framework.test import APIClient
rates = {"api_read": "3/minute", "api_write": "3/minute"}
with override_settings(REST_FRAMEWORK={**django.conf.settings.REST_FRAMEWORK,
                                       "DEFAULT_THROTTLE_RATES": rates}):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {sys.argv[1]}")
    print(api.get("/api/children/", {"q": "x"}).status_code)
"""


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the SQLite test database is in memory: another process cannot open it",
)
@pytest.mark.django_db(transaction=True)
def test_the_rate_limit_holds_across_server_processes(issue_token, settings):
    """The counts live in the database cache (ADR 0029), so a token's calls answered by one
    gunicorn worker count in every other: another Python process on the same database is
    refused the call over the rate that this one's calls used up (with a cache per process,
    it would be answered)."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"api_read": "3/minute", "api_write": "3/minute"},
    }
    _, secret = issue_token()
    api = client_with(secret)
    assert [api.get("/api/children/", {"q": "x"}).status_code for _ in range(3)] == [200] * 3
    db = connection.settings_dict
    login = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    url = f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    other = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", OTHER_PROCESS, secret],
        env={**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "cairn.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert other.stdout.split()[-1] == "429"
