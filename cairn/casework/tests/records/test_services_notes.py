"""Case notes: draft, update (drafts only, version check), finalise (workflow), append."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import CaseNote, CaseNoteAppendment, CaseNoteStatus
from cairn.casework.services.notes import (
    case_note_append,
    case_note_draft,
    case_note_finalise,
    case_note_update,
)
from cairn.core.models import AuditEvent
from cairn.core.records import ConcurrentEditError
from cairn.core.workflows import TransitionRefused
from cairn.testing.audit import assert_audited

from .conftest import TODAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(worker, child_in_north):
    return case_note_draft(
        actor=worker,
        child=child_in_north,
        occurred_on=dt.date(2026, 3, 13),
        subject="Call from school",
        text="School called: Amara was late three times.",
    )


def _final(worker, note):
    return case_note_finalise(actor=worker, note=note, expected_version=note.version)


class TestDraft:
    def test_a_new_note_is_a_draft_audited_against_the_child(self, worker, draft, child_in_north):
        assert draft.status == CaseNoteStatus.DRAFT
        assert draft.subject == "Call from school"
        event = assert_audited(instance=draft, action="create", actor=worker, fields={"text"})
        assert event.person == child_in_north

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            (
                {"occurred_on": TODAY + dt.timedelta(days=1)},
                "occurred_on",
                "The date of the case note must be today or in the past",
            ),
            ({"subject": " "}, "subject", "Enter a subject for the case note"),
            ({"text": ""}, "text", "Enter the case note"),
        ],
    )
    def test_refused_and_nothing_written(self, worker, child_in_north, overrides, field, message):
        fields = {"occurred_on": TODAY, "subject": "Visit", "text": "Saw Amara"} | overrides
        with pytest.raises(ValidationError) as refused:
            case_note_draft(actor=worker, child=child_in_north, **fields)
        assert refused.value.message_dict[field] == [message]
        assert not CaseNote.objects.exists()
        assert not AuditEvent.objects.filter(person=child_in_north).exists()


class TestUpdate:
    def _update(self, worker, note, version, **overrides):
        fields = {
            "occurred_on": note.occurred_on,
            "subject": note.subject,
            "text": "School called: Amara was late four times.",
            "is_significant": True,
        } | overrides
        return case_note_update(actor=worker, note=note, expected_version=version, **fields)

    def test_a_draft_is_changed_and_the_change_audited(self, worker, draft, child_in_north):
        note = self._update(worker, draft, draft.version)
        assert note.text == "School called: Amara was late four times."
        assert note.is_significant is True
        assert note.version == draft.version + 1
        event = assert_audited(instance=note, action="update", actor=worker)
        assert set(event.changes) == {"text", "is_significant"}
        assert event.person == child_in_north

    def test_a_stale_version_is_refused_and_nothing_changes(self, worker, draft):
        self._update(worker, draft, draft.version)
        with pytest.raises(ConcurrentEditError):
            self._update(worker, draft, draft.version, text="Someone else's edit")
        assert CaseNote.objects.get().text == "School called: Amara was late four times."

    def test_a_final_note_is_never_edited(self, worker, draft):
        final = _final(worker, draft)
        with pytest.raises(ValidationError) as refused:
            self._update(worker, final, final.version)
        assert refused.value.message_dict["text"] == [
            "A final case note cannot be edited: add to it with an appendment instead"
        ]
        assert CaseNote.objects.get().text == "School called: Amara was late three times."

    def test_a_future_date_is_refused(self, worker, draft):
        with pytest.raises(ValidationError) as refused:
            self._update(worker, draft, draft.version, occurred_on=TODAY + dt.timedelta(days=1))
        assert "occurred_on" in refused.value.message_dict
        assert CaseNote.objects.get().version == draft.version


class TestFinalise:
    def test_finalising_records_who_and_when(self, worker, draft):
        final = _final(worker, draft)
        final.refresh_from_db()
        assert final.status == CaseNoteStatus.FINAL
        assert final.finalised_by == worker
        assert final.finalised_at is not None
        event = assert_audited(instance=final, action="update", actor=worker)
        assert event.changes["status"] == ["draft", "final"]

    def test_a_final_note_cannot_be_finalised_again(self, worker, draft):
        final = _final(worker, draft)
        with pytest.raises(TransitionRefused) as refused:
            _final(worker, final)
        assert refused.value.message_dict["status"] == [
            "The case note is 'Final' and cannot become 'Final'"
        ]
        assert CaseNote.objects.get().version == final.version


class TestAppend:
    def test_appending_to_a_final_note_leaves_the_note_as_it_was(self, worker, draft):
        final = _final(worker, draft)
        added = case_note_append(actor=worker, note=final, text="Mother confirmed the times.")
        assert added.note == final
        assert CaseNote.objects.get().text == "School called: Amara was late three times."
        event = assert_audited(instance=added, action="create", actor=worker)
        assert event.person == final.child

    def test_a_draft_cannot_be_appended_to(self, worker, draft):
        with pytest.raises(ValidationError) as refused:
            case_note_append(actor=worker, note=draft, text="More")
        assert refused.value.message_dict["text"] == [
            "Only a final case note can be appended to: change the draft instead"
        ]
        assert not CaseNoteAppendment.objects.exists()

    def test_empty_text_is_refused(self, worker, draft):
        final = _final(worker, draft)
        with pytest.raises(ValidationError) as refused:
            case_note_append(actor=worker, note=final, text="  ")
        assert refused.value.message_dict["text"] == ["Enter the text to add to the case note"]
        assert not CaseNoteAppendment.objects.exists()
