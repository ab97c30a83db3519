"""The measures interface: what a scorecard measure is, and the registry of them (ADR 0027).

A measure turns the live record into one monthly figure per scope (the council, a service area,
a team). Every figure can be traced to the children behind it: ``children(month, scope)`` returns
exactly the children counted in the figure's numerator (for shares and rates) or its count (for
counts and averages), so a drill-down list's length equals the number on the page.

Months are always the first day of the month (``date(2026, 3, 1)`` is March 2026). "At month end"
figures are taken on the last day of that month.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from cairn.people.models import Person

COUNCIL = "council"
SERVICE = "service"
TEAM = "team"
SCOPE_KINDS = (COUNCIL, SERVICE, TEAM)

# Units a measure's value is in; the pages format by unit.
COUNT = "count"  # a whole number of children or events
PERCENT = "percent"  # 0-100, one decimal place
PER_10K = "per_10k"  # a rate per 10,000 children in the council's child population
WEEKS = "weeks"  # an average duration in weeks, one decimal place
NUMBER = "number"  # any other average (e.g. children per worker), one decimal place
UNITS = (COUNT, PERCENT, PER_10K, WEEKS, NUMBER)

# Groups in the order the scorecard shows them.
GROUPS = (
    "Front door",
    "Assessment",
    "Child protection",
    "Children in need",
    "Legal",
    "Edge of care",
    "Plans and visits",
    "Workforce",
    "Quality",
    "Drift",
)


@dataclass(frozen=True)
class Scope:
    """Whose figures: the whole council, a service area (a Team of kind "service" and the
    teams under it via ``Team.parent``) or one team."""

    kind: str
    team_id: int | None = None

    def __post_init__(self) -> None:
        if self.kind not in SCOPE_KINDS:
            raise ValueError(f"Unknown scope kind {self.kind!r}")
        if (self.kind == COUNCIL) != (self.team_id is None):
            raise ValueError("A council scope has no team; a service or team scope has one")

    @classmethod
    def council(cls) -> Scope:
        return cls(COUNCIL)

    @classmethod
    def service(cls, team_id: int) -> Scope:
        return cls(SERVICE, team_id)

    @classmethod
    def team(cls, team_id: int) -> Scope:
        return cls(TEAM, team_id)

    @property
    def key(self) -> str:
        """A short stable string for URLs and forms: "council", "service-3", "team-12"."""
        return COUNCIL if self.kind == COUNCIL else f"{self.kind}-{self.team_id}"

    @classmethod
    def from_key(cls, key: str) -> Scope:
        """The inverse of ``key``; raises ValueError on anything else."""
        if key == COUNCIL:
            return cls.council()
        kind, _, pk = key.partition("-")
        if kind not in (SERVICE, TEAM) or not pk.isdigit():
            raise ValueError(f"Not a scope: {key!r}")
        return cls(kind, int(pk))


@dataclass(frozen=True)
class Figure:
    """One month's figure for one scope.

    ``value`` is None when there is no data (e.g. a share with nothing to divide by).
    ``numerator`` is the count behind the value (the drill-down list's length); ``denominator``
    is what a share or average divides by (None for plain counts).
    """

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None


NO_DATA = Figure(None, 0, 0)


@dataclass(frozen=True)
class NationalComparator:
    """A published national figure (reference data, ``shared/domain/volumes.md``)."""

    value: Decimal
    source: str  # e.g. "DfE Characteristics of children in need 2024"
    year: str  # e.g. "2023-24"
    note: str = ""


class Measure(ABC):
    """One scorecard measure. Subclasses set the class attributes and implement the two methods.

    ``figures`` is set-based: one or a few GROUP BY queries for every month and scope asked for,
    never a query per child or per cell.
    """

    key: ClassVar[str]
    title: ClassVar[str]
    unit: ClassVar[str]
    group: ClassVar[str]
    higher_is_better: ClassVar[bool | None] = None
    description: ClassVar[str] = ""  # how it is counted, shown under the chart
    definition: ClassVar[str] = ""  # where the definition comes from (DfE CIN census, Annex A...)
    national: ClassVar[NationalComparator | None] = None

    @abstractmethod
    def figures(self, months: list[date], scopes: list[Scope]) -> dict[tuple[date, Scope], Figure]:
        """The figure for every (month, scope) asked for; a missing key means no data."""

    @abstractmethod
    def children(self, month: date, scope: Scope) -> QuerySet[Person]:
        """The children behind the figure (its numerator, or its count), unscoped by user."""

    def __repr__(self) -> str:
        return f"<Measure {self.key}>"


REGISTRY: dict[str, Measure] = {}


def register(cls: type[Measure]) -> type[Measure]:
    """Class decorator: add one instance of the measure to the registry."""
    if cls.key in REGISTRY:
        raise ValueError(f"Measure {cls.key!r} registered twice")
    if cls.unit not in UNITS:
        raise ValueError(f"Measure {cls.key!r} has unknown unit {cls.unit!r}")
    if cls.group not in GROUPS:
        raise ValueError(f"Measure {cls.key!r} has unknown group {cls.group!r}")
    REGISTRY[cls.key] = cls()
    return cls


def _load() -> None:
    # Importing the package registers every measure module (cairn/insight/measures/__init__.py).
    import cairn.insight.measures  # noqa: F401


def measures() -> list[Measure]:
    """Every measure, in scorecard order (by group, then registration order)."""
    _load()
    order = {group: i for i, group in enumerate(GROUPS)}
    return sorted(REGISTRY.values(), key=lambda m: order[m.group])


def get_measure(key: str) -> Measure:
    """The measure with that key; raises LookupError for an unknown key."""
    _load()
    try:
        return REGISTRY[key]
    except KeyError:
        raise LookupError(f"No measure {key!r}") from None
