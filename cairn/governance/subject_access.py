"""Everything held about a person, for a subject access request (ADR 0023).

The records are found from the data model rather than a hand-kept list, so a new app's records
are included without change here: every model with a foreign key to the person (level 1), then
every model with a foreign key to those records (levels 2 and 3), one query per model and level.
Removed records are included (they are still held) and say so. The audit and access logs and
information governance's own records are not part of the export.

Third-party information is marked for redaction, not removed (a person decides):
- `third_party`: a field that points at another person (a relative, another child), or free
  text that names one of the other people linked to the record;
- `review`: other free text, which may describe other people and should be read before release.
"""

import csv
import datetime as dt
import decimal
import io
import re
import uuid
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from cairn.people.models import Person, Relationship

MAX_DEPTH = 3
EXCLUDED_APPS = {"core", "governance", "accounts", "auth", "contenttypes", "sessions", "admin"}
SKIPPED_FIELDS = {"password", "version"}
SKIPPED_SUFFIXES = ("_norm", "_sound")


@dataclass
class ExportRecord:
    model: type[models.Model]
    instance: models.Model
    fields: dict[str, Any] = field(default_factory=dict)
    redactions: list[dict[str, str]] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.model._meta.label

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name).capitalize()

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "label": self.label,
            "id": self.instance.pk,
            "removed": getattr(self.instance, "removed_at", None) is not None,
            "fields": self.fields,
            "redactions": self.redactions,
        }


@dataclass
class SubjectAccessExport:
    subject: Person
    generated_at: dt.datetime
    generated_by: str
    subject_fields: dict[str, Any]
    third_parties: list[dict[str, Any]]
    records: list[ExportRecord]

    def as_dict(self) -> dict[str, Any]:
        return {
            "subject": {"id": self.subject.pk, **self.subject_fields},
            "generated_at": self.generated_at.isoformat(),
            "generated_by": self.generated_by,
            "redaction_kinds": {
                "third_party": "Information about another person: redact before release",
                "review": "Free text: read and redact anything about other people",
            },
            "third_parties": self.third_parties,
            "records": [r.as_dict() for r in self.records],
        }

    def by_type(self) -> list[tuple[str, list[ExportRecord]]]:
        groups: dict[str, list[ExportRecord]] = {}
        for record in self.records:
            groups.setdefault(record.label, []).append(record)
        return sorted(groups.items())


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    return value


def _exportable(model: type[models.Model]) -> bool:
    meta = model._meta
    return not (meta.app_label in EXCLUDED_APPS or meta.proxy or not meta.managed)


def _fks_to(target: type[models.Model]) -> list[tuple[type[models.Model], models.ForeignKey]]:
    pairs = []
    for model in apps.get_models():
        if model is Person or not _exportable(model):
            continue
        for f in model._meta.concrete_fields:
            if isinstance(f, models.ForeignKey) and f.related_model is target:
                pairs.append((model, f))
    return pairs


def _collect(person: Person) -> dict[type[models.Model], dict[Any, models.Model]]:
    found: dict[type[models.Model], dict[Any, models.Model]] = {}
    frontier: dict[type[models.Model], set] = {Person: {person.pk}}
    for _ in range(MAX_DEPTH):
        next_frontier: dict[type[models.Model], set] = {}
        for target, ids in frontier.items():
            for model, fk in _fks_to(target):
                rows = model._base_manager.filter(**{f"{fk.attname}__in": ids})
                for row in rows:
                    bucket = found.setdefault(model, {})
                    if row.pk not in bucket:
                        bucket[row.pk] = row
                        next_frontier.setdefault(model, set()).add(row.pk)
        frontier = next_frontier
        if not frontier:
            break
    return found


def _fields_of(instance: models.Model) -> list[models.Field]:
    return [
        f
        for f in instance._meta.concrete_fields
        if f.name not in SKIPPED_FIELDS and not f.name.endswith(SKIPPED_SUFFIXES)
    ]


def _name_patterns(people: dict[int, Person], subject: Person) -> list[tuple[re.Pattern, Person]]:
    """Names to look for in free text: each other person's full name, and their given name
    when it differs from the subject's (a shared family name alone says nothing)."""
    patterns = []
    for other in people.values():
        names = {other.full_name}
        if other.given_name and other.given_name.lower() != subject.given_name.lower():
            names.add(other.given_name)
        for name in names:
            if len(name) >= 3:
                patterns.append((re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE), other))
    return patterns


@dataclass
class _Context:
    subject: Person
    others: dict[int, Person]
    users: dict[int, Any]
    relation_of: dict[int, str]
    patterns: list[tuple[re.Pattern, Person]]


def _person_field(record: ExportRecord, f: models.Field, value: Any, ctx: _Context) -> None:
    if value is None or value == ctx.subject.pk:
        record.fields[f.name] = {"id": value, "name": "The subject" if value else ""}
        return
    other = ctx.others.get(value)
    record.fields[f.name] = {"id": value, "name": other.full_name if other else ""}
    relation = f" ({ctx.relation_of[value]})" if value in ctx.relation_of else ""
    record.redactions.append(
        {"field": f.name, "kind": "third_party", "reason": f"Names another person{relation}"}
    )


def _text_marks(record: ExportRecord, f: models.Field, value: str, ctx: _Context) -> None:
    named = sorted({other.full_name for pattern, other in ctx.patterns if pattern.search(value)})
    if named:
        record.redactions.append(
            {"field": f.name, "kind": "third_party", "reason": "Names " + ", ".join(named)}
        )
    elif isinstance(f, models.TextField):
        record.redactions.append(
            {"field": f.name, "kind": "review", "reason": "Free text: may describe other people"}
        )


def _export_record(model, instance, ctx: _Context) -> ExportRecord:
    record = ExportRecord(model=model, instance=instance)
    user_model = apps.get_model("accounts", "User")
    for f in _fields_of(instance):
        value = getattr(instance, f.attname)
        if isinstance(f, models.ForeignKey):
            if f.related_model is Person:
                _person_field(record, f, value, ctx)
            elif f.related_model is user_model and value in ctx.users:
                user = ctx.users[value]
                record.fields[f.name] = user.get_full_name() or user.username
            else:
                record.fields[f.name] = _plain(value)
            continue
        if f.choices and value not in (None, ""):
            value = getattr(instance, f"get_{f.name}_display")()
        elif isinstance(value, str) and value.strip():
            _text_marks(record, f, value, ctx)
        record.fields[f.name] = _plain(value)
    return record


def _linked_ids(found, subject: Person) -> tuple[set, set]:
    """Ids of the other people and of the users the records point at."""
    user_model = apps.get_model("accounts", "User")
    other_ids: set = set()
    user_ids: set = set()
    for model, rows in found.items():
        for f in model._meta.concrete_fields:
            if not isinstance(f, models.ForeignKey):
                continue
            values = {getattr(r, f.attname) for r in rows.values()} - {None}
            if f.related_model is Person:
                other_ids |= values - {subject.pk}
            elif f.related_model is user_model:
                user_ids |= values
    return other_ids, user_ids


def subject_access_export(*, person: Person, actor, now: dt.datetime) -> SubjectAccessExport:
    found = _collect(person)
    relation_of: dict[int, str] = {}
    for rel in Relationship._base_manager.filter(
        models.Q(person=person) | models.Q(relative=person)
    ):
        if rel.person_id == person.pk:  # the other is the subject's <type>
            relation_of[rel.relative_id] = rel.get_type_display()
        else:  # the subject is the other's <type>
            relation_of[rel.person_id] = f"The subject is their {rel.get_type_display().lower()}"
    other_ids, user_ids = _linked_ids(found, person)
    others = Person._base_manager.in_bulk(other_ids | set(relation_of))
    ctx = _Context(
        subject=person,
        others=others,
        users=apps.get_model("accounts", "User")._base_manager.in_bulk(user_ids),
        relation_of=relation_of,
        patterns=_name_patterns(others, person),
    )
    records = [
        _export_record(model, instance, ctx)
        for model, rows in sorted(found.items(), key=lambda item: item[0]._meta.label)
        for instance in sorted(rows.values(), key=lambda r: r.pk)
    ]

    subject_fields = {
        f.name: _plain(
            getattr(person, f"get_{f.name}_display")() if f.choices else getattr(person, f.attname)
        )
        for f in _fields_of(person)
        if not isinstance(f, models.ForeignKey)
    }
    third_parties = [
        {
            "id": pk,
            "name": other.full_name,
            "relationship": relation_of.get(pk, "Named in the records"),
        }
        for pk, other in sorted(others.items())
    ]
    return SubjectAccessExport(
        subject=person,
        generated_at=now,
        generated_by=actor.get_full_name() or actor.username,
        subject_fields=subject_fields,
        third_parties=third_parties,
        records=records,
    )


def _cell(value: Any) -> str:
    if isinstance(value, dict):
        return f"{value.get('name', '')} (person {value.get('id')})"
    return "" if value is None else str(value)


def subject_access_zip(export: SubjectAccessExport) -> bytes:
    """The export as CSV files in a zip: the subject, the third parties, and one file per kind
    of record (with a `redactions` column)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:

        def write(name: str, header: list[str], rows: list[list[Any]]) -> None:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(header)
            writer.writerows(rows)
            archive.writestr(name, text.getvalue())

        write(
            "subject.csv",
            ["field", "value"],
            [[k, _cell(v)] for k, v in export.subject_fields.items()],
        )
        write(
            "third_parties.csv",
            ["id", "name", "relationship"],
            [[t["id"], t["name"], t["relationship"]] for t in export.third_parties],
        )
        by_type: dict[str, list[ExportRecord]] = {}
        for record in export.records:
            by_type.setdefault(record.type, []).append(record)
        for type_name, records in sorted(by_type.items()):
            names = list(records[0].fields)
            rows = [
                [r.instance.pk, "yes" if r.as_dict()["removed"] else "no"]
                + [_cell(r.fields.get(n)) for n in names]
                + ["; ".join(f"{m['field']}: {m['kind']} ({m['reason']})" for m in r.redactions)]
                for r in records
            ]
            write(
                f"records/{type_name.replace('.', '_')}.csv",
                ["id", "removed", *names, "redactions"],
                rows,
            )
    return buffer.getvalue()
