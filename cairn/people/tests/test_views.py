"""People pages: the person page, search, and registering a child."""

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AuditEvent
from cairn.core.records import record_remove
from cairn.people.models import Identifier, Person
from cairn.people.services import child_register, relationship_create
from cairn.testing.factories import AdultFactory, AllocationFactory, PersonFactory
from cairn.workforce.models import Allocation

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 16)
# Session, user, scope check, access log, the person and their prefetches, navigation (17 today)
PERSON_PAGE_MAX_QUERIES = 20


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def _detail(person):
    return reverse("people:person_detail", args=[person.pk])


def _child_page(child):
    """Lists of children link to the child's page."""
    return reverse("casework:child_detail", args=[child.pk])


def _child_with_family(worker, team, size: int) -> Person:
    """A child with `size` relatives, identifiers and disabilities."""
    child = PersonFactory()
    AllocationFactory(child=child, team=team, worker=worker)
    for n in range(size):
        relative = AdultFactory()
        relationship_create(actor=worker, person=child, relative=relative, type="other")
        Identifier.objects.create(
            person=child,
            system="legacy",
            value=f"LEG{child.pk}-{n}",
            created_by=worker,
            updated_by=worker,
        )
    return child


class TestPersonPage:
    def test_shows_the_childs_details_identifiers_and_family(self, worker_client, worker):
        child = child_register(
            actor=worker,
            team=worker.team,
            given_name="Amara",
            family_name="Okafor",
            date_of_birth=dt.date(2016, 3, 27),
            sex="F",
            ethnicity="BAFR",
            nhs_number="9434765919",
            disabilities=["AUT"],
        )
        mother = AdultFactory(given_name="Grace", family_name="Okafor")
        relationship_create(actor=worker, person=child, relative=mother, type="mother")

        response = worker_client.get(_detail(child))

        assert response.status_code == 200
        page = response.content.decode()
        assert '<h1 class="govuk-heading-l">' in page
        assert "Amara Okafor" in page
        assert child.la_child_id in page
        assert "943 476 5919" in page  # shown 3 3 4
        assert "27 March 2016" in page
        assert "9 years old" in page  # on 16 March 2026
        assert "Autism / Asperger syndrome" in page
        assert "Grace Okafor" in page
        assert "Mother" in page
        assert f"{worker.team.name}: no worker allocated" in page

    def test_a_relative_page_shows_the_inverse_link(self, worker_client, worker, child_in_north):
        mother = AdultFactory(given_name="Grace", family_name="Okafor")
        relationship_create(actor=worker, person=child_in_north, relative=mother, type="mother")

        page = worker_client.get(_detail(mother)).content.decode()

        assert "Their mother: Grace Okafor" in page
        assert _detail(child_in_north) in page

    def test_removed_identifiers_and_disabilities_are_not_shown(self, worker_client, worker):
        child = child_register(
            actor=worker,
            team=worker.team,
            given_name="Amara",
            family_name="Okafor",
            date_of_birth=dt.date(2016, 3, 27),
            nhs_number="9434765919",
            disabilities=["AUT"],
        )
        record_remove(instance=child.identifiers.get(), actor=worker, reason="Wrong child")
        record_remove(instance=child.disabilities.get(), actor=worker, reason="Wrong child")

        page = worker_client.get(_detail(child)).content.decode()

        assert "943 476 5919" not in page
        assert "Autism" not in page

    def test_an_unknown_person_is_not_found(self, worker_client):
        response = worker_client.get(reverse("people:person_detail", args=[999999]))
        assert response.status_code == 404

    def test_a_removed_person_is_not_found(self, worker_client, worker, child_in_north):
        record_remove(instance=child_in_north, actor=worker, reason="Duplicate")
        assert worker_client.get(_detail(child_in_north)).status_code == 404

    def test_query_count_does_not_grow_with_the_family(
        self, worker_client, worker, teams, django_assert_max_num_queries
    ):
        small = _child_with_family(worker, teams["north"], size=1)
        large = _child_with_family(worker, teams["north"], size=10)
        assert large.relationships.count() == 10

        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as small_queries:
            assert worker_client.get(_detail(small)).status_code == 200
        with django_assert_max_num_queries(len(small_queries)):
            response = worker_client.get(_detail(large))
        assert response.status_code == 200
        assert response.content.decode().count('govuk-link" href="/people/') >= 10
        with django_assert_max_num_queries(PERSON_PAGE_MAX_QUERIES):
            worker_client.get(_detail(small))


class TestSearchPage:
    def test_finds_a_child_by_name(self, worker_client, child_in_north, child_in_south):
        response = worker_client.get(reverse("people:search"), {"q": "Okafr"})
        page = response.content.decode()
        assert response.status_code == 200
        assert "Amara Okafor" in page
        assert _child_page(child_in_north) in page
        assert "Tyler Hughes" not in page

    def test_says_when_nothing_matches(self, worker_client, child_in_south):
        page = worker_client.get(reverse("people:search"), {"q": "Tyler Hughes"}).content.decode()
        assert "No results" in page
        assert _child_page(child_in_south) not in page

    def test_an_empty_search_shows_the_error_summary(self, worker_client):
        page = worker_client.get(reverse("people:search"), {"q": ""}).content.decode()
        assert "govuk-error-summary" in page
        assert "Enter a name, date of birth or identifier" in page

    def test_the_first_visit_shows_the_form_without_errors(self, worker_client):
        page = worker_client.get(reverse("people:search")).content.decode()
        assert "govuk-error-summary" not in page
        assert "No results" not in page

    def test_query_count_does_not_grow_with_results(
        self, worker_client, teams, django_assert_max_num_queries
    ):
        for _ in range(3):
            AllocationFactory(child=PersonFactory(family_name="Okafor"), team=teams["north"])
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as few:
            worker_client.get(reverse("people:search"), {"q": "Okafor"})
        for _ in range(12):
            AllocationFactory(child=PersonFactory(family_name="Okafor"), team=teams["north"])
        with django_assert_max_num_queries(len(few)):
            response = worker_client.get(reverse("people:search"), {"q": "Okafor"})
        assert len(response.context["rows"]) == 15


def _form(**overrides):
    data = {
        "given_name": "Amara",
        "family_name": "Okafor",
        "date_of_birth_0": "27",
        "date_of_birth_1": "3",
        "date_of_birth_2": "2016",
        "sex": "F",
        "ethnicity": "BAFR",
        "disabilities": ["NONE"],
        "nhs_number": "943 476 5919",
        "upn": "",
        "upn_unknown_reason": "UN4",
    }
    return {k: v for k, v in (data | overrides).items() if v is not None}


class TestRegisterChildPage:
    @pytest.fixture(autouse=True)
    def _url(self):
        self.url = reverse("people:register_child")

    def test_shows_the_form(self, worker_client):
        response = worker_client.get(self.url)
        assert response.status_code == 200
        assert "Register a child" in response.content.decode()
        assert "confirm_new" not in response.content.decode()

    def test_valid_details_register_the_child_and_show_their_page(self, worker_client, worker):
        response = worker_client.post(self.url, _form())

        child = Person.objects.get(family_name="Okafor")
        assert response.status_code == 302
        assert response["Location"] == _detail(child)
        assert child.date_of_birth == dt.date(2016, 3, 27)
        assert child.identifiers.get().value == "9434765919"
        assert child.upn_unknown_reason == "UN4"
        assert Allocation.objects.get(child=child).team == worker.team
        assert AuditEvent.objects.filter(person=child, actor=worker).count() == 4

        page = worker_client.get(response["Location"]).content.decode()
        assert f"Amara Okafor registered with LA child ID {child.la_child_id}" in page

    def test_a_possible_duplicate_warns_before_creating(self, worker_client, teams):
        existing = PersonFactory(
            given_name="Amara", family_name="Okafor", date_of_birth=dt.date(2016, 3, 27)
        )
        AllocationFactory(child=existing, team=teams["north"])
        hidden = PersonFactory(
            given_name="Amarah", family_name="Okafor", date_of_birth=dt.date(2016, 3, 27)
        )
        AllocationFactory(child=hidden, team=teams["disabled"])

        response = worker_client.post(self.url, _form())

        assert response.status_code == 200
        page = response.content.decode()
        assert "This child may already be on record" in page
        assert _child_page(existing) in page
        assert _child_page(hidden) not in page
        assert "1 possible match outside your teams" in page
        assert 'name="confirm_new"' in page
        assert Person.objects.filter(family_name="Okafor").count() == 2

        response = worker_client.post(self.url, _form(confirm_new="on"))

        assert response.status_code == 302
        assert Person.objects.filter(family_name="Okafor").count() == 3

    def test_a_bad_nhs_number_shows_the_error_summary_and_creates_nothing(self, worker_client):
        before = (Person.all_objects.count(), AuditEvent.objects.count())

        response = worker_client.post(self.url, _form(nhs_number="943 476 5918"))

        assert response.status_code == 200
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert 'href="#id_nhs_number"' in page
        assert "the check digit does not match" in page
        assert "<title>\n      Error:" in page or "Error:" in page.split("</title>")[0]
        assert (Person.all_objects.count(), AuditEvent.objects.count()) == before

    def test_a_missing_date_of_birth_is_an_error(self, worker_client):
        before = Person.all_objects.count()
        response = worker_client.post(
            self.url, _form(date_of_birth_0="", date_of_birth_1="", date_of_birth_2="")
        )
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert "Enter the date of birth, or an expected date for an unborn child" in page
        assert Person.all_objects.count() == before

    def test_a_future_date_of_birth_is_an_error_on_that_field(self, worker_client):
        before = Person.all_objects.count()
        response = worker_client.post(self.url, _form(date_of_birth_2="2027"))
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert "Date of birth must be today or in the past" in page
        assert Person.all_objects.count() == before

    def test_a_role_that_may_not_register_is_refused_and_nothing_is_created(self, client, users):
        client.force_login(users[Role.CP_CHAIR])
        response = client.post(reverse("people:register_child"), _form())
        assert response.status_code == 403
        assert not Person.objects.filter(family_name="Okafor").exists()
