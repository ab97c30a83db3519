"""Staff records and training, for templates."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from cairn.accounts.models import User
from cairn.people.presenters import format_date
from cairn.workforce.selectors.staff import is_newly_qualified


def _record(user: User):
    return getattr(user, "staff_record", None) if hasattr(user, "staff_record") else None


@dataclass(frozen=True)
class StaffRow:
    url: str
    name: str
    role: str
    team: str
    contract: str
    newly_qualified: bool
    left: str  # '' while in post


def staff_rows(users, today: dt.date) -> list[StaffRow]:
    rows = []
    for user in users:
        record = _record(user)
        rows.append(
            StaffRow(
                url=reverse("workforce:staff_detail", args=[user.pk]),
                name=user.get_full_name() or user.username,
                role=user.role_label,
                team=user.team.name if user.team else "No team",
                contract="Agency" if user.is_agency else "Permanent",
                newly_qualified=bool(
                    record and is_newly_qualified(qualified_on=record.qualified_on, today=today)
                ),
                left=format_date(record.left_on)
                if record and record.left_on and record.left_on <= today
                else "",
            )
        )
    return rows


def staff_summary(user: User, today: dt.date) -> list[tuple[str, str]]:
    record = _record(user)
    rows = [
        ("Role", user.role_label),
        ("Team", user.team.name if user.team else "No team"),
        ("Manager", user.manager.get_full_name() if user.manager else "Not recorded"),
        ("Full-time equivalent", f"{user.fte:g}"),
        ("Contract", "Agency" if user.is_agency else "Permanent"),
    ]
    if record is None:
        return [*rows, ("Staff record", "Not started")]
    qualified = format_date(record.qualified_on)
    if is_newly_qualified(qualified_on=record.qualified_on, today=today):
        qualified += " (newly qualified: assessed first year)"
    return [
        *rows,
        ("Social Work England registration number", record.swe_number or "Not recorded"),
        ("Date qualified", qualified),
        ("Started", format_date(record.started_on)),
        ("Leaving date", format_date(record.left_on) if record.left_on else "Not leaving"),
    ]


@dataclass(frozen=True)
class TrainingRow:
    course: str
    completed: str
    expires: str
    expired: bool
    remove_url: str


def training_rows(records, today: dt.date) -> list[TrainingRow]:
    return [
        TrainingRow(
            course=r.course,
            completed=format_date(r.completed_on),
            expires=format_date(r.expires_on) if r.expires_on else "Does not expire",
            expired=bool(r.expires_on and r.expires_on < today),
            remove_url=reverse("workforce:training_remove", args=[r.pk]),
        )
        for r in records
    ]
