"""Step 1: the council's teams (leadership -> service areas -> teams) and its staff."""

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.demo.accounts import DEMO_PASSWORD, DEMO_USERNAMES
from cairn.demo.context import SeedContext
from cairn.demo.distributions import Weighted, name_group
from cairn.demo.pools import Pools, pools_for, username_part
from cairn.demo.profiles import CASE_HOLDING_KINDS, SizeProfile

AGENCY_SHARE = 0.13  # of social workers (CSWW 2025)
PART_TIME_FTE = Weighted([(Decimal("0.5"), 2), (Decimal("0.6"), 3), (Decimal("0.8"), 4)])
STAFF_ETHNICITY = Weighted([("WBRI", 72), ("BAFR", 8), ("APKN", 5), ("AIND", 5), ("WIRI", 4)])


@dataclass
class TeamSpec:
    name: str
    kind: str
    parent: str | None
    staffing: str  # case, light, chairs, qa, performance, leadership, service
    locality: int = 0  # which locality's towns and postcodes its children live in


@dataclass
class Council:
    """What later steps need: the teams, who works in them and the demo accounts."""

    teams: dict[str, Team]
    specs: dict[str, TeamSpec]
    staff: list[User]
    practitioners: dict[int, list[User]] = field(default_factory=dict)  # team pk -> SWs and SPs
    caseload_targets: dict[int, int] = field(default_factory=dict)  # user pk -> open cases
    demo: dict[str, User] = field(default_factory=dict)  # role -> demo account

    def case_teams(self) -> list[Team]:
        return [t for t in self.teams.values() if t.kind in CASE_HOLDING_KINDS]


def team_layout(profile: SizeProfile) -> list[TeamSpec]:
    """The council's team tree, parents before children."""
    root = "Children's services leadership team"
    specs = [TeamSpec(root, TeamKind.LEADERSHIP, None, "leadership")]
    if profile.small_layout:
        (area, (locality,)) = profile.areas[0]
        specs += [
            TeamSpec(area, TeamKind.SERVICE, root, "service"),
            TeamSpec("Front door and assessment team", TeamKind.ASSESSMENT, area, "case"),
            TeamSpec(
                f"{locality} children in need and protection team", TeamKind.CIN_CP, area, "case"
            ),
            TeamSpec(
                "Children in care and disabled children team",
                TeamKind.CHILDREN_IN_CARE,
                area,
                "case",
            ),
            TeamSpec(
                "Safeguarding and quality assurance unit", TeamKind.SAFEGUARDING_QA, root, "chairs"
            ),
            TeamSpec(
                "Performance and business intelligence team",
                TeamKind.PERFORMANCE,
                root,
                "performance",
            ),
        ]
        return specs
    return specs + _county_layout(profile, root)


def _numbered(name: str, count: int) -> list[str]:
    return [name] if count == 1 else [f"{name} {n}" for n in range(1, count + 1)]


def _county_layout(p: SizeProfile, root: str) -> list[TeamSpec]:
    specs = [TeamSpec("Front door service", TeamKind.SERVICE, root, "service")]
    specs += [
        TeamSpec(n, TeamKind.FRONT_DOOR, "Front door service", "light")
        for n in _numbered("Front door (MASH) team", p.front_door_teams)
    ]
    locality_number = 0
    for area, localities in p.areas:
        specs.append(TeamSpec(area, TeamKind.SERVICE, root, "service"))
        for locality in localities:
            locality_number += 1
            for kind, label, count in (
                (TeamKind.ASSESSMENT, "assessment team", p.assessment_per_locality),
                (TeamKind.CIN_CP, "children in need and protection team", p.cin_cp_per_locality),
            ):
                specs += [
                    TeamSpec(n, kind, area, "case", locality_number)
                    for n in _numbered(f"{locality} {label}", count)
                ]
    for area, teams in (
        (
            "Children in care service",
            [
                (
                    TeamKind.CHILDREN_IN_CARE,
                    "Children in care team",
                    p.children_in_care_teams,
                    "case",
                ),
                (TeamKind.EDGE_OF_CARE, "Edge of care team", p.edge_of_care_teams, "light"),
            ],
        ),
        (
            "Disabled children's service",
            [
                (
                    TeamKind.DISABLED_CHILDREN,
                    "Disabled children's team",
                    p.disabled_children_teams,
                    "case",
                )
            ],
        ),
        (
            "Safeguarding and quality assurance service",
            [
                (
                    TeamKind.SAFEGUARDING_QA,
                    "Child protection chairs and IROs team",
                    p.chair_teams,
                    "chairs",
                ),
                (TeamKind.SAFEGUARDING_QA, "Quality assurance team", p.qa_teams, "qa"),
            ],
        ),
    ):
        specs.append(TeamSpec(area, TeamKind.SERVICE, root, "service"))
        for kind, label, count, staffing in teams:
            specs += [TeamSpec(n, kind, area, staffing) for n in _numbered(label, count)]
    specs += [
        TeamSpec(n, TeamKind.PERFORMANCE, root, "performance")
        for n in _numbered("Performance and business intelligence team", p.performance_teams)
    ]
    return specs


class _StaffBuilder:
    """Makes unsaved User rows with names, usernames, FTE, agency flags and start dates."""

    def __init__(self, rng: random.Random, pools: Pools, as_of: dt.date):
        self.rng = rng
        self.pools = pools
        self.as_of = as_of
        self.usernames: set[str] = set()
        self.unusable = make_password(None)

    def make(self, *, role: str, team: Team, manager: User | None, agency_share: float) -> User:
        rng = self.rng
        group = name_group(STAFF_ETHNICITY.draw(rng))
        sex = "F" if rng.random() < 0.8 else "M"  # the workforce is mostly women
        first = self.pools.given_name(rng, group, sex)
        last = self.pools.family_name(rng, group)
        username = self._username(first, last)
        joined = self.as_of - dt.timedelta(days=rng.randint(30, 365 * 15))
        return User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            password=self.unusable,
            role=role,
            team=team,
            manager=manager,
            fte=Decimal("1.00") if rng.random() < 0.8 else PART_TIME_FTE.draw(rng),
            is_agency=rng.random() < agency_share,
            date_joined=dt.datetime.combine(joined, dt.time(9), tzinfo=dt.UTC),
        )

    def _username(self, first: str, last: str) -> str:
        base = f"{username_part(first)}.{username_part(last)}"[:140]
        name, n = base, 1
        while name in self.usernames:
            n += 1
            name = f"{base}{n}"
        self.usernames.add(name)
        return name


def build_council(ctx: SeedContext) -> str:
    """Teams in a hierarchy and staff in every role, with managers, FTE and agency workers."""
    rng = ctx.rng_for("council")
    specs = team_layout(ctx.profile)
    teams = _create_teams(ctx, specs)
    builder = _StaffBuilder(rng, pools_for(ctx.seed), ctx.as_of)
    levels = _staff(ctx.profile, specs, teams, builder)
    demo = _designate_demo_accounts(levels, specs, teams)
    for level in levels:
        ctx.writer.create(User, level)
    staff = [u for level in levels for u in level]
    council = Council(teams=teams, specs={s.name: s for s in specs}, staff=staff, demo=demo)
    _plan_caseloads(ctx.profile, council, rng)
    ctx.council = council
    return f"Teams and staff: {len(teams)} teams, {len(staff)} staff, {len(demo)} demo accounts"


def _create_teams(ctx: SeedContext, specs: list[TeamSpec]) -> dict[str, Team]:
    teams: dict[str, Team] = {}
    # Parents first, one level at a time, so each level can point at saved parents.
    pending = list(specs)
    while pending:
        level = [s for s in pending if s.parent is None or s.parent in teams]
        pending = [s for s in pending if s not in level]
        objs = [
            Team(name=s.name, kind=s.kind, parent=teams.get(s.parent) if s.parent else None)
            for s in level
        ]
        ctx.writer.create(Team, objs)
        teams.update({t.name: t for t in objs})
    return teams


def _staff(
    p: SizeProfile, specs: list[TeamSpec], teams: dict[str, Team], b: _StaffBuilder
) -> list[list[User]]:
    """Staff in levels (managers before the people they manage), in team-tree order."""
    leadership = teams[specs[0].name]
    director = b.make(role=Role.SENIOR_LEADER, team=leadership, manager=None, agency_share=0)
    leaders = [
        b.make(role=Role.SENIOR_LEADER, team=leadership, manager=director, agency_share=0)
        for _ in range(p.senior_leaders - 1)
    ]
    service_managers = {}
    for i, spec in enumerate(s for s in specs if s.staffing == "service"):
        boss = leaders[i % len(leaders)] if leaders else director
        service_managers[spec.name] = b.make(
            role=Role.SERVICE_MANAGER, team=teams[spec.name], manager=boss, agency_share=0.03
        )
    heads, members = [], []
    share = _Shares(p, specs)
    for spec in specs:
        team = teams[spec.name]
        above = service_managers.get(spec.parent) or director
        head, team_members = _team_staff(spec, team, above, share, b)
        heads += [head] if head else []
        members += team_members
    return [[director], leaders, list(service_managers.values()), heads, members]


class _Shares:
    """Splits the council-wide counts (chairs, QA officers, analysts...) across their teams."""

    def __init__(self, p: SizeProfile, specs: list[TeamSpec]):
        self.p = p
        self.count = defaultdict(int)
        for s in specs:
            self.count[s.staffing] += 1
        self.seen: defaultdict[str, int] = defaultdict(int)

    def of(self, staffing: str, role: str, total: int) -> int:
        """This team's share of `total` people in `role`, spread as evenly as people allow."""
        index = self.seen[role]
        self.seen[role] += 1
        teams = self.count[staffing]
        return total // teams + (1 if index < total % teams else 0)


def _team_staff(spec: TeamSpec, team: Team, above: User, share: _Shares, b: _StaffBuilder):
    p = share.p
    roles: list[tuple[str, int]] = []
    has_head = spec.staffing in ("case", "light") or (
        spec.staffing in ("chairs", "qa") and not p.small_layout
    )
    if spec.staffing in ("case", "light"):
        sws = p.social_workers_per_team
        if spec.kind == TeamKind.FRONT_DOOR:
            sws = p.front_door_social_workers
        roles = [
            (Role.SENIOR_PRACTITIONER, p.senior_practitioners_per_team),
            (Role.SOCIAL_WORKER, sws),
        ]
    elif spec.staffing == "chairs":
        roles = [(Role.CP_CHAIR, share.of("chairs", Role.CP_CHAIR, p.cp_chairs))]
        if p.small_layout or not p.qa_teams:
            roles.append((Role.QA_OFFICER, p.qa_officers))
    elif spec.staffing == "qa":
        roles = [(Role.QA_OFFICER, share.of("qa", Role.QA_OFFICER, p.qa_officers))]
    elif spec.staffing == "performance":
        roles = [
            (
                Role.PERFORMANCE_ANALYST,
                share.of("performance", Role.PERFORMANCE_ANALYST, p.analysts),
            ),
            (Role.IG_OFFICER, share.of("performance", Role.IG_OFFICER, p.ig_officers)),
            (Role.SYSTEM_ADMIN, share.of("performance", Role.SYSTEM_ADMIN, p.system_admins)),
        ]
    head = None
    if has_head:
        head = b.make(role=Role.TEAM_MANAGER, team=team, manager=above, agency_share=0.05)
    manager = head or above
    members = [
        b.make(role=role, team=team, manager=manager, agency_share=_agency_share(role))
        for role, count in roles
        for _ in range(count)
    ]
    return head, members


def _agency_share(role: str) -> float:
    return AGENCY_SHARE if role in (Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER) else 0.03


def _designate_demo_accounts(
    levels: list[list[User]], specs: list[TeamSpec], teams: dict[str, Team]
) -> dict[str, User]:
    """One account per role, all in or above the first children in need and protection team."""
    demo_team = next(teams[s.name] for s in specs if s.kind == TeamKind.CIN_CP)
    staff = [u for level in levels for u in level]
    picks: dict[str, User] = {}
    for user in staff:
        in_demo_line = user.team is demo_team or user.role not in (
            Role.SOCIAL_WORKER,
            Role.SENIOR_PRACTITIONER,
            Role.TEAM_MANAGER,
            Role.SERVICE_MANAGER,
        )
        if user.role == Role.SERVICE_MANAGER:
            in_demo_line = user.team is demo_team.parent
        if in_demo_line and user.role not in picks:
            picks[user.role] = user
    password = make_password(DEMO_PASSWORD)
    for role, user in picks.items():
        user.username = DEMO_USERNAMES[role]
        user.email = f"{user.username}@example.invalid"
        user.password = password
        user.fte = Decimal("1.00")
        user.is_agency = False
    return picks


def _plan_caseloads(p: SizeProfile, council: Council, rng: random.Random) -> None:
    """How many open cases each practitioner holds (their FTE share of a drawn caseload)."""
    staff = [u for u in council.staff if u.role in (Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER)]
    for user in staff:
        council.practitioners.setdefault(user.team_id, []).append(user)
        kind = council.specs[user.team.name].staffing
        band = p.caseload if kind == "case" else p.front_door_caseload
        drawn = rng.triangular(band.low, band.high, band.mode) * float(user.fte)
        council.caseload_targets[user.pk] = max(band.low, min(band.high, round(drawn)))
    sw = council.demo.get(Role.SOCIAL_WORKER)
    if sw is not None:
        council.caseload_targets[sw.pk] = rng.randint(10, 12)  # a full, readable home page
