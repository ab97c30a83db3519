"""Front-door pages: status codes, errors shown, what is written, permissions and query bounds."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.casework.models import PlanStatus
from cairn.frontdoor.models import Contact, ContactChild, Episode, NextStep, ThresholdLevel
from cairn.frontdoor.services import referral_create_direct
from cairn.frontdoor.tests.conftest import TODAY
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.frontdoor_factories import (
    ContactChildFactory,
    ContactFactory,
    PlanFactory,
    at,
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


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def _decided(child, next_step=NextStep.REFERRAL):
    contact = ContactFactory(received_at=at(dt.date(2026, 3, 12)))
    return ContactChildFactory(
        contact=contact,
        child=child,
        threshold_level=ThresholdLevel.objects.get(number=3),
        rationale="Neglect",
        next_step=next_step,
        decided_by=contact.created_by,
        decided_at=at(dt.date(2026, 3, 13)),
    )


CONTACT_POST = {
    "received_on_0": "12",
    "received_on_1": "3",
    "received_on_2": "2026",
    "received_time": "09:45",
    "source": "2A",
    "referrer_name": "Ms Kaur",
    "referrer_role": "Designated safeguarding lead",
    "referrer_organisation": "Northfield Primary School",
    "concerns": "Bruising on the arm; hungry at school.",
    "consent": "given",
}


class TestRecordAContact:
    url = reverse("frontdoor:contact_record")

    def test_without_a_search_it_asks_for_the_children_first(self, worker_client):
        page = worker_client.get(self.url).content.decode()
        assert "Find the children" in page
        assert "Record contact" not in page  # no form until there is a child to tick

    def test_a_search_lists_matching_children_with_checkboxes(self, worker_client, child_in_north):
        page = worker_client.get(self.url, {"q": "Amara Okafor"}).content.decode()
        assert f'value="{child_in_north.pk}"' in page
        assert 'type="checkbox"' in page
        assert "Amara Okafor" in page

    def test_a_search_with_no_match_says_so(self, worker_client, child_in_north):
        response = worker_client.get(self.url, {"q": "Zebedee Quince"})
        assert 'data-testid="no-matches"' in response.content.decode()

    def test_the_childs_page_link_ticks_the_child(self, worker_client, child_in_north):
        response = worker_client.get(self.url, {"child": child_in_north.pk})
        assert response.context["form"].initial["children"] == [str(child_in_north.pk)]
        assert "checked" in response.content.decode()

    def test_recording_siblings_makes_one_contact_and_shows_it(
        self, worker_client, worker, child_in_north, teams
    ):
        sibling = PersonFactory(given_name="Kofi", family_name="Okafor")
        AllocationFactory(child=sibling, team=teams["north"])
        data = CONTACT_POST | {"children": [child_in_north.pk, sibling.pk]}

        response = worker_client.post(self.url, data)

        contact = Contact.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("frontdoor:contact_detail", args=[contact.pk])
        assert {c.child for c in contact.children.all()} == {child_in_north, sibling}
        assert contact.created_by == worker
        assert contact.received_at == at(dt.date(2026, 3, 12), 9, 45)

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"concerns": ""}, "Enter the concerns raised in the contact"),
            ({"received_time": "9 am"}, "Enter a time like 09:15 or 14:30"),
            (
                {"received_on_0": "17"},
                "The date the contact was received must be today or in the past",
            ),
        ],
    )
    def test_errors_are_shown_and_nothing_is_written(
        self, worker_client, child_in_north, changes, message
    ):
        data = CONTACT_POST | {"children": [child_in_north.pk]} | changes
        response = worker_client.post(self.url, data)
        page = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in page
        assert message in page
        assert not Contact.objects.exists()

    def test_a_child_the_user_cannot_see_cannot_be_posted(self, worker_client, child_in_south):
        response = worker_client.post(self.url, CONTACT_POST | {"children": [child_in_south.pk]})
        assert response.status_code == 200
        assert not Contact.objects.exists()

    @pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
    def test_only_record_writers_may_open_it(self, client, users, role):
        client.force_login(users[role])
        expected = 200 if role in WRITERS else 403
        assert client.get(self.url).status_code == expected


class TestContactPage:
    def test_shows_each_child_with_its_decision_and_timeliness(self, worker_client, worker):
        contact = ContactFactory(received_at=at(dt.date(2026, 3, 12)))
        first = PersonFactory(given_name="Amara", family_name="Okafor")
        second = PersonFactory(given_name="Kofi", family_name="Okafor")
        for child in (first, second):
            AllocationFactory(child=child, team=worker.team)
        ContactChildFactory(
            contact=contact,
            child=first,
            threshold_level=ThresholdLevel.objects.get(number=3),
            rationale="Unexplained bruising",
            next_step=NextStep.REFERRAL,
            decided_by=worker,
            decided_at=at(dt.date(2026, 3, 13), 11),
        )
        ContactChildFactory(contact=contact, child=second)

        response = worker_client.get(reverse("frontdoor:contact_detail", args=[contact.pk]))

        page = response.content.decode()
        assert response.status_code == 200
        assert "Unexplained bruising" in page
        assert "Decided in 1 working day: in time" in page
        assert "Overdue: due 13 March 2026" in page  # Kofi, still undecided on 16 March
        assert "Create the referral" in page
        assert "Record the threshold decision" in page
        assert_access_logged(person=first, actor=worker)
        assert_access_logged(person=second, actor=worker)

    def test_queries_do_not_grow_with_the_number_of_children(
        self, worker_client, worker, django_assert_max_num_queries
    ):
        def contact_with(n):
            contact = ContactFactory()
            for _ in range(n):
                child = PersonFactory()
                AllocationFactory(child=child, team=worker.team)
                ContactChildFactory(contact=contact, child=child)
            return reverse("frontdoor:contact_detail", args=[contact.pk])

        small, large = contact_with(1), contact_with(6)
        # Fixed: session, user, contact and its children, closure days, navigation. Per child
        # only what the law asks of each view: a scope check and an access record.
        with django_assert_max_num_queries(13):
            worker_client.get(small)
        with django_assert_max_num_queries(13 + 2 * 5):
            worker_client.get(large)

    def test_a_contact_about_a_child_out_of_scope_is_refused_and_logged(
        self, worker_client, worker, child_in_south
    ):
        contact = ContactChildFactory(child=child_in_south).contact
        response = worker_client.get(reverse("frontdoor:contact_detail", args=[contact.pk]))
        assert response.status_code == 403
        assert_access_logged(person=child_in_south, actor=worker, outcome="denied")


class TestThresholdDecisionPage:
    def test_records_the_decision(self, worker_client, worker, child_in_north):
        row = ContactChildFactory(child=child_in_north)
        level = ThresholdLevel.objects.get(number=2)

        response = worker_client.post(
            reverse("frontdoor:threshold_decide", args=[row.pk]),
            {"threshold_level": level.pk, "rationale": "Routines", "next_step": "early_help"},
        )

        assert response.status_code == 302
        row.refresh_from_db()
        assert (row.threshold_level, row.next_step, row.decided_by) == (level, "early_help", worker)

    def test_a_missing_rationale_is_shown(self, worker_client, child_in_north):
        row = ContactChildFactory(child=child_in_north)
        response = worker_client.post(
            reverse("frontdoor:threshold_decide", args=[row.pk]),
            {"threshold_level": ThresholdLevel.objects.get(number=2).pk, "next_step": "nfa"},
        )
        assert "Enter the rationale for the decision" in response.content.decode()
        row.refresh_from_db()
        assert row.decided_at is None

    def test_a_second_decision_is_refused_on_the_page(self, worker_client, child_in_north):
        row = _decided(child_in_north)
        response = worker_client.post(
            reverse("frontdoor:threshold_decide", args=[row.pk]),
            {
                "threshold_level": ThresholdLevel.objects.get(number=1).pk,
                "rationale": "x",
                "next_step": "nfa",
            },
        )
        assert "was already made on 13 March 2026" in response.content.decode()
        row.refresh_from_db()
        assert row.next_step == NextStep.REFERRAL

    @pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
    def test_permission_matrix(self, client, users, role, child_in_north):
        row = ContactChildFactory(child=child_in_north)
        client.force_login(users[role])
        response = client.get(reverse("frontdoor:threshold_decide", args=[row.pk]))
        assert response.status_code == (200 if role in WRITERS else 403)


class TestReferralPages:
    def test_creating_the_referral_opens_the_episode(self, worker_client, child_in_north):
        row = _decided(child_in_north)

        response = worker_client.post(
            reverse("frontdoor:referral_create", args=[row.pk]),
            {"referral_date_0": "13", "referral_date_1": "3", "referral_date_2": "2026"},
        )

        episode = Episode.objects.get()
        assert response["Location"] == reverse("frontdoor:episode_detail", args=[episode.pk])
        assert episode.contact_child == row

    def test_a_refusal_is_shown_and_nothing_written(self, worker_client, child_in_north):
        row = _decided(child_in_north, next_step=NextStep.NFA)
        response = worker_client.post(
            reverse("frontdoor:referral_create", args=[row.pk]),
            {"referral_date_0": "13", "referral_date_1": "3", "referral_date_2": "2026"},
        )
        assert "only a referral or a strategy discussion starts a referral" in (
            response.content.decode()
        )
        assert not Episode.objects.exists()

    def test_a_direct_referral_defaults_to_early_help_as_source(
        self, worker_client, child_in_north
    ):
        url = reverse("frontdoor:referral_create_direct", args=[child_in_north.pk])
        assert 'value="5D" selected' in worker_client.get(url).content.decode()
        worker_client.post(
            url,
            {
                "referral_date_0": "16",
                "referral_date_1": "3",
                "referral_date_2": "2026",
                "source": "5D",
            },
        )
        assert Episode.objects.get().source == "5D"


@pytest.fixture
def episode(worker, child_in_north):
    return referral_create_direct(
        actor=worker, child=child_in_north, referral_date=dt.date(2026, 2, 2), source="1A"
    )


class TestEpisodePages:
    def test_the_episode_page_shows_the_referral_and_allocation_history(
        self, worker_client, worker, episode
    ):
        response = worker_client.get(reverse("frontdoor:episode_detail", args=[episode.pk]))
        page = response.content.decode()
        assert response.status_code == 200
        assert "2 February 2026" in page
        assert "Allocation history" in page
        assert "Referral of 2 February 2026" in page
        assert "Close the episode" in page
        assert_access_logged(person=episode.child, actor=worker)

    def test_the_episode_page_has_bounded_queries(
        self, worker_client, worker, episode, teams, django_assert_max_num_queries
    ):
        from cairn.workforce.services import episode_allocate

        for n in range(5):
            episode_allocate(
                actor=worker,
                episode=episode,
                team=teams["south" if n % 2 == 0 else "north"],
                worker=None,
                reason=f"Move {n}",
                started_on=TODAY,
            )
        with django_assert_max_num_queries(13):
            worker_client.get(reverse("frontdoor:episode_detail", args=[episode.pk]))

    def test_closing_with_an_open_plan_shows_why(self, worker_client, episode):
        PlanFactory(episode=episode, status=PlanStatus.DRAFT)
        response = worker_client.post(
            reverse("frontdoor:episode_close", args=[episode.pk]),
            {"closed_on_0": "16", "closed_on_1": "3", "closed_on_2": "2026", "reason": "RC7"},
        )
        page = response.content.decode()
        assert "govuk-error-summary" in page
        assert "The child has an open child in need plan (draft)" in page
        episode.refresh_from_db()
        assert episode.is_open

    def test_closing_takes_a_worker_who_loses_the_child_home(self, worker_client, episode):
        # Closing ends the allocation, so the episode page would now refuse the team's worker.
        response = worker_client.post(
            reverse("frontdoor:episode_close", args=[episode.pk]),
            {"closed_on_0": "16", "closed_on_1": "3", "closed_on_2": "2026", "reason": "RC7"},
        )
        assert response["Location"] == reverse("home")
        page = worker_client.get(response["Location"]).content.decode()
        assert "Episode closed. Amara Okafor is no longer allocated to you or your team." in page

    def test_closing_and_primary_need_and_nfa_pages_write(self, worker_client, episode):
        worker_client.post(
            reverse("frontdoor:episode_set_primary_need", args=[episode.pk]),
            {"primary_need": "N4"},
        )
        episode.refresh_from_db()
        assert episode.primary_need == "N4"
        response = worker_client.post(
            reverse("frontdoor:referral_record_nfa", args=[episode.pk]),
            {"decided_on_0": "3", "decided_on_1": "2", "decided_on_2": "2026"},
        )
        assert response.status_code == 302
        episode.refresh_from_db()
        assert (episode.referral_nfa, episode.closure_reason) == (True, "RC8")

    def test_allocating_from_the_page(self, worker_client, episode, teams, users):
        senior = users[Role.SENIOR_PRACTITIONER]
        response = worker_client.post(
            reverse("frontdoor:episode_allocate", args=[episode.pk]),
            {
                "team": teams["north"].pk,
                "worker": senior.pk,
                "started_on_0": "16",
                "started_on_1": "3",
                "started_on_2": "2026",
                "reason": "Allocated for assessment",
            },
        )
        assert response.status_code == 302
        assert episode.allocations.get(ended_on__isnull=True).worker == senior

    def test_allocating_without_a_reason_shows_the_error(self, worker_client, episode, teams):
        response = worker_client.post(
            reverse("frontdoor:episode_allocate", args=[episode.pk]),
            {
                "team": teams["north"].pk,
                "started_on_0": "16",
                "started_on_1": "3",
                "started_on_2": "2026",
            },
        )
        assert "Enter the reason for the change of allocation" in response.content.decode()

    @pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
    @pytest.mark.parametrize("page", ["episode_detail", "episode_close", "episode_allocate"])
    def test_permission_matrix(self, client, users, role, episode, page):
        client.force_login(users[role])
        response = client.get(reverse(f"frontdoor:{page}", args=[episode.pk]))
        allowed = SEE_NORTH if page == "episode_detail" else WRITERS
        assert response.status_code == (200 if role in allowed else 403)


def test_unknown_records_are_not_found(worker_client):
    for name in ("contact_detail", "threshold_decide", "referral_create", "episode_detail"):
        assert worker_client.get(reverse(f"frontdoor:{name}", args=[999999])).status_code == 404
    assert not ContactChild.objects.exists()
