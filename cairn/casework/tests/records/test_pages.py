"""The pages for visits, case notes and the chronology: forms, refusals shown, permissions."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.casework.models import CaseNote, CaseNoteStatus, ChronologyAnalysis, Visit
from cairn.casework.services.notes import case_note_draft, case_note_finalise
from cairn.testing.audit import assert_access_logged
from cairn.testing.records_factories import SignificantEventFactory, VisitFactory

pytestmark = pytest.mark.django_db

WRITERS = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}


def _visit_form(**overrides):
    data = {
        "kind": "cin",
        "visited_on_0": "12",
        "visited_on_1": "3",
        "visited_on_2": "2026",
        "location": "The family home",
        "present": "Mother",
        "child_seen": "yes",
        "seen_alone": "yes",
        "bedroom_seen": "no",
        "wishes_and_feelings": "I want to stay at my school",
        "direct_work": "",
        "observations": "",
        "analysis": "",
    }
    return data | overrides


class TestVisitPage:
    def test_records_a_visit_on_one_page(self, worker_client, worker, open_child):
        url = reverse("casework:visit_create", args=[open_child.pk])
        page = worker_client.get(url).content.decode()
        assert page.count("<fieldset") >= 4

        response = worker_client.post(url, _visit_form())

        visit = Visit.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("casework:visit_detail", args=[visit.pk])
        assert (visit.seen_alone, visit.bedroom_seen) == (True, False)
        detail = worker_client.get(response["Location"]).content.decode()
        assert "I want to stay at my school" in detail
        assert_access_logged(person=open_child, actor=worker)

    def test_a_refusal_is_shown_in_the_error_summary(self, worker_client, open_child):
        url = reverse("casework:visit_create", args=[open_child.pk])
        response = worker_client.post(url, _visit_form(child_seen="no", seen_alone="yes"))
        page = response.content.decode()
        assert response.status_code == 200
        assert "govuk-error-summary" in page
        assert "The child cannot have been seen alone if they were not seen" in page
        assert not Visit.objects.exists()

    def test_a_child_not_open_cannot_have_a_visit(self, worker_client, child_in_north):
        url = reverse("casework:visit_create", args=[child_in_north.pk])
        page = worker_client.post(url, _visit_form()).content.decode()
        assert "is not open to children&#x27;s social care" in page
        assert not Visit.objects.exists()

    @pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
    def test_only_writers_in_scope_may_record(self, client, users, open_child, role):
        client.force_login(users[role])
        response = client.post(
            reverse("casework:visit_create", args=[open_child.pk]), _visit_form()
        )
        assert response.status_code == (302 if role in WRITERS else 403)
        assert Visit.objects.exists() is (role in WRITERS)

    def test_a_worker_cannot_see_a_visit_outside_their_scope(
        self, worker_client, worker, child_in_south
    ):
        visit = VisitFactory(child=child_in_south, episode__child=child_in_south)
        response = worker_client.get(reverse("casework:visit_detail", args=[visit.pk]))
        assert response.status_code == 403
        assert_access_logged(person=child_in_south, actor=worker, outcome="denied")


class TestCaseNotePages:
    def _form(self, **overrides):
        data = {
            "occurred_on_0": "13",
            "occurred_on_1": "3",
            "occurred_on_2": "2026",
            "subject": "Call from school",
            "text": "Amara was late three times.",
            "is_significant": "on",
        }
        return data | overrides

    def test_draft_change_finalise_and_append(self, worker_client, open_child):
        create = reverse("casework:case_note_create", args=[open_child.pk])
        response = worker_client.post(create, self._form())
        note = CaseNote.objects.get()
        assert response["Location"] == reverse("casework:case_note_detail", args=[note.pk])
        assert note.is_significant is True

        edit = reverse("casework:case_note_edit", args=[note.pk])
        worker_client.post(edit, self._form(text="Late four times.", version=note.version))
        note.refresh_from_db()
        assert note.text == "Late four times."

        finalise = reverse("casework:case_note_finalise", args=[note.pk])
        worker_client.post(finalise, {"version": note.version})
        note.refresh_from_db()
        assert note.status == CaseNoteStatus.FINAL

        append = reverse("casework:case_note_append", args=[note.pk])
        worker_client.post(append, {"text": "Mother agreed."})
        page = worker_client.get(reverse("casework:case_note_detail", args=[note.pk]))
        assert "Mother agreed." in page.content.decode()
        assert "Change the draft" not in page.content.decode()

    def test_a_final_note_cannot_be_changed_through_the_page(
        self, worker_client, worker, open_child
    ):
        note = case_note_draft(
            actor=worker,
            child=open_child,
            occurred_on=dt.date(2026, 3, 13),
            subject="Call",
            text="Original",
        )
        note = case_note_finalise(actor=worker, note=note, expected_version=note.version)
        response = worker_client.post(
            reverse("casework:case_note_edit", args=[note.pk]),
            self._form(text="Rewritten", version=note.version),
        )
        assert "A final case note cannot be edited" in response.content.decode()
        assert CaseNote.objects.get().text == "Original"

    def test_a_stale_edit_is_refused_on_the_page(self, worker_client, worker, open_child):
        note = case_note_draft(
            actor=worker,
            child=open_child,
            occurred_on=dt.date(2026, 3, 13),
            subject="Call",
            text="Original",
        )
        edit = reverse("casework:case_note_edit", args=[note.pk])
        worker_client.post(edit, self._form(text="First", version=note.version))
        response = worker_client.post(edit, self._form(text="Second", version=note.version))
        assert "changed by someone else" in response.content.decode()
        assert CaseNote.objects.get().text == "First"

    def test_readers_cannot_write_notes(self, client, users, open_child):
        client.force_login(users[Role.QA_OFFICER])
        create = reverse("casework:case_note_create", args=[open_child.pk])
        assert client.post(create, self._form()).status_code == 403
        assert (
            client.get(reverse("casework:case_note_list", args=[open_child.pk])).status_code == 200
        )
        assert not CaseNote.objects.exists()


class TestChronologyPage:
    def test_filters_by_kind_and_dates_without_javascript(
        self, worker_client, worker, open_child, episode
    ):
        VisitFactory(episode=episode, worker=worker, visited_on=dt.date(2026, 3, 2))
        SignificantEventFactory(child=open_child, occurred_on=dt.date(2026, 2, 20))
        url = reverse("casework:chronology", args=[open_child.pk])

        everything = worker_client.get(url)
        assert [r.kind for r in everything.context["rows"]] == [
            "referral",
            "significant_event",
            "visit",
        ]
        visits = worker_client.get(url, {"kinds": ["visit"]})
        assert [r.kind for r in visits.context["rows"]] == ["visit"]
        window = worker_client.get(
            url,
            {
                "start_0": "1",
                "start_1": "2",
                "start_2": "2026",
                "end_0": "28",
                "end_1": "2",
                "end_2": "2026",
            },
        )
        assert [r.kind for r in window.context["rows"]] == ["significant_event"]
        assert_access_logged(person=open_child, actor=worker)

    def test_an_end_before_the_start_is_refused(self, worker_client, open_child):
        url = reverse("casework:chronology", args=[open_child.pk])
        response = worker_client.get(
            url,
            {
                "start_0": "1",
                "start_1": "3",
                "start_2": "2026",
                "end_0": "1",
                "end_1": "2",
                "end_2": "2026",
            },
        )
        assert (
            "The end of the period must be the same as or after the start"
            in response.content.decode()
        )

    def test_adding_analysis_to_an_entry(self, worker_client, worker, open_child, episode):
        visit = VisitFactory(episode=episode, worker=worker)
        url = reverse("casework:chronology_analysis_add", args=[open_child.pk])
        form = worker_client.get(url, {"kind": "visit", "id": visit.pk}).content.decode()
        assert "Statutory child in need visit" in form

        response = worker_client.post(
            url, {"entry_kind": "visit", "entry_id": visit.pk, "analysis": "Amara spoke openly"}
        )

        assert response.status_code == 302
        assert response["Location"].endswith(f"#entry-visit-{visit.pk}")
        assert ChronologyAnalysis.objects.get().analysis == "Amara spoke openly"
        page = worker_client.get(reverse("casework:chronology", args=[open_child.pk]))
        assert "Amara spoke openly" in page.content.decode()

    def test_readers_cannot_add_analysis(self, client, users, open_child, episode, worker):
        visit = VisitFactory(episode=episode, worker=worker)
        client.force_login(users[Role.QA_OFFICER])
        url = reverse("casework:chronology_analysis_add", args=[open_child.pk])
        response = client.post(url, {"entry_kind": "visit", "entry_id": visit.pk, "analysis": "x"})
        assert response.status_code == 403
        assert not ChronologyAnalysis.objects.exists()
