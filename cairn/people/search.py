"""Finding a person: by name (tolerant of typos and sound-alike variants), date of birth, or any
identifier (NHS number, UPN, LA child ID, legacy id). Results are scoped to what the user may see.

Names are matched in two steps: SQL narrows to candidates (same sound key, or same first two
letters), then Jaro-Winkler similarity ranks them. Both steps are bounded, whatever the data size.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from cairn.accounts.models import User
from cairn.people.identifiers import normalise_nhs_number
from cairn.people.models import Identifier, Person
from cairn.people.names import name_similarity, name_sound, normalise_name
from cairn.people.selectors import CHILD_KINDS, person_list_visible_to

MAX_CANDIDATES = 5000
MIN_SIMILARITY = 0.84
_DATE_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y")
_IDENTIFIER = re.compile(
    r"^(?:\d{10}|[A-Za-z]\d{11}[0-9A-Za-z]|[A-Za-z]\d{12}|[A-Za-z]{1,4}\d{4,16})$"
)


@dataclass
class ParsedQuery:
    names: list[str] = field(default_factory=list)
    date_of_birth: dt.date | None = None
    identifier: str | None = None

    @property
    def is_empty(self) -> bool:
        return not (self.names or self.date_of_birth or self.identifier)


def _parse_date(token: str) -> dt.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(token, fmt).date()  # noqa: DTZ007 - a date, not a time
        except ValueError:
            continue
    return None


def parse_query(text: str) -> ParsedQuery:
    text = (text or "").strip()
    parsed = ParsedQuery()
    compact = normalise_nhs_number(text)
    if re.fullmatch(r"\d{10}", compact):
        parsed.identifier = compact
        return parsed
    for token in text.split():
        if (day := _parse_date(token)) is not None:
            parsed.date_of_birth = day
        elif _IDENTIFIER.match(token):
            parsed.identifier = token.upper()
        elif norm := normalise_name(token):
            parsed.names.append(norm)
    return parsed


def _name_filter(names: list[str]) -> Q:
    match = Q()
    for name in names:
        sound = name_sound(name)
        prefix = name[:2]
        match &= (
            Q(family_name_norm__startswith=prefix)
            | Q(given_name_norm__startswith=prefix)
            | Q(family_name_sound=sound)
            | Q(given_name_sound=sound)
        )
    return match


def _score(names: list[str], given: str, family: str) -> float:
    if not names:
        return 1.0
    scores = []
    for name in names:
        scores.append(
            max(
                name_similarity(name, given),
                name_similarity(name, family),
                0.9 if name_sound(name) in (name_sound(given), name_sound(family)) else 0,
            )
        )
    return sum(scores) / len(scores)


def person_search(*, user: User, text: str, limit: int = 50) -> list[Person]:
    """People visible to `user` matching `text`, best match first."""
    parsed = parse_query(text)
    if parsed.is_empty:
        return []
    people: QuerySet[Person] = person_list_visible_to(user=user)
    if parsed.identifier:
        # Identifiers are stored upper case (services normalise them), so exact matches use
        # the indexes.
        holders = Identifier.objects.filter(value=parsed.identifier).values("person_id")
        people = people.filter(Q(la_child_id=parsed.identifier) | Q(pk__in=holders))
    if parsed.date_of_birth:
        people = people.filter(
            Q(date_of_birth=parsed.date_of_birth) | Q(expected_date_of_birth=parsed.date_of_birth)
        )
    if parsed.names:
        people = people.filter(_name_filter(parsed.names))
    candidates = people.values_list("pk", "given_name_norm", "family_name_norm")[:MAX_CANDIDATES]
    ranked = sorted(
        ((_score(parsed.names, given, family), pk) for pk, given, family in candidates),
        key=lambda pair: -pair[0],
    )
    best = [pk for score, pk in ranked if score >= MIN_SIMILARITY][:limit]
    by_pk = Person.objects.in_bulk(best)
    return [by_pk[pk] for pk in best]


def possible_duplicates(
    *, given_name: str, family_name: str, date_of_birth: dt.date | None, nhs_number: str = ""
) -> list[Person]:
    """Children who may already be on record: the same NHS number, or the same date of birth
    and a similar name. Not scoped: the check must see every record (callers show only what the
    user may see, and count the rest)."""
    matches: dict[int, Person] = {}
    children = Person.objects.filter(kind__in=CHILD_KINDS)
    if nhs_number:
        for person in children.filter(
            identifiers__system="nhs",
            identifiers__value=normalise_nhs_number(nhs_number),
            identifiers__removed_at__isnull=True,
        ):
            matches[person.pk] = person
    if date_of_birth:
        same_day = children.filter(
            Q(date_of_birth=date_of_birth) | Q(expected_date_of_birth=date_of_birth)
        )
        full = f"{given_name} {family_name}"
        for person in same_day:
            similarity = name_similarity(full, f"{person.given_name} {person.family_name}")
            if similarity >= MIN_SIMILARITY or name_sound(family_name) == person.family_name_sound:
                matches.setdefault(person.pk, person)
    return list(matches.values())


def possible_duplicates_for(*, user: User, **details) -> tuple[list[Person], int]:
    """Possible duplicates split into those `user` may see and a count of the rest."""
    matches = possible_duplicates(**details)
    visible_pks = set(
        person_list_visible_to(user=user)
        .filter(pk__in=[m.pk for m in matches])
        .values_list("pk", flat=True)
    )
    visible = [m for m in matches if m.pk in visible_pks]
    return visible, len(matches) - len(visible)
