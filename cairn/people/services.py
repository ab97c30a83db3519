"""Writes to people's records. Each is atomic, validates, and writes its own audit records."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import Team, User
from cairn.core import clock
from cairn.core.codelists import is_valid
from cairn.core.records import record_create, record_update
from cairn.people.identifiers import (
    former_upn_error,
    nhs_number_error,
    normalise_nhs_number,
    upn_error,
)
from cairn.people.models import (
    ChildIdSequence,
    Disability,
    Identifier,
    IdentifierSystem,
    Person,
    PersonKind,
    Relationship,
)
from cairn.people.names import name_keys
from cairn.workforce.models import Allocation

LA_CHILD_ID_PREFIX = "C"


def la_child_ids_reserve(count: int) -> list[str]:
    """Reserve `count` new LA child IDs. The sequence only moves forward, so none is reused."""
    with transaction.atomic():
        seq, _ = ChildIdSequence.objects.select_for_update().get_or_create(pk=1)
        first = seq.last_value + 1
        seq.last_value += count
        seq.save(update_fields=["last_value"])
    return [f"{LA_CHILD_ID_PREFIX}{n:07d}" for n in range(first, first + count)]


def _validate_identifiers(*, nhs_number: str, upn: str, former_upn: str) -> dict[str, str]:
    errors = {}
    if nhs_number and (problem := nhs_number_error(nhs_number)):
        errors["nhs_number"] = problem
    elif (
        nhs_number
        and Identifier.objects.filter(
            system=IdentifierSystem.NHS, value=normalise_nhs_number(nhs_number)
        ).exists()
    ):
        errors["nhs_number"] = "This NHS number is already on another person's record"
    if upn and (problem := upn_error(upn)):
        errors["upn"] = problem
    elif (
        upn
        and Identifier.objects.filter(
            system=IdentifierSystem.UPN, value=upn.strip().upper()
        ).exists()
    ):
        errors["upn"] = "This UPN is already on another child's record"
    if former_upn and (problem := former_upn_error(former_upn)):
        errors["former_upn"] = problem
    return errors


def _validate_child_dates(*, kind: str, date_of_birth, expected_date_of_birth, sex: str) -> dict:
    errors = {}
    if kind == PersonKind.UNBORN:
        if not expected_date_of_birth:
            errors["expected_date_of_birth"] = "Enter the expected date of birth of an unborn child"
        if sex != "U":
            errors["sex"] = "The sex of an unborn child must be recorded as unknown"
    elif not date_of_birth:
        errors["date_of_birth"] = "Enter the child's date of birth"
    elif date_of_birth > clock.today():
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    return errors


def _validate_child_codes(
    *, sex: str, ethnicity: str, disabilities: list[str], upn: str, upn_unknown_reason: str
) -> dict:
    errors = {}
    if not is_valid("sex", sex):
        errors["sex"] = "Select the child's sex"
    if not is_valid("ethnicity", ethnicity):
        errors["ethnicity"] = "Select the child's ethnicity"
    if unknown := [c for c in disabilities if not is_valid("disability", c)]:
        errors["disabilities"] = f"Unknown disability code: {', '.join(unknown)}"
    elif "NONE" in disabilities and len(disabilities) > 1:
        errors["disabilities"] = "Select 'No disability' on its own, or the child's disabilities"
    if upn and upn_unknown_reason:
        errors["upn_unknown_reason"] = "Give a UPN or a reason it is unknown, not both"
    elif upn_unknown_reason and not is_valid("upn_unknown", upn_unknown_reason):
        errors["upn_unknown_reason"] = "Select a reason the UPN is unknown"
    return errors


@transaction.atomic
def child_register(
    *,
    actor: User,
    team: Team,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None = None,
    expected_date_of_birth: dt.date | None = None,
    sex: str = "U",
    gender_identity: str = "00",
    ethnicity: str = "NOBT",
    religion: str = "",
    first_language: str = "",
    disabilities: list[str] | None = None,
    nhs_number: str = "",
    upn: str = "",
    former_upn: str = "",
    upn_unknown_reason: str = "",
    via: str = "web",
) -> Person:
    """Register a child (or an unborn child) and place them in `team`'s unallocated queue."""
    disabilities = disabilities or []
    kind = PersonKind.UNBORN if expected_date_of_birth and not date_of_birth else PersonKind.CHILD
    errors = _validate_child_dates(
        kind=kind,
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        sex=sex,
    ) | _validate_child_codes(
        sex=sex,
        ethnicity=ethnicity,
        disabilities=disabilities,
        upn=upn,
        upn_unknown_reason=upn_unknown_reason,
    )
    if not family_name.strip():
        errors["family_name"] = "Enter the child's family name"
    if team is None:
        errors["team"] = "You need to belong to a team to register a child"
    errors |= _validate_identifiers(nhs_number=nhs_number, upn=upn, former_upn=former_upn)
    if errors:
        raise ValidationError(errors)

    (la_child_id,) = la_child_ids_reserve(1)
    child = record_create(
        model=Person,
        actor=actor,
        via=via,
        kind=kind,
        la_child_id=la_child_id,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        expected_date_of_birth=expected_date_of_birth,
        sex=sex,
        gender_identity=gender_identity,
        ethnicity=ethnicity,
        religion=religion,
        first_language=first_language,
        upn_unknown_reason=upn_unknown_reason,
        **name_keys(given_name=given_name, family_name=family_name),
    )
    for system, value in (
        (IdentifierSystem.NHS, normalise_nhs_number(nhs_number)),
        (IdentifierSystem.UPN, upn.strip().upper()),
        (IdentifierSystem.FORMER_UPN, former_upn.strip().upper()),
    ):
        if value:
            record_create(
                model=Identifier,
                actor=actor,
                audit_subject=child,
                via=via,
                person=child,
                system=system,
                value=value,
            )
    for code in disabilities:
        record_create(
            model=Disability, actor=actor, audit_subject=child, via=via, person=child, code=code
        )
    record_create(
        model=Allocation,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        team=team,
        started_on=clock.today(),
        reason="Registered",
    )
    return child


@transaction.atomic
def adult_register(
    *,
    actor: User,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date | None = None,
    sex: str = "U",
    via: str = "web",
) -> Person:
    errors = {}
    if not family_name.strip():
        errors["family_name"] = "Enter the person's family name"
    if date_of_birth and date_of_birth > clock.today():
        errors["date_of_birth"] = "Date of birth must be today or in the past"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=Person,
        actor=actor,
        via=via,
        kind=PersonKind.ADULT,
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        date_of_birth=date_of_birth,
        sex=sex,
        **name_keys(given_name=given_name, family_name=family_name),
    )


@transaction.atomic
def relationship_create(
    *,
    actor: User,
    person: Person,
    relative: Person,
    type: str,
    same_household: bool = False,
    started_on: dt.date | None = None,
    via: str = "web",
) -> Relationship:
    """Record that `relative` is `person`'s <type> (e.g. her mother)."""
    if person.pk == relative.pk:
        raise ValidationError({"relative": "A person cannot be related to themselves"})
    return record_create(
        model=Relationship,
        actor=actor,
        audit_subject=person,
        via=via,
        person=person,
        relative=relative,
        type=type,
        same_household=same_household,
        started_on=started_on,
    )


@transaction.atomic
def person_update_details(
    *, actor: User, person: Person, expected_version: int, via: str = "web", **fields
) -> Person:
    """Change a person's own details (names, characteristics) with a version check."""
    allowed = {
        "given_name",
        "family_name",
        "known_as",
        "previous_names",
        "date_of_birth",
        "date_of_death",
        "sex",
        "gender_identity",
        "ethnicity",
        "religion",
        "first_language",
        "upn_unknown_reason",
    }
    if unknown := set(fields) - allowed:
        raise ValidationError({name: "This field cannot be changed here" for name in unknown})
    if "given_name" in fields or "family_name" in fields:
        fields |= name_keys(
            given_name=fields.get("given_name", person.given_name),
            family_name=fields.get("family_name", person.family_name),
        )
    return record_update(
        instance=person,
        actor=actor,
        expected_version=expected_version,
        audit_subject=person,
        via=via,
        **fields,
    )
