"""Assessment pages: each page's happy path, refused input shown on the page with nothing
written, the access log, and bounded queries as the record grows."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.casework.models import Assessment, AssessmentStatus, SignificantEvent
from cairn.casework.services.assessments import assessment_view_add
from cairn.core.models import AccessEvent
from cairn.testing.assessments_factories import (
    ReferralFactory,
    SignificantEventFactory,
    assessment_at,
)
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import AdultFactory, RelationshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker_client(client, worker):
    client.force_login(worker)
    return client


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def _url(name: str, *args) -> str:
    return reverse(f"casework:{name}", args=args)


class TestList:
    def test_lists_assessments_events_and_the_update_due(
        self, worker_client, worker, manager, referral
    ):
        assessment_at(AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral)
        event = SignificantEventFactory(
            child=referral.child, occurred_on=dt.date(2026, 3, 2), type="missing"
        )

        response = worker_client.get(_url("assessment_list", referral.child_id))

        page = response.content.decode()
        assert response.status_code == 200
        assert "6 January 2026" in page
        assert "Authorised" in page
        assert "Missing episode" in page
        assert "Due today" in page  # 2 Mar + 10 WD = Mon 16 Mar (today)
        assert f"{_url('assessment_start', referral.child_id)}?event={event.pk}" in page
        assert_access_logged(person=referral.child, actor=worker)

    def test_offers_to_start_only_with_an_open_referral_and_none_in_progress(
        self, worker_client, worker, referral
    ):
        start = _url("assessment_start", referral.child_id)
        assert (
            start in worker_client.get(_url("assessment_list", referral.child_id)).content.decode()
        )

        assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        page = worker_client.get(_url("assessment_list", referral.child_id)).content.decode()
        assert f'href="{start}"' not in page

    def test_queries_do_not_grow_with_the_record(
        self, worker_client, worker, manager, referral, django_assert_max_num_queries
    ):
        assessment_at(AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral)
        url = _url("assessment_list", referral.child_id)
        worker_client.get(url)
        with django_assert_max_num_queries(40) as small:
            worker_client.get(url)
        for n in range(6):
            SignificantEventFactory(child=referral.child, occurred_on=dt.date(2026, 2, 3 + n))
        for n in range(3):
            ReferralFactory(
                child=referral.child,
                referral_date=dt.date(2024, 1, 8 + n),
                closed_on=dt.date(2024, 6, 1),
                closure_reason="RC8",
            )
        with django_assert_max_num_queries(len(small.captured_queries)):
            worker_client.get(url)


class TestStart:
    def test_starts_an_assessment(self, worker_client, referral):
        response = worker_client.post(
            _url("assessment_start", referral.child_id), _date("started_on", dt.date(2026, 1, 7))
        )

        assessment = Assessment.objects.get()
        assert response.status_code == 302
        assert response.url == _url("assessment_detail", assessment.pk)
        assert assessment.target_date == dt.date(2026, 3, 9)

    def test_shows_a_refused_date_and_writes_nothing(self, worker_client, referral):
        response = worker_client.post(
            _url("assessment_start", referral.child_id), _date("started_on", dt.date(2026, 1, 2))
        )

        assert response.status_code == 200
        assert "The start date must be on or after the referral date (5 January 2026)" in (
            response.content.decode()
        )
        assert not Assessment.objects.exists()

    def test_says_when_there_is_no_open_referral(self, worker_client, child_in_north):
        response = worker_client.get(_url("assessment_start", child_in_north.pk))

        assert "There is no open referral" in response.content.decode()

    def test_starts_an_updated_assessment_from_an_event(
        self, worker_client, worker, manager, referral
    ):
        previous = assessment_at(
            AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral
        )
        event = SignificantEventFactory(child=referral.child, occurred_on=dt.date(2026, 3, 2))
        url = f"{_url('assessment_start', referral.child_id)}?event={event.pk}"

        page = worker_client.get(url).content.decode()
        worker_client.post(url, _date("started_on", dt.date(2026, 3, 3)))

        assert "authorised on 2 February 2026" in page
        update = Assessment.objects.get(previous=previous)
        assert update.prompted_by == event
        assert update.analysis == previous.analysis

    def test_an_event_of_another_child_is_not_found(self, worker_client, referral):
        event = SignificantEventFactory()

        response = worker_client.get(
            f"{_url('assessment_start', referral.child_id)}?event={event.pk}"
        )

        assert response.status_code == 404


class TestDetail:
    def test_shows_status_timeliness_and_sections(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        response = worker_client.get(_url("assessment_detail", assessment.pk))

        page = response.content.decode()
        assert "Submitted for authorisation" in page
        assert "Overdue by 5 working days" in page  # due Mon 9 Mar; today Mon 16 Mar
        assert "9 March 2026" in page
        assert "Too young for this to be relevant" in page
        assert "3B: Domestic abuse: concern about a parent or carer" in page
        assert "I like it when Mum is calm." in page
        # Submitted: no change links for the worker.
        assert _url("assessment_section", assessment.pk, "analysis") not in page
        assert_access_logged(person=referral.child, actor=worker)

    def test_queries_do_not_grow_with_the_record(
        self, worker_client, worker, referral, django_assert_max_num_queries
    ):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        url = _url("assessment_detail", assessment.pk)
        worker_client.get(url)
        with django_assert_max_num_queries(40) as small:
            worker_client.get(url)
        for n in range(8):
            parent = AdultFactory()
            RelationshipFactory(person=referral.child, relative=parent, type="carer")
            assessment_view_add(
                actor=worker,
                assessment=assessment,
                holder="parent_carer",
                person=parent,
                how_obtained=f"Visit {n}",
                content="Words",
            )
        with django_assert_max_num_queries(len(small.captured_queries)):
            worker_client.get(url)

    def test_an_unknown_assessment_is_not_found(self, worker_client):
        assert worker_client.get(_url("assessment_detail", 999)).status_code == 404


class TestSections:
    @pytest.mark.parametrize("section", ["analysis", "child-seen", "outcome"])
    def test_the_page_carries_the_version_it_was_opened_at(
        self, worker_client, worker, referral, section
    ):
        # Without it in the form, a browser's save is refused (the version is required).
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        page = worker_client.get(_url("assessment_section", assessment.pk, section)).content

        assert f'name="version" value="{assessment.version}"'.encode() in page

    def test_saves_one_section(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        response = worker_client.post(
            _url("assessment_section", assessment.pk, "analysis"),
            {"analysis": "Needs support", "version": assessment.version},
        )

        assert response.status_code == 302
        assessment.refresh_from_db()
        assert assessment.analysis == "Needs support"

    def test_refuses_a_stale_save(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        url = _url("assessment_section", assessment.pk, "analysis")
        worker_client.post(url, {"analysis": "First", "version": assessment.version})

        response = worker_client.post(url, {"analysis": "Second", "version": assessment.version})

        assert "was changed by someone else" in response.content.decode()
        assessment.refresh_from_db()
        assert assessment.analysis == "First"

    def test_shows_a_refused_date(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        response = worker_client.post(
            _url("assessment_section", assessment.pk, "child-seen"),
            {**_date("child_seen_on", dt.date(2026, 3, 20)), "version": assessment.version},
        )

        assert "The date the child was seen must be today or in the past" in (
            response.content.decode()
        )
        assessment.refresh_from_db()
        assert assessment.child_seen_on is None

    def test_an_unknown_section_is_not_found(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        assert worker_client.get(_url("assessment_section", assessment.pk, "x")).status_code == 404

    def test_identity_page_refuses_both_answers(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        response = worker_client.post(
            _url("assessment_identity", assessment.pk),
            {"religion_content": "Christian", "religion_reason": "Not relevant"},
        )

        assert "Religion or belief: give what the assessment found or why it is not relevant" in (
            response.content.decode()
        )
        assert not assessment.identity.get(aspect="religion").content

    def test_identity_page_saves(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        worker_client.post(
            _url("assessment_identity", assessment.pk),
            {"religion_content": "Christian", "sexuality_reason": "Aged 7"},
        )

        assert assessment.identity.get(aspect="religion").content == "Christian"
        assert assessment.identity.get(aspect="sexuality").not_relevant_reason == "Aged 7"

    def test_views_page_adds_a_parents_view(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        mother = AdultFactory(given_name="Grace", family_name="Okafor")
        RelationshipFactory(person=referral.child, relative=mother, type="mother")
        url = _url("assessment_views", assessment.pk)

        assert "Grace Okafor" in worker_client.get(url).content.decode()
        response = worker_client.post(
            url,
            {
                "holder": "parent_carer",
                "person": mother.pk,
                "how_obtained": "Home visit",
                "content": "We need help",
            },
        )

        assert response.status_code == 302
        assert assessment.views.get().person == mother

    def test_views_page_shows_what_a_professional_needs(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        response = worker_client.post(
            _url("assessment_views", assessment.pk),
            {"holder": "professional", "how_obtained": "Call", "content": "Fine"},
        )

        page = response.content.decode()
        assert "Enter the name of the professional" in page
        assert "Enter the professional&#x27;s agency" in page
        assert not assessment.views.exists()

    def test_factors_page(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        url = _url("assessment_factors", assessment.pk)

        refused = worker_client.post(url, {"codes": ["21", "3B"]})
        worker_client.post(url, {"codes": ["3B", "16A"]})

        assert "Select &#x27;No factors identified&#x27; on its own" in refused.content.decode()
        assert sorted(f.code for f in assessment.factors.all()) == ["16A", "3B"]


class TestSubmitAndDecide:
    def test_check_your_answers_lists_what_is_missing(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        page = worker_client.get(_url("assessment_submit", assessment.pk)).content.decode()

        assert "You cannot submit the assessment yet" in page
        assert "Enter the date the child was seen" in page
        assert "Ethnicity, Culture, Religion or belief" in page
        assert "Submit for authorisation" not in page

    def test_submits_a_complete_assessment(self, worker_client, worker, referral):
        from cairn.testing.assessments_factories import complete_sections

        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)
        complete_sections(actor=worker, assessment=assessment, seen_on=dt.date(2026, 1, 9))
        url = _url("assessment_submit", assessment.pk)

        assert "Submit for authorisation" in worker_client.get(url).content.decode()
        response = worker_client.post(url)

        assert response.status_code == 302
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.SUBMITTED

    def test_posting_an_incomplete_assessment_shows_the_gaps(self, worker_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        response = worker_client.post(_url("assessment_submit", assessment.pk))

        assert "There is a problem" in response.content.decode()
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.DRAFT

    def test_a_manager_authorises(self, manager_client, manager, worker, referral):
        assessment = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)

        response = manager_client.post(
            _url("assessment_decide", assessment.pk),
            {"decision": "authorise", **_date("authorised_on", dt.date(2026, 3, 16))},
        )

        assert response.status_code == 302
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.AUTHORISED
        assert assessment.authorised_by == manager

    def test_a_manager_returns_with_comments(self, manager_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.SUBMITTED, worker=worker, episode=referral)
        url = _url("assessment_decide", assessment.pk)

        refused = manager_client.post(url, {"decision": "return", "comments": ""})
        manager_client.post(url, {"decision": "return", "comments": "Add the father's view"})

        assert "Enter what more work is needed" in refused.content.decode()
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.RETURNED
        page = manager_client.get(_url("assessment_detail", assessment.pk)).content.decode()
        assert "Add the father&#x27;s view" in page

    def test_authorising_a_draft_shows_the_workflow_message(self, manager_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        response = manager_client.post(
            _url("assessment_decide", assessment.pk),
            {"decision": "authorise", **_date("authorised_on", dt.date(2026, 3, 16))},
        )

        assert "cannot become &#x27;Authorised&#x27;" in response.content.decode()
        assessment.refresh_from_db()
        assert assessment.status == AssessmentStatus.DRAFT

    def test_a_manager_sets_a_shorter_target(self, manager_client, worker, referral):
        assessment = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

        manager_client.post(
            _url("assessment_target", assessment.pk), _date("target_date", dt.date(2026, 2, 27))
        )

        assessment.refresh_from_db()
        assert assessment.target_date == dt.date(2026, 2, 27)


class TestSignificantEvent:
    def test_records_an_event(self, worker_client, child_in_north):
        response = worker_client.post(
            _url("significant_event_record", child_in_north.pk),
            {
                **_date("occurred_on", dt.date(2026, 3, 12)),
                "type": "exclusion",
                "description": "Excluded for 3 days",
            },
        )

        assert response.status_code == 302
        assert SignificantEvent.objects.get().child == child_in_north

    def test_refuses_a_future_date(self, worker_client, child_in_north):
        response = worker_client.post(
            _url("significant_event_record", child_in_north.pk),
            {**_date("occurred_on", dt.date(2026, 3, 17)), "type": "other", "description": "X"},
        )

        assert "The date of the event must be today or in the past" in response.content.decode()
        assert not SignificantEvent.objects.exists()
        assert AccessEvent.objects.filter(person=child_in_north).exists()
