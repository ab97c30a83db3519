"""Sources of the people tables: person, family, address, disability, immigration status,
linked identifiers."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    Exists,
    IntegerField,
    Model,
    OuterRef,
    Subquery,
)
from django.db.models.functions import Cast

from cairn.people.models import (
    Address,
    Identifier,
    Person,
    Relationship,
    RelationshipType,
)
from cairn.returns.ssd import spec
from cairn.returns.ssd.export.ids import (
    CHUNK,
    FAMILY_KIND,
    SmallIds,
    children_only,
    external_id,
    external_reference_model,
    la_child_id_of,
)


def _identifier(system: str) -> Subquery:
    return Subquery(
        Identifier.objects.filter(person=OuterRef("pk"), system=system)
        .order_by("-valid_from", "-pk")
        .values("value")[:1]
    )


def person_rows(ids: SmallIds) -> Iterator[dict]:
    people = (
        Person.objects.filter(la_child_id__isnull=False)
        .order_by("pk")
        .annotate(
            legacy=_identifier("legacy"),
            nhs=_identifier("nhs"),
            upn=_identifier("upn"),
            is_mother=Exists(
                Relationship.objects.filter(relative=OuterRef("pk"), type=RelationshipType.MOTHER)
            ),
        )
        .values(
            "la_child_id",
            "legacy",
            "given_name",
            "family_name",
            "sex",
            "gender_identity",
            "ethnicity",
            "date_of_birth",
            "expected_date_of_birth",
            "nhs",
            "upn",
            "upn_unknown_reason",
            "date_of_death",
            "is_mother",
        )
    )
    for row in people.iterator(chunk_size=CHUNK):
        yield {
            "pers_person_id": row["la_child_id"],
            "pers_legacy_id": row["legacy"],
            "pers_forename": row["given_name"],
            "pers_surname": row["family_name"],
            "pers_sex": row["sex"],
            "pers_gender": row["gender_identity"],
            "pers_ethnicity": row["ethnicity"],
            "pers_dob": row["date_of_birth"],
            "pers_expected_dob": row["expected_date_of_birth"],
            "pers_single_unique_id": row["nhs"],
            "pers_upn": row["upn"],
            "pers_upn_unknown": row["upn_unknown_reason"],
            "pers_send_flag": None,
            "pers_death_date": row["date_of_death"],
            "pers_is_mother": row["is_mother"],
            "pers_nationality": "",
        }


def family_rows(ids: SmallIds) -> Iterator[dict]:
    """Cairn holds no family groups of its own: the rows are the family memberships an import
    kept (ExternalReference of kind family_member on the person, family id in group_id)."""
    ref = external_reference_model()
    if ref is None:
        return
    person = Person.objects.filter(
        pk=Cast(OuterRef("object_id"), output_field=IntegerField()), la_child_id__isnull=False
    )
    qs = (
        ref.objects.filter(kind=FAMILY_KIND, content_type=ContentType.objects.get_for_model(Person))
        .annotate(la_child_id=Subquery(person.values("la_child_id")[:1]))
        .filter(la_child_id__isnull=False)
        .order_by("pk")
        .values("external_id", "group_id", "la_child_id")
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "fami_table_id": row["external_id"],
            "fami_family_id": row["group_id"],
            "fami_person_id": row["la_child_id"],
        }


def address_rows(ids: SmallIds) -> Iterator[dict]:
    rows = (
        children_only(Address.objects, "person")
        .order_by("pk")
        .annotate(ssd_id=external_id(Address, "pk"))
        .values(
            "ssd_id",
            "person__la_child_id",
            *spec.ADDRESS_LINE_KEYS,
            "postcode",
            "started_on",
            "ended_on",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        lines = {key: row[name] for name, key in spec.ADDRESS_LINE_KEYS.items()}
        yield {
            "addr_table_id": row["ssd_id"],
            "addr_person_id": row["person__la_child_id"],
            "addr_address_type": "",
            "addr_address_start_date": row["started_on"],
            "addr_address_end_date": row["ended_on"],
            "addr_address_postcode": row["postcode"],
            "addr_address_json": {key: lines.get(key, "") for key in spec.ADDRESS_KEYS},
        }


def simple_person_rows(
    model: type[Model], mapping: dict[str, str], id_field: str, person_field: str
) -> Callable[[SmallIds], Iterator[dict]]:
    """A table whose rows are one model's rows about a child: {ssd field: model field}."""

    def rows(ids: SmallIds) -> Iterator[dict]:
        qs = (
            children_only(model.objects, "person")
            .order_by("pk")
            .annotate(ssd_id=external_id(model, "pk"), ssd_person=la_child_id_of("person"))
            .values("ssd_id", "ssd_person", *mapping.values())
        )
        for row in qs.iterator(chunk_size=CHUNK):
            out = {id_field: row["ssd_id"], person_field: row["ssd_person"]}
            out.update({ssd: row[name] for ssd, name in mapping.items()})
            yield out

    return rows


def linked_identifiers_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(Identifier.objects, "person")
        .order_by("pk")
        .annotate(ssd_id=external_id(Identifier, "pk"))
        .values("ssd_id", "person__la_child_id", "system", "value", "valid_from", "valid_to")
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "link_table_id": row["ssd_id"],
            "link_person_id": row["person__la_child_id"],
            "link_identifier_type": spec.IDENTIFIER_TYPE.get(row["system"], row["system"]),
            "link_identifier_value": row["value"],
            "link_valid_from_date": row["valid_from"],
            "link_valid_to_date": row["valid_to"],
        }
