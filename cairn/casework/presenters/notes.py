"""Case notes shaped for pages."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from cairn.casework.models import CaseNote, CaseNoteStatus
from cairn.people.presenters import format_date


@dataclass(frozen=True)
class NoteListRow:
    url: str
    date: str
    subject: str
    status: str
    status_css: str
    significant: bool
    by: str


def _status(note: CaseNote) -> tuple[str, str]:
    if note.status == CaseNoteStatus.FINAL:
        return "Final", "govuk-tag--green"
    return "Draft", "govuk-tag--grey"


def note_list_rows(notes) -> list[NoteListRow]:
    return [
        NoteListRow(
            url=reverse("casework:case_note_detail", args=[n.pk]),
            date=format_date(n.occurred_on),
            subject=n.subject,
            status=_status(n)[0],
            status_css=_status(n)[1],
            significant=n.is_significant,
            by=n.created_by.get_full_name(),
        )
        for n in notes
    ]


@dataclass(frozen=True)
class AppendmentRow:
    text: str
    by: str
    at: str


@dataclass(frozen=True)
class NoteView:
    pk: int
    subject: str
    text: str
    date: str
    status: str
    status_css: str
    is_draft: bool
    significant: bool
    written_by: str
    finalised: str
    appendments: list[AppendmentRow]


def _when(value) -> str:
    local = timezone.localtime(value)
    return f"{format_date(local.date())} at {local:%H:%M}"


def note_view(note: CaseNote) -> NoteView:
    status, css = _status(note)
    finalised = ""
    if note.finalised_at:
        finalised = f"{_when(note.finalised_at)} by {note.finalised_by.get_full_name()}"
    return NoteView(
        pk=note.pk,
        subject=note.subject,
        text=note.text,
        date=format_date(note.occurred_on),
        status=status,
        status_css=css,
        is_draft=note.status == CaseNoteStatus.DRAFT,
        significant=note.is_significant,
        written_by=note.created_by.get_full_name(),
        finalised=finalised,
        appendments=[
            AppendmentRow(text=a.text, by=a.created_by.get_full_name(), at=_when(a.created_at))
            for a in note.appendments.all()
        ],
    )
