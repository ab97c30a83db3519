"""The import machinery: stream each table's CSV in chunks, validate every row against the
declared table (spec.py) and its parents, write the valid rows in bulk with an audit record per
row (via="import"), and keep the source's ids as ExternalReference rows.

A row is rejected whole (file, line, reason) and nothing of it is written; rows referring to a
rejected row are rejected with "parent row rejected". If a chunk breaks a database rule the
bulk write is rolled back and its rows are written again in halves (down to one row), so only
the rows that break the rule are rejected.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, connection, models, transaction
from django.utils import timezone

from cairn.core.audit import _plain
from cairn.core.models import AuditAction, AuditEvent, ExternalReference, RecordModel
from cairn.people.models import Person
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer import parsing
from cairn.returns.ssd.importer.fast import FastInsert, created_changes
from cairn.returns.ssd.importer.parsing import RowError

VIA = "import"
CHUNK_SIZE = 5000
REJECTED_PARENT = "parent row rejected"
# What a row can break on writing (a database rule, a value too long, a rule a handler checks
# against other records); anything else is a fault in the importer and stops it.
ROW_ERRORS = (IntegrityError, DataError, ValidationError, ValueError)

# The ExternalReference kind each SSD table's ids are kept under.
KIND = {
    "ssd_department": "team",
    "ssd_professionals": "professional",
    "ssd_person": "person",
    "ssd_family": "family_member",
    "ssd_address": "address",
    "ssd_disability": "disability",
    "ssd_immigration_status": "immigration_status",
    "ssd_linked_identifiers": "identifier",
    "ssd_contacts": "contact",
    "ssd_early_help_episodes": "early_help_episode",
    "ssd_cin_episodes": "referral",
    "ssd_cin_assessments": "assessment",
    "ssd_assessment_factors": "assessment_factors",
    "ssd_cin_plans": "cin_plan",
    "ssd_cin_visits": "cin_visit",
    "ssd_s47_enquiry": "s47",
    "ssd_initial_cp_conference": "icpc",
    "ssd_cp_plans": "cp_plan",
    "ssd_cp_visits": "cp_visit",
    "ssd_cp_reviews": "cp_review",
    "ssd_involvements": "involvement",
}


# The kinds of the tables other tables refer to: the only ids a run keeps in memory.
PARENT_KINDS = frozenset(
    KIND[f.fk_table] for t in spec.TABLES for f in t.foreign_keys if f.fk_table in KIND
)


@dataclass
class Rejection:
    file: str
    line: int
    row_id: str
    reason: str


@dataclass
class Item:
    """One Cairn record to create or update from one SSD row."""

    external_id: str
    fields: dict[str, Any]
    person_id: int | None = None  # the audit subject
    create_only: dict[str, Any] = field(default_factory=dict)
    group_id: str = ""


@dataclass
class Row:
    line: int
    row_id: str
    values: dict[str, Any]  # parsed fields (dates, flags, codes, JSON)
    parents: dict[str, int]  # fk field -> Cairn pk


@dataclass
class Counts:
    read: int = 0
    loaded: int = 0
    rejected: int = 0


def chunked(iterable: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def day_start(day: dt.date) -> dt.datetime:
    """The start of a day in the council's time zone (dates become datetimes on import)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class Loader:
    """One import run: the source system's name, the actor, what was rejected so far."""

    def __init__(self, *, system: str, actor, progress: Callable[[str, int], None] | None = None):
        self.system = system
        self.actor = actor
        self.run_id = f"{timezone.now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        self.rejections: list[Rejection] = []
        self.rejected: dict[str, set[str]] = defaultdict(set)  # table -> rejected ids
        self.counts: dict[str, Counts] = {}
        self.progress = progress
        self._content_types: dict[type, ContentType] = {}
        # kind -> external id -> pk of each reference this run wrote or touched: parents'
        # pks for the tables after, without a query per chunk.
        self.loaded: dict[str, dict[str, int]] = defaultdict(dict)
        self._pending: list[tuple[str, dict[str, int]]] | None = None

    # -- references -------------------------------------------------------------------------

    def content_type(self, model: type[models.Model]) -> ContentType:
        if model not in self._content_types:
            self._content_types[model] = ContentType.objects.get_for_model(model)
        return self._content_types[model]

    def references(self, kind: str, ids: Iterable[str]) -> dict[str, ExternalReference]:
        ids = {i for i in ids if i}
        if not ids:
            return {}
        refs = ExternalReference.objects.filter(system=self.system, kind=kind)
        return {ref.external_id: ref for ref in _among(refs, "external_id", ids)}

    def pks(self, table: str, ids: Iterable[str]) -> dict[str, int]:
        """Cairn pks of rows of an SSD table, by their SSD id (people also by LA child ID).
        Rows this run wrote are known without a query (`self.loaded`); only the others (from
        an earlier import) are looked up."""
        ids = {i for i in ids if i}
        loaded = self.loaded[KIND[table]]
        found = {i: loaded[i] for i in ids if i in loaded}
        ids -= found.keys()
        found.update(
            {eid: int(ref.object_id) for eid, ref in self.references(KIND[table], ids).items()}
        )
        if table == "ssd_person":
            missing = ids - found.keys()
            if missing:
                found.update(
                    Person.all_objects.filter(la_child_id__in=missing).values_list(
                        "la_child_id", "pk"
                    )
                )
        return found

    def touch_references(
        self,
        kind: str,
        model: type[models.Model],
        pks: dict[str, int],
        groups: dict | None = None,
        *,
        existing: dict[str, ExternalReference] | None = None,
    ) -> None:
        """Keep `external id -> pk` for this kind, marked as loaded by this run (`existing`:
        the references of these ids, if the caller has just read them)."""
        groups = groups or {}
        if existing is None:
            existing = self.references(kind, pks)
        else:
            existing = {eid: existing[eid] for eid in pks if eid in existing}
        content_type = self.content_type(model).pk
        FastInsert.of(ExternalReference).insert(
            [
                {
                    "system": self.system,
                    "kind": kind,
                    "external_id": eid,
                    "group_id": groups.get(eid, ""),
                    "content_type_id": content_type,
                    "object_id": str(pk),
                    "import_run": self.run_id,
                }
                for eid, pk in pks.items()
                if eid not in existing
            ]
        )
        moved, touched = [], []
        for eid, ref in existing.items():
            object_id, group_id = str(pks[eid]), groups.get(eid, ref.group_id)
            if (ref.object_id, ref.group_id) != (object_id, group_id):
                ref.object_id, ref.group_id, ref.import_run = object_id, group_id, self.run_id
                moved.append(ref)
            else:
                touched.append(ref.pk)
        if moved:
            ExternalReference.objects.bulk_update(
                moved, ["import_run", "object_id", "group_id"], batch_size=1000
            )
        if touched:
            _among(ExternalReference.objects.all(), "id", touched).update(import_run=self.run_id)
        if kind not in PARENT_KINDS:  # no later table looks these up
            return
        if self._pending is None:
            self.loaded[kind].update(pks)
        else:  # known once the chunk's transaction commits
            self._pending.append((kind, dict(pks)))

    # -- writes -------------------------------------------------------------------------------

    def upsert(
        self,
        kind: str,
        model: type[models.Model],
        items: list[Item],
        *,
        match: Callable[[list[str]], dict[str, int]] | None = None,
        keep_references: bool = True,
    ) -> dict[str, int]:
        """Create or update one Cairn record per item, matched by its external id under `kind`
        (or by `match` for items with no reference yet); audit each change; keep the refs
        (unless `keep_references` is False: then `match` alone finds existing records).
        Returns external id -> pk for every item."""
        unique: dict[str, Item] = {}
        for item in items:
            unique[item.external_id] = item  # the last row for an id wins (shared meetings)
        items = list(unique.values())
        if not items:
            return {}
        refs = self.references(kind, unique) if keep_references else {}
        known = {eid: int(ref.object_id) for eid, ref in refs.items()}
        if match:
            missing = [eid for eid in unique if eid not in known]
            if missing:
                known.update(match(missing))
        is_record = issubclass(model, RecordModel)
        manager = model.all_objects if is_record else model._default_manager
        instances = manager.in_bulk(list(known.values())) if known else {}
        ct = self.content_type(model)
        new_items = [i for i in items if known.get(i.external_id) not in instances]
        result, audits = self._create(model, new_items, ct, is_record)
        for item in items:
            if known.get(item.external_id) in instances:
                result[item.external_id] = known[item.external_id]
        audits += self._update(model, items, known, instances, ct, is_record)
        FastInsert.of(AuditEvent).insert(audits)
        if keep_references:
            self.touch_references(
                kind,
                model,
                result,
                {i.external_id: i.group_id for i in items if i.group_id},
                existing=refs,
            )
        return result

    def _create(self, model, items: list[Item], ct, is_record: bool):
        if not items:
            return {}, []
        result, audits = {}, []
        label = (f"{model._meta.verbose_name} ", f" from {self.system}")
        if is_record:
            rows = []
            attnames = _attnames(model)
            actor = self.actor.pk
            for item in items:
                row = {attnames[k]: v for k, v in item.fields.items()}
                if item.create_only:
                    row.update({attnames[k]: v for k, v in item.create_only.items()})
                row["created_by_id"] = row["updated_by_id"] = actor
                rows.append(row)
            pks = FastInsert.of(model).insert(rows)
            for item, pk, row in zip(items, pks, rows, strict=True):
                result[item.external_id] = pk
                audits.append(
                    self._audit(AuditAction.CREATE, model, pk, ct, item, _created(row), label)
                )
            return result, audits
        objects = [model(**{**item.fields, **item.create_only}) for item in items]
        model._default_manager.bulk_create(objects, batch_size=1000)
        for item, obj in zip(items, objects, strict=True):
            result[item.external_id] = obj.pk
            row = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
            audits.append(
                self._audit(AuditAction.CREATE, model, obj.pk, ct, item, _created(row), label)
            )
        return result, audits

    def _update(self, model, items: list[Item], known, instances, ct, is_record: bool):
        """Apply each item's fields to its record; only changed records are written."""
        now = timezone.now()
        audits, changed_objects, changed_fields = [], [], set()
        for item in items:
            obj = instances.get(known.get(item.external_id))
            if obj is None:
                continue
            changes = _apply(obj, item.fields)
            if not changes:
                continue
            changed_fields.update(changes)
            if is_record:
                obj.version += 1
                obj.updated_by = self.actor
                obj.updated_at = now
            changed_objects.append(obj)
            audits.append(self._audit(AuditAction.UPDATE, model, obj.pk, ct, item, changes))
        if changed_objects:
            names = sorted(changed_fields)
            if is_record:
                names += ["version", "updated_by", "updated_at"]
            model._default_manager.bulk_update(changed_objects, names, batch_size=1000)
        return audits

    def _audit(self, action, model, pk, ct, item: Item, changes, label=None) -> dict[str, Any]:
        """One audit row (`label`: the text before and after the external id, made once per
        batch)."""
        person_id = item.person_id
        if person_id is None and getattr(model, "is_audit_subject", False):
            person_id = pk
        if label is None:
            label = (f"{model._meta.verbose_name} ", f" from {self.system}")
        label = label[0] + item.external_id + label[1]
        return {
            "actor_id": self.actor.pk,
            "via": VIA,
            "action": action,
            "content_type_id": ct.pk,
            "object_id": str(pk),
            "object_repr": label[:200],
            "person_id": person_id,
            "changes": changes,
        }

    # -- tables -------------------------------------------------------------------------------

    def reject(self, table: spec.Table, line: int, row_id: str, reason: str) -> None:
        self.rejections.append(Rejection(table.file_name, line, row_id, reason))
        if row_id:
            self.rejected[table.name].add(row_id)
        self.counts[table.name].rejected += 1

    def load_table(self, table: spec.Table, path: Path, handler) -> None:
        counts = self.counts.setdefault(table.name, Counts())
        with path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [
                f.name
                for f in table.fields
                if f.required and f.name not in (reader.fieldnames or [])
            ]
            if missing:
                self.rejections.append(
                    Rejection(
                        table.file_name,
                        1,
                        "",
                        f"no column {', '.join(missing)}: the file was not loaded",
                    )
                )
                return
            numbered = ((reader.line_num, row) for row in reader)
            for chunk in chunked(numbered, CHUNK_SIZE):
                counts.read += len(chunk)
                rows = self.validate(table, chunk, handler)
                if rows:
                    counts.loaded += self.write(table, rows, handler)
                if self.progress:
                    self.progress(table.name, counts.read)

    def validate(self, table: spec.Table, chunk, handler) -> list[Row]:
        kind = KIND[table.name]
        own = self.references(kind, (r.get(table.primary_key, "").strip() for _, r in chunk))
        parent_ids: dict[str, set[str]] = defaultdict(set)
        for _, raw in chunk:
            for name, fk_table in _parent_keys(table):
                parent_ids[fk_table].add((raw.get(name) or "").strip())
        parent_pks = {name: self.pks(name, ids) for name, ids in parent_ids.items()}
        seen: set[str] = set()
        rows = []
        for line, raw in chunk:
            row_id = (raw.get(table.primary_key) or "").strip()
            try:
                if row_id and (
                    row_id in seen or (row_id in own and own[row_id].import_run == self.run_id)
                ):
                    raise RowError(
                        f"duplicate id: {table.primary_key} {row_id!r} is on an earlier line "
                        "of this file"
                    )
                row = self._row(table, line, row_id, raw, parent_pks)
                handler.check(self, row)
            except RowError as error:
                seen.add(row_id)
                self.reject(table, line, row_id, error.reason)
                continue
            seen.add(row_id)
            rows.append(row)
        return rows

    def _row(self, table, line, row_id, raw, parent_pks) -> Row:
        """The parsed row with its parents' pks; RowError if a field or a parent is wrong."""
        if not row_id:
            raise RowError(f"{table.primary_key} is blank: it is required")
        if row_id in self.rejected[table.name]:
            raise RowError(
                f"duplicate id: {table.primary_key} {row_id!r} is on an earlier line of this file"
            )
        values = parse_row(table, raw)
        parents = {}
        for name, fk_table in _parent_keys(table):
            ref = values.get(name)
            if not ref:
                continue
            if ref in self.rejected[fk_table]:
                raise RowError(f"{REJECTED_PARENT} ({name} {ref!r} in {fk_table})")
            if ref not in parent_pks[fk_table]:
                raise RowError(f"missing parent row: {name} {ref!r} is not in {fk_table}")
            parents[name] = parent_pks[fk_table][ref]
        return Row(line, row_id, values, parents)

    def write(self, table: spec.Table, rows: list[Row], handler) -> int:
        """Write the rows in one transaction; if that breaks a database rule, split them in
        halves and write each (and so on down to single rows), so a few bad rows cost a few
        round trips, not one per row of the chunk. Only the rows that break a rule are
        rejected, in line order."""
        self._pending = []
        try:
            with transaction.atomic():
                handler.write(self, rows)
            for kind, pks in self._pending:
                self.loaded[kind].update(pks)
            return len(rows)
        except ROW_ERRORS as error:
            if len(rows) == 1:
                row = rows[0]
                self.reject(
                    table,
                    row.line,
                    row.row_id,
                    f"breaks a rule of Cairn's record: {_first_line(error)}",
                )
                return 0
        finally:
            self._pending = None
        middle = len(rows) // 2
        return self.write(table, rows[:middle], handler) + self.write(table, rows[middle:], handler)


def _among(queryset, column: str, values) -> models.QuerySet:
    """The rows whose column is one of the values. On PostgreSQL the values go as one array
    parameter (`= ANY(%s)`): Django builds `IN (%s, ...)` a value at a time, which costs more
    than the query itself for chunks of thousands of ids."""
    if connection.vendor == "postgresql":
        return queryset.extra(where=[f"{column} = ANY(%s)"], params=[list(values)])  # noqa: S610
    return queryset.filter(**{f"{column}__in": values})


_PARENT_KEYS: dict[str, tuple[tuple[str, str], ...]] = {}


def _parent_keys(table: spec.Table) -> tuple[tuple[str, str], ...]:
    """(field, parent table) of each foreign key to another table (cached by name: hashing
    the frozen Table would hash every field declaration, per row)."""
    keys = _PARENT_KEYS.get(table.name)
    if keys is None:
        keys = _PARENT_KEYS[table.name] = tuple(
            (f.name, f.fk_table) for f in table.foreign_keys if f.fk_table != table.name
        )
    return keys


def _apply(obj: models.Model, fields: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the fields that differ; return them as {field: [before, after]}."""
    changes = {}
    for name, value in fields.items():
        current = getattr(obj, name)
        if current == value:  # aware datetimes compare as instants, whatever their zone
            continue
        before, after = _plain(current), _plain(value)
        if before != after:
            changes[name] = [before, after]
            setattr(obj, name, value)
    return changes


def _first_line(error: Exception) -> str:
    text = str(error).strip().splitlines()
    return text[0] if text else type(error).__name__


_NOT_AUDITED = frozenset({
    "created_at", "updated_at", "created_by_id", "updated_by_id", "version", "password",
})  # fmt: skip


def _created(row: dict[str, Any]) -> str:
    """The audit's changes for a new record: every value it was written with (as JSON text,
    serialised here once: fast.created_changes)."""
    return created_changes(row, _NOT_AUDITED, _plain)


def _attname(model: type[models.Model], name: str) -> str:
    return _attnames(model)[name]


@functools.cache
def _attnames(model: type[models.Model]) -> dict[str, str]:
    """Field name (or attname) -> attname, for every concrete field of the model."""
    names = {}
    for f in model._meta.concrete_fields:
        names[f.name] = names[f.attname] = f.attname
    return names


def parse_row(table: spec.Table, raw: dict[str, str]) -> dict[str, Any]:
    """Every declared field of the row, parsed by its type; RowError on the first bad one."""
    return parsing.parse_row(table, raw)
