"""A tiny council for the measure tests, with dates chosen so every figure can be worked out by
hand (the working is in the comments beside each expected figure in the tests).

Today is Friday 20 March 2026. Teams: service S with teams A (CIN/CP), B (assessment) and F
(front door) under it; team C (CIN/CP) and E (edge of care) sit under no service.

Children and who is responsible (allocation history):
- c1: team A, worker w1, from 1 June 2025.
- c2: team B (no worker) from 20 Nov 2023 to 14 Feb 2026; team C from 14 Feb 2026.
- c3: team C, worker w3, from 10 Jan 2024.
- c4: team A, worker w1, from 1 Nov 2025.
- c5: never allocated (counts for the council only).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cairn.accounts.models import Team, User
from cairn.accounts.roles import TeamKind
from cairn.people.models import Person
from cairn.testing.factories import AllocationFactory, PersonFactory, TeamFactory, UserFactory

D = dt.date
TODAY = "2026-03-20"
JAN, FEB, MAR = D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=dt.UTC)


@dataclass
class World:
    s: Team
    a: Team
    b: Team
    c: Team
    f: Team
    e: Team
    w1: User
    w3: User
    c1: Person
    c2: Person
    c3: Person
    c4: Person
    c5: Person


def build_world() -> World:
    s = TeamFactory(name="Service S", kind=TeamKind.SERVICE)
    a = TeamFactory(name="Team A", kind=TeamKind.CIN_CP, parent=s)
    b = TeamFactory(name="Team B", kind=TeamKind.ASSESSMENT, parent=s)
    f = TeamFactory(name="Team F", kind=TeamKind.FRONT_DOOR, parent=s)
    c = TeamFactory(name="Team C", kind=TeamKind.CIN_CP)
    e = TeamFactory(name="Team E", kind=TeamKind.EDGE_OF_CARE)
    w1 = UserFactory(username="w1", team=a)
    w3 = UserFactory(username="w3", team=c)
    c1, c2, c3, c4, c5 = (PersonFactory(family_name=f"Child{i}") for i in range(1, 6))
    AllocationFactory(child=c1, team=a, worker=w1, started_on=D(2025, 6, 1))
    AllocationFactory(child=c2, team=b, started_on=D(2023, 11, 20), ended_on=D(2026, 2, 14))
    AllocationFactory(child=c2, team=c, started_on=D(2026, 2, 14))
    AllocationFactory(child=c3, team=c, worker=w3, started_on=D(2024, 1, 10))
    AllocationFactory(child=c4, team=a, worker=w1, started_on=D(2025, 11, 1))
    return World(s, a, b, c, f, e, w1, w3, c1, c2, c3, c4, c5)


def figure(key: str, month: dt.date, scope=None):
    """The measure's figure for one month and scope, computed live (not the stored table)."""
    from cairn.insight.measures.base import Scope, get_measure

    scope = scope or Scope.council()
    return get_measure(key).figures([month], [scope])[(month, scope)]


def behind(key: str, month: dt.date, scope=None) -> set[int]:
    from cairn.insight.measures.base import Scope, get_measure

    return set(
        get_measure(key).children(month, scope or Scope.council()).values_list("pk", flat=True)
    )


def assert_drill_down_matches(key: str, world: World, months=(JAN, FEB, MAR)) -> None:
    """For every month and every scope, the children behind the figure are exactly as many as
    its numerator (its count, for counts)."""
    from cairn.insight.measures.base import Scope, get_measure

    measure = get_measure(key)
    scopes = [Scope.council(), Scope.service(world.s.pk)] + [
        Scope.team(t.pk) for t in (world.a, world.b, world.c, world.f, world.e)
    ]
    cells = measure.figures(list(months), scopes)
    for (month, scope), fig in cells.items():
        listed = measure.children(month, scope).count()
        assert listed == fig.numerator, (key, month, scope, fig)
