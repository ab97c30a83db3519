"""Early help and step-up/step-down pages: status codes, errors shown, what is written,
permissions and query bounds."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.earlyhelp.services import early_help_episode_start
from cairn.frontdoor.models import Level, LevelTransition
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.frontdoor_factories import (
    EarlyHelpEpisodeFactory,
    LevelTransitionFactory,
    PlanFactory,
    PlanVersionFactory,
)

pytestmark = pytest.mark.django_db

STAFF_ROLES = [role for role in Role if role != Role.SYSTEM]
WRITERS = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
SEE_NORTH = WRITERS | {
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.PERFORMANCE_ANALYST,
    Role.SENIOR_LEADER,
    Role.IG_OFFICER,
}


# Session, user, the child and its prefetches, scope checks, access log, level, journey, early
# help (and whether any is open), referrals (and any open), plans, navigation: the same however
# long the child's journey.
QUERIES_PER_JOURNEY_PAGE = 26


def _date(prefix: str, day: dt.date) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def _journey(child_pk: int) -> str:
    return reverse("earlyhelp:journey", args=[child_pk])


class TestJourneyPage:
    def test_shows_the_current_level_and_each_move(self, worker_client, worker, child_in_north):
        LevelTransitionFactory(
            child=child_in_north,
            occurred_on=dt.date(2025, 9, 1),
            to_level=Level.EARLY_HELP,
            reason="Attendance",
        )
        LevelTransitionFactory(
            child=child_in_north,
            occurred_on=dt.date(2026, 1, 5),
            from_level=Level.EARLY_HELP,
            to_level=Level.CIN,
            reason="Disclosure at school",
        )

        response = worker_client.get(_journey(child_in_north.pk))

        page = response.content.decode()
        assert response.status_code == 200
        assert "<strong>Current level:</strong> Child in need" in page
        assert '<time datetime="2026-01-05">5 January 2026</time>' in page
        assert "Disclosure at school" in page
        assert "Step-up" in page
        assert_access_logged(person=child_in_north, actor=worker)

    def test_queries_do_not_grow_with_the_journey(
        self, worker_client, worker, child_in_north, django_assert_max_num_queries
    ):
        short = PersonFactory()
        AllocationFactory(child=short, team=worker.team)
        LevelTransitionFactory(child=short, to_level=Level.EARLY_HELP)
        levels = [Level.EARLY_HELP, Level.CIN, Level.CP, Level.CIN, Level.EARLY_HELP, Level.CLOSED]
        for n, (a, b) in enumerate(zip([Level.NONE, *levels], levels, strict=False)):
            LevelTransitionFactory(
                child=child_in_north,
                occurred_on=dt.date(2025, 1, 1) + dt.timedelta(days=30 * n),
                from_level=a,
                to_level=b,
            )
            EarlyHelpEpisodeFactory(
                child=child_in_north,
                started_on=dt.date(2024, 1, 1) + dt.timedelta(days=10 * n),
                ended_on=dt.date(2024, 1, 5) + dt.timedelta(days=10 * n),
            )
        with django_assert_max_num_queries(QUERIES_PER_JOURNEY_PAGE):
            worker_client.get(_journey(short.pk))
        with django_assert_max_num_queries(QUERIES_PER_JOURNEY_PAGE):
            response = worker_client.get(_journey(child_in_north.pk))
        assert response.context["journey"][-1].to_level == "Closed"

    def test_offers_only_the_moves_that_fit_where_the_child_is(self, worker_client, child_in_north):
        before = worker_client.get(_journey(child_in_north.pk)).content.decode()
        EarlyHelpEpisodeFactory(child=child_in_north)
        during = worker_client.get(_journey(child_in_north.pk)).content.decode()

        assert "Start early help" in before
        assert "Step up from early help" not in before
        assert "Start early help" not in during
        assert "Step up from early help" in during

    @pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
    def test_permission_matrix(self, client, users, role, child_in_north):
        client.force_login(users[role])
        response = client.get(_journey(child_in_north.pk))
        assert response.status_code == (200 if role in SEE_NORTH else 403)


class TestEarlyHelpPages:
    def test_start_then_end_early_help(self, worker_client, child_in_north):
        response = worker_client.post(
            reverse("earlyhelp:early_help_start", args=[child_in_north.pk]),
            _date("started_on", dt.date(2026, 3, 2))
            | {
                "lead_organisation": "Northfield Family Hub",
                "lead_practitioner": "Dana Price",
                "reason": "Routines",
            },
        )
        early_help = EarlyHelpEpisode.objects.get()
        assert response["Location"] == reverse("earlyhelp:early_help_detail", args=[early_help.pk])
        page = worker_client.get(response["Location"]).content.decode()
        assert "Northfield Family Hub" in page

        worker_client.post(
            reverse("earlyhelp:early_help_end", args=[early_help.pk]),
            _date("ended_on", dt.date(2026, 3, 16)) | {"end_reason": "outcomes_met"},
        )
        early_help.refresh_from_db()
        assert early_help.end_reason == "outcomes_met"

    def test_an_end_before_the_start_is_shown(self, worker_client, worker, child_in_north):
        early_help = early_help_episode_start(
            actor=worker,
            child=child_in_north,
            started_on=dt.date(2026, 3, 2),
            lead_organisation="Hub",
            lead_practitioner="Dana Price",
            reason="Routines",
        )
        response = worker_client.post(
            reverse("earlyhelp:early_help_end", args=[early_help.pk]),
            _date("ended_on", dt.date(2026, 3, 1)) | {"end_reason": "other"},
        )
        assert "The end date cannot be before early help started (2 March 2026)" in (
            response.content.decode()
        )

    def test_recording_a_change_of_level(self, worker_client, child_in_north):
        response = worker_client.post(
            reverse("earlyhelp:level_transition", args=[child_in_north.pk]),
            _date("occurred_on", dt.date(2026, 3, 16))
            | {"to_level": "early_help", "reason": "Family agreed to support"},
        )
        assert response.status_code == 302
        assert LevelTransition.objects.get().to_level == Level.EARLY_HELP

    def test_the_same_level_is_refused_on_the_page(self, worker_client, child_in_north):
        LevelTransitionFactory(child=child_in_north, to_level=Level.CIN)
        response = worker_client.post(
            reverse("earlyhelp:level_transition", args=[child_in_north.pk]),
            _date("occurred_on", dt.date(2026, 3, 16)) | {"to_level": "cin", "reason": "x"},
        )
        assert "Amara Okafor is already at child in need" in response.content.decode()
        assert LevelTransition.objects.count() == 1

    def test_step_up_leads_to_the_referral_page(self, worker_client, child_in_north):
        EarlyHelpEpisodeFactory(child=child_in_north, started_on=dt.date(2026, 3, 2))
        response = worker_client.post(
            reverse("earlyhelp:step_up", args=[child_in_north.pk]),
            _date("occurred_on", dt.date(2026, 3, 16)) | {"reason": "Disclosure"},
        )
        assert response["Location"] == reverse(
            "frontdoor:referral_create_direct", args=[child_in_north.pk]
        )

    def test_step_down_from_the_page(self, worker_client, child_in_north):
        plan = PlanFactory(episode__child=child_in_north, started_on=dt.date(2026, 2, 2))
        PlanVersionFactory(plan=plan)
        response = worker_client.post(
            reverse("earlyhelp:step_down", args=[plan.pk]),
            _date("occurred_on", dt.date(2026, 3, 16))
            | {
                "reason": "Outcomes met",
                "lead_organisation": "Hub",
                "lead_practitioner": "Dana Price",
            },
        )
        early_help = EarlyHelpEpisode.objects.get()
        # The step-down closed the referral and ended the allocation: the record left the
        # worker's scope, so they go home rather than to a page that would refuse them.
        assert response["Location"] == reverse("home")
        assert early_help.stepped_down_from == plan

    def test_step_down_by_someone_who_still_sees_the_child(
        self, client, mash_worker, child_in_north
    ):
        plan = PlanFactory(episode__child=child_in_north, started_on=dt.date(2026, 2, 2))
        PlanVersionFactory(plan=plan)
        client.force_login(mash_worker)
        response = client.post(
            reverse("earlyhelp:step_down", args=[plan.pk]),
            _date("occurred_on", dt.date(2026, 3, 16))
            | {
                "reason": "Outcomes met",
                "lead_organisation": "Hub",
                "lead_practitioner": "Dana Price",
            },
        )
        early_help = EarlyHelpEpisode.objects.get()
        assert response["Location"] == reverse("earlyhelp:early_help_detail", args=[early_help.pk])

    def test_a_step_down_without_a_reason_is_shown(self, worker_client, child_in_north):
        plan = PlanFactory(episode__child=child_in_north)
        response = worker_client.post(
            reverse("earlyhelp:step_down", args=[plan.pk]),
            _date("occurred_on", dt.date(2026, 3, 16))
            | {"lead_organisation": "Hub", "lead_practitioner": "Dana Price"},
        )
        assert "Enter the reason for the step-down" in response.content.decode()
        assert not EarlyHelpEpisode.objects.exists()

    @pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
    @pytest.mark.parametrize("page", ["early_help_start", "step_up", "level_transition"])
    def test_permission_matrix(self, client, users, role, child_in_north, page):
        client.force_login(users[role])
        response = client.get(reverse(f"earlyhelp:{page}", args=[child_in_north.pk]))
        assert response.status_code == (200 if role in WRITERS else 403)

    def test_a_child_out_of_scope_is_refused(self, worker_client, child_in_south):
        url = reverse("earlyhelp:early_help_start", args=[child_in_south.pk])
        assert worker_client.get(url).status_code == 403
