"""What the journey generators share: the child being worked on, staff lookups and helpers."""

import calendar
import datetime as dt
import random
import zoneinfo
from dataclasses import dataclass, field

from django.conf import settings

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.demo.council import Council
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.people.models import Person

LOCAL = zoneinfo.ZoneInfo(settings.TIME_ZONE)
DAY = dt.timedelta(days=1)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=LOCAL)


def add_months(day: dt.date, months: int) -> dt.date:
    """Calendar months, as timescales.md counts them (31 Jan + 1 month = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 + months
    year, month = divmod(month_index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def age_on(person: Person, day: dt.date) -> int | None:
    dob = person.date_of_birth
    if dob is None or dob > day:
        return None
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


@dataclass
class Adult:
    role: str  # mother, father, step_parent, grandparent
    person: Person
    at_home: bool


@dataclass
class ChildCase:
    """One child and what their journey can draw on."""

    child: Person
    earliest: dt.date  # the first day anything can happen (history start, birth or conception)
    slot: object | None  # cairn.demo.allocations.Slot for an open case
    adults: list[Adult] = field(default_factory=list)
    siblings: list[Person] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.child.given_name or f"Baby {self.child.family_name}"

    def born_by(self, day: dt.date) -> bool:
        return self.child.date_of_birth is not None and self.child.date_of_birth <= day


class Staffing:
    """Who can do what: teams by kind, their practitioners and managers."""

    def __init__(self, council: Council):
        self.council = council
        self.by_kind: dict[str, list[Team]] = {}
        for team in council.case_teams():
            self.by_kind.setdefault(team.kind, []).append(team)
        self.managers: dict[int, User] = {}
        for user in council.staff:
            if user.role == Role.TEAM_MANAGER and user.team_id not in self.managers:
                self.managers[user.team_id] = user
        self.any_manager = next(iter(self.managers.values()))
        self.assessment_teams = self.by_kind.get(TeamKind.ASSESSMENT) or council.case_teams()
        self.front_door_teams = self.by_kind.get(TeamKind.FRONT_DOOR) or self.assessment_teams
        self.deciders = [
            u
            for team in self.front_door_teams
            for u in (council.practitioners.get(team.pk, []) + [self.managers.get(team.pk)])
            if u is not None
        ]

    def manager(self, team: Team) -> User:
        return self.managers.get(team.pk) or self.any_manager

    def practitioners(self, team: Team) -> list[User]:
        return self.council.practitioners.get(team.pk) or [self.manager(team)]

    def worker(self, rng: random.Random, team: Team) -> User:
        return rng.choice(self.practitioners(team))

    def team_of_kind(self, rng: random.Random, kind: str) -> Team:
        return rng.choice(self.by_kind.get(kind) or self.assessment_teams)

    def chair(self, rng: random.Random, team: Team) -> User:
        """CIN reviews are chaired by the team manager, sometimes a senior practitioner."""
        seniors = [u for u in self.practitioners(team) if u.role == Role.SENIOR_PRACTITIONER]
        if seniors and rng.random() < 0.3:
            return rng.choice(seniors)
        return self.manager(team)


@dataclass
class ChildState:
    case: ChildCase
    start: dt.date
    busy: list[tuple[dt.date, dt.date]] = field(default_factory=list)  # episodes, closed or not
    early_help: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    levels: list[tuple[dt.date, int, str, str, object]] = field(default_factory=list)
    referrals: list[dt.date] = field(default_factory=list)
    free_from: dt.date | None = None  # the day after the last episode closed
    open_eh: tuple[EarlyHelpEpisode, dt.date] | None = None  # with the day it would end


@dataclass
class OpenSpec:
    referral: dt.date
    shape: str  # front_door, assessing, cin_plan, cp, looked_after
    scenario: str = ""
    plan_start: dt.date | None = None
    span: int = 0  # working days from referral to authorisation
