"""The workforce as the seed sees it: staff, teams and who held which child when, read from the
database set-based once, then changed in memory as the workforce step adds churn."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.demo.context import SeedContext
from cairn.demo.journeys.rows import Ids, Rec, TableWriter
from cairn.demo.profiles import CASE_HOLDING_KINDS
from cairn.workforce.models import Allocation

DAY = dt.timedelta(days=1)
PRACTITIONERS = (Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER)
# Roles that appear in the children's histories (allocations, decisions, chairing), so whoever
# holds them now was in post for the whole history.
HISTORY_ROLES = (*PRACTITIONERS, Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.CP_CHAIR)
# Roles registered with Social Work England.
REGISTERED_ROLES = (*HISTORY_ROLES, Role.QA_OFFICER, Role.SENIOR_LEADER)


@dataclass
class Member:
    pk: int
    username: str
    role: str
    team_id: int | None
    manager_id: int | None
    fte: Decimal
    is_agency: bool
    joined: dt.date
    started_on: dt.date | None = None
    left_on: dt.date | None = None
    qualified_on: dt.date | None = None
    newly_qualified: bool = False

    @property
    def practitioner(self) -> bool:
        return self.role in PRACTITIONERS


@dataclass
class TeamInfo:
    pk: int
    name: str
    kind: str
    manager_id: int | None = None

    @property
    def case_holding(self) -> bool:
        return self.kind in CASE_HOLDING_KINDS

    @property
    def weaker(self) -> bool:
        """The disabled children's team(s): supervision and oversight less regular, as the
        Ofsted focused-visit letter found ("particularly evident in the service for disabled
        children, where supervision and management oversight are less regular")."""
        return self.kind == TeamKind.DISABLED_CHILDREN or "disabled children" in self.name.lower()

    @property
    def stretched(self) -> bool:
        """Children in need and protection teams carry the high caseloads ("caseloads are high
        in some teams that work with children in need of help and protection")."""
        return self.kind == TeamKind.CIN_CP


@dataclass(slots=True)
class Held:
    """One allocation of a child to a worker: [started_on, ended_on], open when ended_on is None."""

    pk: int
    child_id: int
    team_id: int
    worker_id: int
    episode_id: int | None
    started_on: dt.date
    ended_on: dt.date | None
    closes_episode: bool

    def covers(self, day: dt.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or day < self.ended_on)


@dataclass
class Workforce:
    as_of: dt.date
    history_start: dt.date
    ids: Ids
    members: dict[int, Member]
    teams: dict[int, TeamInfo]
    held: list[Held]
    demo_pks: set[int]
    usernames: set[str]
    by_worker: dict[int, list[Held]] = field(default_factory=dict)

    @classmethod
    def load(cls, ctx: SeedContext) -> "Workforce":
        as_of = ctx.as_of
        history_start = as_of - dt.timedelta(days=round(365.25 * ctx.profile.history_years))
        teams = {
            pk: TeamInfo(pk, name, kind)
            for pk, name, kind in Team.objects.values_list("pk", "name", "kind")
        }
        members = {}
        for pk, username, role, team_id, manager_id, fte, agency, joined in (
            User.objects.exclude(role=Role.SYSTEM)
            .order_by("pk")
            .values_list(
                "pk", "username", "role", "team_id", "manager_id", "fte", "is_agency", "date_joined"
            )
        ):
            members[pk] = Member(
                pk, username, role, team_id, manager_id, fte, agency, joined.date()
            )
            if role == Role.TEAM_MANAGER and team_id in teams:
                teams[team_id].manager_id = teams[team_id].manager_id or pk
        held = [
            Held(pk, child, team, worker, episode, start, end, end is not None and end == closed)
            for pk, child, team, worker, episode, start, end, closed in Allocation.objects.filter(
                worker__isnull=False
            )
            .order_by("pk")
            .values_list(
                "pk",
                "child_id",
                "team_id",
                "worker_id",
                "episode_id",
                "started_on",
                "ended_on",
                "episode__closed_on",
            )
        ]
        council = ctx.council
        demo_pks = {u.pk for u in council.demo.values()} if council is not None else set()
        return cls(
            as_of=as_of,
            history_start=history_start,
            ids=Ids(ctx.actor.pk),
            members=members,
            teams=teams,
            held=held,
            demo_pks=demo_pks,
            usernames={m.username for m in members.values()},
        )

    def index(self) -> None:
        """Allocations by worker, in date order (after churn has moved some)."""
        self.by_worker = {}
        for h in sorted(self.held, key=lambda h: (h.started_on, h.pk)):
            self.by_worker.setdefault(h.worker_id, []).append(h)

    def practitioners(self, team_id: int) -> list[Member]:
        return [m for m in self.members.values() if m.team_id == team_id and m.practitioner]

    def active(self) -> list[Member]:
        return [m for m in self.members.values() if m.left_on is None]

    def open_counts(self) -> dict[int, int]:
        """Open allocations per worker today."""
        counts: dict[int, int] = {}
        for h in self.held:
            if h.ended_on is None:
                counts[h.worker_id] = counts.get(h.worker_id, 0) + 1
        return counts


def write_recs(ctx: SeedContext, rows: list[Rec]) -> None:
    """Write prepared rows of one model with the journeys' COPY writer, counted for the audit."""
    if rows:
        model = rows[0]._model
        TableWriter.for_model(model, ctx.actor.pk).write(rows)
        ctx.writer.counts[model] += len(rows)
