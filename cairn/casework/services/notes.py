"""Case notes: drafted, then finalised; a final note is only ever appended to.

CaseNote has a field called `subject` (the note's heading), which collides with the `subject`
keyword (the audited person) of core.records.record_create/record_update. The two helpers here
do the same steps as those (full_clean, version check in the UPDATE, audit record naming the
child) for case notes.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.casework.models import CaseNote, CaseNoteAppendment, CaseNoteStatus
from cairn.casework.workflows import CASE_NOTE
from cairn.core import clock
from cairn.core.audit import audit_created, audit_record, changes_between, snapshot
from cairn.core.models import AuditAction
from cairn.core.records import ConcurrentEditError, record_create
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


def _note_create(*, actor, child: Person, **fields) -> CaseNote:
    note = CaseNote(created_by=actor, updated_by=actor, child=child, **fields)
    note.full_clean()
    note.save()
    audit_created(actor=actor, instance=note, person=child)
    return note


def _note_update(*, note: CaseNote, actor, expected_version: int, **fields) -> CaseNote:
    current = CaseNote.objects.select_for_update().get(pk=note.pk)
    if current.version != expected_version:
        raise ConcurrentEditError(current)
    before = snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    current.full_clean()
    changes = changes_between(before, snapshot(current))
    if not changes:
        return current
    current.updated_by = actor
    current.updated_at = timezone.now()
    current.version = expected_version + 1
    written = CaseNote.objects.filter(pk=current.pk, version=expected_version).update(
        **{name: getattr(current, name) for name in fields},
        updated_by=actor,
        updated_at=current.updated_at,
        version=current.version,
    )
    if written != 1:
        raise ConcurrentEditError(current)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        changes=changes,
        person=current.child,
    )
    return current


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
    return _note_create(
        actor=actor,
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
    return _note_update(
        note=note,
        actor=actor,
        expected_version=expected_version,
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
    return _note_update(
        note=note,
        actor=actor,
        expected_version=expected_version,
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
        model=CaseNoteAppendment, actor=actor, subject=note.child, note=note, text=text.strip()
    )
