"""Case notes: drafted, then finalised; a final note is only ever appended to."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.casework.models import CaseNote, CaseNoteAppendment, CaseNoteStatus
from cairn.casework.workflows import CASE_NOTE
from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.people.models import Person

FINAL_NOTE_IS_NOT_EDITED = (
    "A final case note cannot be edited: add to it with an appendment instead"
)


def _content_errors(*, occurred_on: dt.date, subject: str, text: str) -> dict[str, str]:
    errors = {}
    if occurred_on > clock.today():
        errors["occurred_on"] = "The date of the case note must be today or in the past"
    if not subject.strip():
        errors["subject"] = "Enter a subject for the case note"
    if not text.strip():
        errors["text"] = "Enter the case note"
    return errors


@transaction.atomic
def case_note_draft(
    *,
    actor,
    child: Person,
    occurred_on: dt.date,
    subject: str,
    text: str,
    is_significant: bool = False,
) -> CaseNote:
    """Start a case note as a draft; it can be changed until it is finalised."""
    errors = _content_errors(occurred_on=occurred_on, subject=subject, text=text)
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=CaseNote,
        actor=actor,
        audit_subject=child,
        child=child,
        occurred_on=occurred_on,
        subject=subject.strip(),
        text=text.strip(),
        is_significant=is_significant,
        status=CaseNoteStatus.DRAFT,
    )


@transaction.atomic
def case_note_update(
    *,
    actor,
    note: CaseNote,
    expected_version: int,
    occurred_on: dt.date,
    subject: str,
    text: str,
    is_significant: bool,
) -> CaseNote:
    """Change a draft case note. A final note is never edited (it is appended to instead);
    an edit made after someone else saved the note is refused (version check)."""
    if note.status != CaseNoteStatus.DRAFT:
        raise ValidationError({"text": FINAL_NOTE_IS_NOT_EDITED})
    errors = _content_errors(occurred_on=occurred_on, subject=subject, text=text)
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=note,
        actor=actor,
        expected_version=expected_version,
        audit_subject=note.child,
        occurred_on=occurred_on,
        subject=subject.strip(),
        text=text.strip(),
        is_significant=is_significant,
    )


@transaction.atomic
def case_note_finalise(*, actor, note: CaseNote, expected_version: int) -> CaseNote:
    """Make a draft case note final (workflow CASE_NOTE: draft -> final), recording who and
    when. From then on it is only appended to."""
    CASE_NOTE.check(note.status, CaseNoteStatus.FINAL)
    return record_update(
        instance=note,
        actor=actor,
        expected_version=expected_version,
        audit_subject=note.child,
        status=CaseNoteStatus.FINAL,
        finalised_at=clock.now(),
        finalised_by=actor,
    )


@transaction.atomic
def case_note_append(*, actor, note: CaseNote, text: str) -> CaseNoteAppendment:
    """Add text to a final case note; the note itself stays as it was finalised."""
    errors = {}
    if note.status != CaseNoteStatus.FINAL:
        errors["text"] = "Only a final case note can be appended to: change the draft instead"
    elif not text.strip():
        errors["text"] = "Enter the text to add to the case note"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=CaseNoteAppendment,
        actor=actor,
        audit_subject=note.child,
        note=note,
        text=text.strip(),
    )
