"""Shape people for templates: summary-list rows, table rows, formatted identifiers."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from cairn.core import clock
from cairn.people.identifiers import format_nhs_number
from cairn.people.models import IdentifierSystem, Person, PersonKind


def format_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "Not recorded"


def age_text(person: Person, today: dt.date | None = None) -> str:
    today = today or clock.today()
    if person.kind == PersonKind.UNBORN:
        return f"Unborn, due {format_date(person.expected_date_of_birth)}"
    if not person.date_of_birth:
        return "Age not known"
    dob = person.date_of_birth
    years = today.year - dob.year - ((today.month, today.day) < (dob.month, dob.day))
    return f"{years} years old" if years != 1 else "1 year old"


def born_text(person: Person) -> str:
    if person.kind == PersonKind.UNBORN:
        return f"Due {format_date(person.expected_date_of_birth)}"
    return format_date(person.date_of_birth)


@dataclass(frozen=True)
class ChildRow:
    url: str
    name: str
    la_child_id: str
    born: str
    age: str
    restricted: bool


def child_rows(people) -> list[ChildRow]:
    """Rows for a list of people: children link to their child's page, adults to the person
    page."""
    today = clock.today()
    return [
        ChildRow(
            url=reverse(
                "casework:child_detail" if p.is_child else "people:person_detail", args=[p.pk]
            ),
            name=p.full_name,
            la_child_id=p.la_child_id or "Adult",
            born=born_text(p),
            age=age_text(p, today) if p.is_child else "Adult",
            restricted=p.is_restricted,
        )
        for p in people
    ]


def _identifier_value(identifier) -> str:
    if identifier.system == IdentifierSystem.NHS:
        return format_nhs_number(identifier.value)
    return identifier.value


def summary_rows(person: Person) -> list[tuple[str, str]]:
    rows = [("Name", person.full_name)]
    if person.known_as:
        rows.append(("Known as", person.known_as))
    rows += [
        (
            "Date of birth" if person.kind != PersonKind.UNBORN else "Expected date of birth",
            born_text(person),
        ),
        ("Age", age_text(person)),
        ("Sex", person.get_sex_display()),
        ("Gender identity", person.get_gender_identity_display()),
        ("Ethnicity", person.get_ethnicity_display()),
        ("Religion", person.religion or "Not recorded"),
        ("First language", person.first_language or "Not recorded"),
    ]
    if person.is_child:
        disabilities = ", ".join(d.get_code_display() for d in person.disabilities.all())
        rows.append(("Disabilities", disabilities or "Not recorded"))
    statuses = ", ".join(s.get_status_display() for s in person.immigration_statuses.all())
    if statuses:
        rows.append(("Immigration status", statuses))
    if person.date_of_death:
        rows.append(("Date of death", format_date(person.date_of_death)))
    return rows


def identifier_rows(person: Person) -> list[tuple[str, str]]:
    rows = []
    if person.la_child_id:
        rows.append(("LA child ID", person.la_child_id))
    rows += [(i.get_system_display(), _identifier_value(i)) for i in person.identifiers.all()]
    if person.upn_unknown_reason:
        rows.append(("UPN unknown reason", person.get_upn_unknown_reason_display()))
    return rows


@dataclass(frozen=True)
class FamilyMember:
    url: str
    name: str
    relationship: str
    household: str
    born: str


def family_rows(person: Person) -> list[FamilyMember]:
    """The family network: people recorded as this person's relatives, and the inverse links."""
    rows = [
        FamilyMember(
            url=reverse("people:person_detail", args=[r.relative_id]),
            name=r.relative.full_name,
            relationship=r.get_type_display(),
            household="Yes" if r.same_household else "No",
            born=born_text(r.relative)
            if r.relative.kind != PersonKind.ADULT
            else format_date(r.relative.date_of_birth),
        )
        for r in person.relationships.all()
    ]
    rows += [
        FamilyMember(
            url=reverse("people:person_detail", args=[r.person_id]),
            name=r.person.full_name,
            relationship=f"Their {r.get_type_display().lower()}: {person.full_name}",
            household="Yes" if r.same_household else "No",
            born=born_text(r.person),
        )
        for r in person.relationships_as_relative.all()
    ]
    return rows


def allocation_text(person: Person) -> str:
    current = next((a for a in person.allocations.all() if a.ended_on is None), None)
    if current is None:
        return "Not allocated"
    worker = current.worker.get_full_name() if current.worker else "no worker allocated"
    return f"{current.team.name}: {worker}"
