"""CIN review pages: recording a review over several pages, check your answers, the review."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.casework.models import Meeting, MeetingChild, OutcomeRating, PlanVersion
from cairn.testing.audit import assert_access_logged
from cairn.testing.plans_factories import CinReviewFactory

pytestmark = pytest.mark.django_db

REVIEW_PAGE_MAX_QUERIES = 20


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


def _step(plan, step):
    return reverse("casework:review_step", args=[plan.pk, step])


def _answers(plan, manager, mother, *, day="9", month="3"):
    scale, indicator = plan.versions.get(number=1).outcomes.order_by("position")
    return {
        "details": {
            "held_on_0": day,
            "held_on_1": month,
            "held_on_2": "2026",
            "held_time": "10:30",
            "chair": str(manager.pk),
        },
        "attendance": {
            f"person_{mother.pk}": ["invited", "attended"],
            "pro_1_name": "Ms Shah",
            "pro_1_agency": "Greenfields Primary",
            "pro_1_took_part": ["invited", "sent_report"],
        },
        "participation": {"participation": "in_writing", "participation_note": "A drawing"},
        "ratings": {f"outcome_{scale.pk}": "6", f"outcome_{indicator.pk}": "yes"},
        "decision": {
            "making_difference": "partly",
            "what_changes": "More help with mornings",
            "decision": "continue",
        },
    }


def _fill(client, plan, answers):
    responses = []
    for step, data in answers.items():
        responses.append(client.post(_step(plan, step), data))
    return responses


class TestRecordingAReview:
    def test_each_page_then_check_your_answers_then_saved(
        self, worker_client, manager, active_plan, mother
    ):
        responses = _fill(worker_client, active_plan, _answers(active_plan, manager, mother))

        assert [r.status_code for r in responses] == [302] * 5
        assert responses[0]["Location"] == _step(active_plan, "attendance")
        check_url = reverse("casework:review_check", args=[active_plan.pk])
        assert responses[-1]["Location"] == check_url
        assert not Meeting.objects.exists()  # nothing written before check your answers

        check = worker_client.get(check_url).content.decode()
        assert "Check your answers before recording the review" in check
        assert "9 March 2026 at 10:30" in check
        assert "Views given in writing or drawing: A drawing" in check
        assert "Ms Shah (Greenfields Primary)" in check
        assert "6 out of 10" in check
        assert "Indicator met" in check

        response = worker_client.post(check_url)

        meeting = Meeting.objects.get()
        assert response["Location"] == reverse("casework:review_detail", args=[meeting.pk])
        assert meeting.chair == manager
        assert MeetingChild.objects.get().participation == "in_writing"
        assert OutcomeRating.objects.count() == 2
        assert meeting.attendance.count() == 2
        assert PlanVersion.objects.filter(plan=active_plan).count() == 2
        assert worker_client.session.get(f"cin_review:{active_plan.pk}") is None

    def test_the_participation_page_requires_an_answer(self, worker_client, active_plan):
        response = worker_client.post(_step(active_plan, "participation"), {})

        page = response.content.decode()
        assert response.status_code == 200
        assert "Choose how the child took part in the review, or why not" in page
        assert not Meeting.objects.exists()

    def test_not_given_the_opportunity_needs_a_reason(self, worker_client, active_plan):
        response = worker_client.post(
            _step(active_plan, "participation"),
            {"participation": "not_given_opportunity", "participation_note": ""},
        )
        assert "Give the reason the child was not given the opportunity" in (
            response.content.decode()
        )

    def test_a_rating_is_needed_for_every_outcome(self, worker_client, active_plan):
        response = worker_client.post(_step(active_plan, "ratings"), {})
        page = response.content.decode()
        assert "Give a score from 0 to 10 for outcome 1" in page
        assert "Say whether the indicator for outcome 2 is met" in page

    def test_the_services_refusal_links_back_to_the_page(
        self, worker_client, manager, active_plan, mother
    ):
        # 3 February is before the plan started (4 February): the service refuses it.
        _fill(
            worker_client, active_plan, _answers(active_plan, manager, mother, day="3", month="2")
        )
        check_url = reverse("casework:review_check", args=[active_plan.pk])

        response = worker_client.post(check_url)

        page = response.content.decode()
        assert "The review cannot be before the plan started on 4 February 2026" in page
        assert f'href="{_step(active_plan, "details")}"' in page
        assert not Meeting.objects.exists()

    def test_check_your_answers_sends_you_to_the_first_missing_page(
        self, worker_client, active_plan
    ):
        response = worker_client.get(reverse("casework:review_check", args=[active_plan.pk]))
        assert response["Location"] == _step(active_plan, "details")

    def test_a_draft_plan_cannot_be_reviewed(self, worker_client, ready_plan):
        assert worker_client.get(_step(ready_plan, "details")).status_code == 404

    @pytest.mark.parametrize(
        "role",
        [Role.CP_CHAIR, Role.QA_OFFICER, Role.SENIOR_LEADER, Role.IG_OFFICER, Role.SYSTEM_ADMIN],
    )
    def test_only_record_writers_record_reviews(self, client, users, active_plan, role):
        client.force_login(users[role])
        assert client.get(_step(active_plan, "details")).status_code == 403


class TestReviewPage:
    def test_shows_the_review(self, worker_client, worker, manager, active_plan, mother):
        _fill(worker_client, active_plan, _answers(active_plan, manager, mother))
        worker_client.post(reverse("casework:review_check", args=[active_plan.pk]))
        meeting = Meeting.objects.get()

        response = worker_client.get(reverse("casework:review_detail", args=[meeting.pk]))

        page = response.content.decode()
        assert "Child in need review on 9 March 2026" in page
        assert "Views given in writing or drawing: A drawing" in page
        assert "Greenfields Primary" in page
        assert "Partly" in page
        assert_access_logged(person=active_plan.child, actor=worker)

    def test_another_teams_user_is_refused(self, client, users, active_plan, teams):
        from cairn.testing.factories import UserFactory

        meeting = CinReviewFactory(plan=active_plan)
        client.force_login(UserFactory(role=Role.SOCIAL_WORKER, team=teams["south"]))
        assert client.get(reverse("casework:review_detail", args=[meeting.pk])).status_code == 403

    def test_query_count_does_not_grow_with_attendance(
        self, worker_client, worker, active_plan, django_assert_max_num_queries
    ):
        meeting = CinReviewFactory(plan=active_plan, held_at=dt.datetime(2026, 3, 9, tzinfo=dt.UTC))
        url = reverse("casework:review_detail", args=[meeting.pk])
        with CaptureQueriesContext(connection) as small:
            worker_client.get(url)
        for n in range(10):
            meeting.attendance.create(
                role="professional",
                name=f"Professional {n}",
                agency="Health",
                created_by=worker,
                updated_by=worker,
            )
        with django_assert_max_num_queries(len(small)):
            response = worker_client.get(url)
        assert response.content.decode().count("Health") == 10
        with django_assert_max_num_queries(REVIEW_PAGE_MAX_QUERIES):
            worker_client.get(url)
