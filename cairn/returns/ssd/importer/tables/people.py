"""People and what is recorded about them: disability, immigration status, address, family,
linked identifiers."""

from __future__ import annotations

from typing import Any

from cairn.people.models import (
    Address,
    Disability,
    Identifier,
    ImmigrationStatus,
    Person,
    PersonKind,
)
from cairn.people.names import name_keys
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer.engine import Item, Loader, Row
from cairn.returns.ssd.importer.parsing import RowError
from cairn.returns.ssd.importer.tables.base import (
    Handler,
    dates_in_order,
    kind_of,
)


class People(Handler):
    """ssd_person -> people.Person: the SSD person id is the LA child ID. UPN, NHS number and
    legacy id become Identifier rows."""

    table = "ssd_person"

    def __init__(self, linked: set[tuple[str, str, str]] | None = None):
        # (person id, system, value) that ssd_linked_identifiers holds: loaded there, in its
        # order and with its ids and dates, not here.
        self.linked = linked or set()

    def check(self, loader, row):
        v = row.values
        if len(row.row_id) > 20:
            raise RowError("pers_person_id is longer than 20 characters (the LA child ID)")
        if v["pers_dob"] and v["pers_expected_dob"]:
            raise RowError("pers_dob and pers_expected_dob are both set: give one")
        if not v["pers_dob"] and v["pers_expected_dob"] and v["pers_sex"] not in ("", "U"):
            raise RowError("an unborn child's pers_sex must be U")
        dates_in_order(row, "pers_dob", "pers_death_date")
        for name, limit in (
            ("pers_forename", 100),
            ("pers_surname", 100),
            ("pers_upn", 40),
            ("pers_single_unique_id", 40),
            ("pers_legacy_id", 40),
        ):
            if len(v[name]) > limit:
                raise RowError(f"{name} is longer than {limit} characters")

    def write(self, loader, rows):
        items = []
        for r in rows:
            v = r.values
            unborn = not v["pers_dob"] and bool(v["pers_expected_dob"])
            fields = {
                "kind": PersonKind.UNBORN if unborn else PersonKind.CHILD,
                "la_child_id": r.row_id,
                "given_name": v["pers_forename"],
                "family_name": v["pers_surname"],
                "date_of_birth": v["pers_dob"],
                "expected_date_of_birth": v["pers_expected_dob"],
                "date_of_death": v["pers_death_date"],
                "sex": v["pers_sex"] or "U",
                "gender_identity": v["pers_gender"] or "00",
                "ethnicity": v["pers_ethnicity"] or "NOBT",
                "upn_unknown_reason": v["pers_upn_unknown"],
                **name_keys(given_name=v["pers_forename"], family_name=v["pers_surname"]),
            }
            items.append(Item(r.row_id, fields))

        def match(ids):
            return dict(
                Person.all_objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk")
            )

        people = loader.upsert(kind_of(self.table), Person, items, match=match)
        for system, column in (
            ("upn", "pers_upn"),
            ("nhs", "pers_single_unique_id"),
            ("legacy", "pers_legacy_id"),
        ):
            wanted = [
                r
                for r in rows
                if r.values[column] and (r.row_id, system, r.values[column]) not in self.linked
            ]
            _identifiers(
                loader,
                f"person_{system}",
                [
                    (r.row_id, people[r.row_id], system, r.values[column], None, None)
                    for r in wanted
                ],
                keep_references=False,
            )


def _identifiers(
    loader: Loader, kind: str, wanted: list[tuple], *, keep_references: bool = True
) -> None:
    """Identifier rows (external id, person, system, value, from, to): a person's existing
    identifier with the same system and value is adopted, not duplicated. The person table's
    UPN, NHS number and legacy id keep no reference of their own: ssd_linked_identifiers names
    the same identifiers with its own ids."""
    if not wanted:
        return
    existing = {
        (p, s, val): pk
        for pk, p, s, val in Identifier.objects.filter(
            person_id__in={w[1] for w in wanted}
        ).values_list("pk", "person_id", "system", "value")
    }
    # The person table gives no validity dates: it leaves those of ssd_linked_identifiers be.
    dates = "fields" if keep_references else "create_only"
    items = []
    for eid, person, system, value, start, end in wanted:
        item = Item(eid, {"person_id": person, "system": system, "value": value}, person_id=person)
        getattr(item, dates).update(valid_from=start, valid_to=end)
        items.append(item)
    by_id = {w[0]: (w[1], w[2], w[3]) for w in wanted}

    def match(ids):
        return {i: existing[by_id[i]] for i in ids if by_id[i] in existing}

    loader.upsert(kind, Identifier, items, match=match, keep_references=keep_references)


class PersonRecord(Handler):
    """A table of one record per row belonging to a person (disability, address, ...)."""

    model: Any
    person_field: str

    def fields(self, row: Row) -> dict[str, Any]:
        raise NotImplementedError

    def write(self, loader, rows):
        loader.upsert(
            kind_of(self.table),
            self.model,
            [
                Item(
                    r.row_id,
                    {"person_id": r.parents[self.person_field], **self.fields(r)},
                    person_id=r.parents[self.person_field],
                )
                for r in rows
            ],
        )


class Disabilities(PersonRecord):
    table, model, person_field = "ssd_disability", Disability, "disa_person_id"

    def fields(self, row):
        return {"code": row.values["disa_disability_code"]}


class ImmigrationStatuses(PersonRecord):
    table, model, person_field = "ssd_immigration_status", ImmigrationStatus, "immi_person_id"

    def check(self, loader, row):
        dates_in_order(
            row, "immi_immigration_status_start_date", "immi_immigration_status_end_date"
        )

    def fields(self, row):
        v = row.values
        return {
            "status": v["immi_immigration_status"],
            "started_on": v["immi_immigration_status_start_date"],
            "ended_on": v["immi_immigration_status_end_date"],
        }


class Addresses(PersonRecord):
    table, model, person_field = "ssd_address", Address, "addr_person_id"

    def check(self, loader, row):
        dates_in_order(row, "addr_address_start_date", "addr_address_end_date")
        if len(row.values["addr_address_postcode"]) > 10:
            raise RowError("addr_address_postcode is longer than 10 characters")

    def fields(self, row):
        v = row.values
        data = {k: str(val or "").strip() for k, val in v["addr_address_json"].items()}
        line_2 = " ".join(
            p for p in (data.get(k, "") for k in ("ROOM", "FLOOR", "FLAT", "BUILDING")) if p
        )
        line_1 = " ".join(p for p in (data.get("HOUSE", ""), data.get("STREET", "")) if p)
        return {
            "line_1": line_1[:120],
            "line_2": line_2[:120],
            "town": data.get("TOWN", "")[:80],
            "postcode": v["addr_address_postcode"],
            "started_on": v["addr_address_start_date"],
            "ended_on": v["addr_address_end_date"],
        }


class Families(Handler):
    """ssd_family: Cairn holds no family groups; the membership is kept as references (the
    family id in `group_id`), so a re-export or a report can find it."""

    table = "ssd_family"

    def write(self, loader, rows):
        loader.touch_references(
            kind_of(self.table),
            Person,
            {r.row_id: r.parents["fami_person_id"] for r in rows},
            {r.row_id: r.values["fami_family_id"] for r in rows},
        )


IDENTIFIER_SYSTEMS = {label.lower(): system for system, label in spec.IDENTIFIER_TYPE.items()}
IDENTIFIER_SYSTEMS.update(
    {
        "nhs": "nhs",
        "nhs no": "nhs",
        "unique pupil number": "upn",
        "former unique pupil number": "former_upn",
        "case number": "legacy",
        "legacy id": "legacy",
        "home office ref": "home_office",
        "home office number": "home_office",
    }
)


class LinkedIdentifiers(Handler):
    table = "ssd_linked_identifiers"

    def check(self, loader, row):
        kind = row.values["link_identifier_type"].strip().lower()
        if kind not in IDENTIFIER_SYSTEMS:
            known = ", ".join(spec.IDENTIFIER_TYPE.values())
            raise RowError(
                f"link_identifier_type {row.values['link_identifier_type']!r} is not "
                f"one Cairn holds ({known})"
            )
        if len(row.values["link_identifier_value"]) > 40:
            raise RowError("link_identifier_value is longer than 40 characters")
        dates_in_order(row, "link_valid_from_date", "link_valid_to_date")

    def write(self, loader, rows):
        _identifiers(
            loader,
            kind_of(self.table),
            [
                (
                    r.row_id,
                    r.parents["link_person_id"],
                    IDENTIFIER_SYSTEMS[r.values["link_identifier_type"].strip().lower()],
                    r.values["link_identifier_value"],
                    r.values["link_valid_from_date"],
                    r.values["link_valid_to_date"],
                )
                for r in rows
            ],
        )
