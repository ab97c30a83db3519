"""Plan pages: the plan, starting one, its content pages, authorisation, the printable plan."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.casework.models import (
    ActionStatus,
    Contingency,
    ContingencyNetworkMember,
    MakingDifference,
    Outcome,
    Plan,
    PlanStatus,
)
from cairn.casework.services.plans import outcome_add
from cairn.core.models import AccessEvent
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import AdultFactory, RelationshipFactory
from cairn.testing.plans_factories import CinReviewFactory, OutcomeFactory

from .conftest import TODAY

pytestmark = pytest.mark.django_db

VIEWERS = [r for r in Role if r not in (Role.SYSTEM_ADMIN, Role.SYSTEM)]
WRITERS = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
MANAGERS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
PLAN_PAGE_MAX_QUERIES = 30


def _detail(plan):
    return reverse("casework:plan_detail", args=[plan.pk])


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


class TestPlanPage:
    def test_shows_the_plan_in_force_with_its_contingency_and_history(
        self, worker_client, worker, active_plan, aunt
    ):
        response = worker_client.get(_detail(active_plan))

        assert response.status_code == 200
        page = response.content.decode()
        assert "Child in need plan" in page
        assert "Amara gets to school on time every day" in page
        assert "3 out of 10" in page  # the baseline
        assert "Observable indicator: Amara names an adult she trusts" in page
        assert 'data-testid="contingency-tag">Complete<' in page
        assert "Ngozi Eze" in page
        assert "Can look after Amara at short notice" in page
        assert "In force" in page
        assert "4 February 2026 by" in page
        assert_access_logged(person=active_plan.child, actor=worker)

    def test_a_draft_names_the_missing_contingency_parts(self, worker_client, draft_plan):
        page = worker_client.get(_detail(draft_plan)).content.decode()

        assert (
            "Missing: what would show the plan is not working, what will then happen, who acts, "
            "family network considered"
        ) in page
        assert "This plan is a draft" in page
        assert reverse("casework:outcome_add", args=[draft_plan.versions.get().pk]) in page

    def test_ratings_over_time_and_the_management_attention_warning(
        self, worker_client, active_plan
    ):
        outcome = active_plan.versions.get().outcomes.first()
        for day, answer in ((2, MakingDifference.NO), (9, MakingDifference.NO)):
            review = CinReviewFactory(
                plan=active_plan,
                held_at=dt.datetime(2026, 3, day, 10, tzinfo=dt.UTC),
                making_difference=answer,
            )
            outcome.ratings.create(
                rated_on=dt.date(2026, 3, day),
                score=day // 2,
                meeting=review,
                created_by=active_plan.created_by,
                updated_by=active_plan.created_by,
            )

        page = worker_client.get(_detail(active_plan)).content.decode()

        assert "2 March 2026: 1 out of 10" in page
        assert "9 March 2026: 4 out of 10" in page
        assert 'data-testid="management-attention"' in page

    def test_no_warning_after_a_single_no(self, worker_client, active_plan):
        CinReviewFactory(plan=active_plan, making_difference=MakingDifference.NO)
        page = worker_client.get(_detail(active_plan)).content.decode()
        assert 'data-testid="management-attention"' not in page

    @pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
    def test_permission_matrix(self, client, users, active_plan, role):
        client.force_login(users[role])

        response = client.get(_detail(active_plan))

        assert response.status_code == (200 if role in VIEWERS else 403)
        outcome = "granted" if role in VIEWERS else "denied"
        assert_access_logged(person=active_plan.child, actor=users[role], outcome=outcome)

    def test_another_teams_worker_is_refused(self, client, active_plan, teams):
        from cairn.testing.factories import UserFactory

        outsider = UserFactory(role=Role.SOCIAL_WORKER, team=teams["south"])
        client.force_login(outsider)
        assert client.get(_detail(active_plan)).status_code == 403
        assert AccessEvent.objects.filter(actor=outsider, outcome="denied").exists()

    def test_an_unknown_plan_is_not_found(self, worker_client):
        assert worker_client.get(reverse("casework:plan_detail", args=[999999])).status_code == 404

    def test_query_count_does_not_grow_with_the_plan(
        self, worker_client, worker, active_plan, django_assert_max_num_queries
    ):
        with CaptureQueriesContext(connection) as small:
            assert worker_client.get(_detail(active_plan)).status_code == 200
        version = active_plan.versions.get()
        for n in range(8):
            outcome = OutcomeFactory(plan_version=version, text=f"Outcome {n}")
            review = CinReviewFactory(
                plan=active_plan, held_at=dt.datetime(2026, 3, 1 + n, 9, tzinfo=dt.UTC)
            )
            outcome.ratings.create(
                rated_on=dt.date(2026, 3, 1 + n),
                score=n,
                meeting=review,
                created_by=worker,
                updated_by=worker,
            )
        with django_assert_max_num_queries(len(small)):
            response = worker_client.get(_detail(active_plan))
        assert response.content.decode().count("Outcome 7") == 1
        with django_assert_max_num_queries(PLAN_PAGE_MAX_QUERIES):
            worker_client.get(_detail(active_plan))


class TestStartPlan:
    def test_starts_a_draft_plan(self, worker_client, child, assessed_episode):
        url = reverse("casework:plan_start", args=[child.pk])
        assert worker_client.get(url).status_code == 200

        response = worker_client.post(url)

        plan = Plan.objects.get()
        assert response.status_code == 302
        assert response["Location"] == _detail(plan)
        assert plan.status == PlanStatus.DRAFT

    def test_refused_before_an_assessment_outcome(self, worker_client, child, episode):
        response = worker_client.post(reverse("casework:plan_start", args=[child.pk]))

        assert response.status_code == 200
        assert "cannot start before an assessment outcome" in response.content.decode()
        assert not Plan.objects.exists()

    @pytest.mark.parametrize("role", [r for r in VIEWERS if r not in WRITERS])
    def test_read_only_roles_cannot_start_a_plan(
        self, client, users, child, assessed_episode, role
    ):
        client.force_login(users[role])
        assert client.post(reverse("casework:plan_start", args=[child.pk])).status_code == 403
        assert not Plan.objects.exists()


class TestContentPages:
    def test_adds_an_outcome(self, worker_client, draft_plan):
        version = draft_plan.versions.get()
        url = reverse("casework:outcome_add", args=[version.pk])
        assert worker_client.get(url).status_code == 200

        response = worker_client.post(
            url,
            {"text": "Amara feels safe at home", "measure_source": "child", "baseline": "2"},
        )

        assert response.status_code == 302
        outcome = version.outcomes.get()
        assert (outcome.text, outcome.baseline) == ("Amara feels safe at home", 2)

    def test_shows_the_services_refusal_on_the_field(self, worker_client, draft_plan):
        url = reverse("casework:outcome_add", args=[draft_plan.versions.get().pk])
        response = worker_client.post(url, {"text": "x", "measure_source": "indicator"})

        assert response.status_code == 200
        page = response.content.decode()
        assert "There is a problem" in page
        assert "Describe the observable indicator that will show the change" in page
        assert not Outcome.objects.exists()

    def test_changes_and_removes_an_outcome(self, worker_client, worker, draft_plan):
        outcome = outcome_add(actor=worker, version=draft_plan.versions.get(), text="Old")
        edit = reverse("casework:outcome_edit", args=[outcome.pk])
        assert "?v=1" in worker_client.get(edit).content.decode()

        worker_client.post(f"{edit}?v=1", {"text": "New", "measure_source": ""})
        outcome.refresh_from_db()
        assert outcome.text == "New"
        stale = worker_client.post(f"{edit}?v=1", {"text": "Stale", "measure_source": ""})
        assert "changed by someone else" in stale.content.decode()

        remove = reverse("casework:outcome_remove", args=[outcome.pk])
        worker_client.post(remove, {"reason": "Duplicate"})
        assert not Outcome.objects.exists()

    def test_adds_and_changes_an_action(self, worker_client, worker, draft_plan, mother):
        version = draft_plan.versions.get()
        url = reverse("casework:action_add", args=[version.pk])
        response = worker_client.post(
            url,
            {
                "what": "Take Amara to the dentist",
                "who_person": str(mother.pk),
                "who_agency": "",
                "due_on_0": "1",
                "due_on_1": "4",
                "due_on_2": "2026",
                "status": ActionStatus.NOT_STARTED,
            },
        )
        assert response.status_code == 302
        action = version.actions.get()
        assert (action.who_person, action.due_on) == (mother, dt.date(2026, 4, 1))

        worker_client.post(
            reverse("casework:action_edit", args=[action.pk]) + "?v=1",
            {
                "what": "Take Amara to the dentist",
                "who_person": str(mother.pk),
                "due_on_0": "1",
                "due_on_1": "4",
                "due_on_2": "2026",
                "status": ActionStatus.DONE,
            },
        )
        action.refresh_from_db()
        assert action.status == ActionStatus.DONE

    def test_an_action_needs_an_owner(self, worker_client, draft_plan):
        url = reverse("casework:action_add", args=[draft_plan.versions.get().pk])
        response = worker_client.post(
            url,
            {
                "what": "Something",
                "due_on_0": "1",
                "due_on_1": "4",
                "due_on_2": "2026",
                "status": ActionStatus.NOT_STARTED,
            },
        )
        assert "Say who will do it" in response.content.decode()

    def test_writes_the_contingency_and_network(self, worker_client, draft_plan, aunt):
        version = draft_plan.versions.get()
        response = worker_client.post(
            reverse("casework:contingency_edit", args=[version.pk]),
            {
                "triggers": "Missed school",
                "response": "Strategy discussion",
                "who_acts": "Team manager",
                "fgc_status": "declined",
                "fgc_reason": "The family did not want one",
            },
        )
        assert response.status_code == 302
        assert Contingency.objects.get().who_acts == "Team manager"

        network = reverse("casework:network_add", args=[version.pk])
        assert "Ngozi Eze" in worker_client.get(network).content.decode()
        worker_client.post(network, {"person": str(aunt.pk), "how_considered": "Lives nearby"})
        assert ContingencyNetworkMember.objects.get().person == aunt

    def test_the_fgc_reason_is_required_when_declined(self, worker_client, draft_plan):
        response = worker_client.post(
            reverse("casework:contingency_edit", args=[draft_plan.versions.get().pk]),
            {"triggers": "", "response": "", "who_acts": "", "fgc_status": "declined"},
        )
        assert "Say why the family declined a family group conference" in (
            response.content.decode()
        )
        assert not Contingency.objects.exists()

    @pytest.mark.parametrize("role", [r for r in VIEWERS if r not in WRITERS])
    def test_read_only_roles_cannot_write(self, client, users, draft_plan, role):
        client.force_login(users[role])
        version = draft_plan.versions.get()
        for name in ("outcome_add", "action_add", "contingency_edit", "network_add"):
            assert client.get(reverse(f"casework:{name}", args=[version.pk])).status_code == 403


class TestAuthorisePage:
    def test_a_manager_authorises(self, manager_client, ready_plan):
        version = ready_plan.versions.get()
        url = reverse("casework:plan_authorise", args=[version.pk])
        assert manager_client.get(url).status_code == 200

        response = manager_client.post(
            url,
            {
                "authorised_on_0": str(TODAY.day),
                "authorised_on_1": str(TODAY.month),
                "authorised_on_2": str(TODAY.year),
            },
        )

        assert response.status_code == 302
        ready_plan.refresh_from_db()
        assert (ready_plan.status, ready_plan.started_on) == (PlanStatus.ACTIVE, TODAY)

    def test_refused_naming_the_missing_parts(self, manager_client, worker, draft_plan):
        version = draft_plan.versions.get()
        outcome_add(actor=worker, version=version, text="x", measure_source="child", baseline=1)
        response = manager_client.post(
            reverse("casework:plan_authorise", args=[version.pk]),
            {"authorised_on_0": "16", "authorised_on_1": "3", "authorised_on_2": "2026"},
        )
        page = response.content.decode()
        assert "The contingency arrangements are missing: what would show the plan is not" in page
        draft_plan.refresh_from_db()
        assert draft_plan.status == PlanStatus.DRAFT

    @pytest.mark.parametrize("role", [r for r in VIEWERS if r not in MANAGERS])
    def test_only_managers_may_authorise(self, client, users, ready_plan, role):
        client.force_login(users[role])
        url = reverse("casework:plan_authorise", args=[ready_plan.versions.get().pk])
        assert client.get(url).status_code == 403


class TestPrintablePlan:
    def test_plain_language_plan_for_the_family(self, worker_client, worker, active_plan):
        response = worker_client.get(reverse("casework:plan_print", args=[active_plan.pk]))

        page = response.content.decode()
        assert response.status_code == 200
        assert "Amara&#x27;s plan" in page
        assert "What we want to be different for Amara" in page
        assert "Amara will tell us how things are, from 0 to 10. When we started it was 3." in page
        assert "We will know it is working when: Amara names an adult she trusts" in page
        assert "If things are not getting better" in page
        assert "Ngozi Eze: Can look after Amara at short notice" in page
        assert 'class="cairn-printable"' in page
        assert_access_logged(person=active_plan.child, actor=worker)

    def test_a_relative_outside_the_network_is_not_listed(self, worker_client, active_plan):
        stranger = AdultFactory(given_name="Unrelated", family_name="Person")
        RelationshipFactory(person=AdultFactory(), relative=stranger)
        page = worker_client.get(reverse("casework:plan_print", args=[active_plan.pk]))
        assert "Unrelated Person" not in page.content.decode()
