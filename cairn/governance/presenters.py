"""Shape information-governance data for pages and downloads."""

import csv
import dataclasses
import io

from cairn.governance.access import RESTRICTED_NAME, restricted_ids_hidden_from

HIDDEN_FIELDS = ("born", "age")


def _masked(row, name_fields):
    hide = {key: RESTRICTED_NAME for key in name_fields} | dict.fromkeys(HIDDEN_FIELDS, "Hidden")
    if isinstance(row, dict):
        return {**row, **{key: value for key, value in hide.items() if key in row}}
    present = {f.name for f in dataclasses.fields(row)}
    return dataclasses.replace(row, **{k: v for k, v in hide.items() if k in present})


def mask_restricted_rows(*, user, people, rows, name_fields=("name",)):
    """Search and list rows with restricted records the user may not open shown as
    "Restricted record": no name, and no birth date or age where the row has them (ADR 0023).
    `rows` match `people` one to one: frozen dataclasses or dicts, whose `name_fields` hold the
    child's name. Every page that lists children by name uses this (search, caseloads, queues,
    the chair's list, audit lists...)."""
    hidden = restricted_ids_hidden_from(user=user, people=people)
    if not hidden:
        return rows
    return [
        _masked(row, name_fields) if person.pk in hidden else row
        for person, row in zip(people, rows, strict=True)
    ]


UNUSUAL_SECTIONS = [
    ("outside_team", "Views outside the user's team"),
    ("restricted", "Restricted records"),
    ("leavers", "Access by leavers' accounts"),
    ("bulk", "Bulk viewing"),
]


def unusual_access_csv(report: dict[str, list]) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        ["category", "when", "user", "username", "team", "person_id", "person", "detail"]
    )
    for key, _ in UNUSUAL_SECTIONS:
        for row in report[key]:
            when = row.at.isoformat() if row.at else ""
            writer.writerow(
                [
                    row.category,
                    when,
                    row.user,
                    row.username,
                    row.team,
                    row.person_id or "",
                    row.person,
                    row.detail,
                ]
            )
    return text.getvalue()


def access_review_csv(*, views, changes) -> str:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(
        ["kind", "when", "user", "team", "page_or_record", "outcome_or_change", "fields"]
    )
    for event in views:
        writer.writerow(
            [
                "view",
                event.at.isoformat(),
                str(event.actor),
                str(event.actor.team or ""),
                event.page,
                event.get_outcome_display(),
                "",
            ]
        )
    for event in changes:
        writer.writerow(
            [
                "change",
                event.at.isoformat(),
                str(event.actor),
                "",
                f"{event.content_type.name}: {event.object_repr}",
                f"{event.get_action_display()} ({event.via})",
                ", ".join(event.changes.keys()),
            ]
        )
    return text.getvalue()
