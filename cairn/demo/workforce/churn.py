"""Staff churn: leavers over the history and newly qualified social workers who joined this year.

The children's histories were made with today's staff, so churn is added around them without
breaking them:
- every current member of staff who appears in the histories was in post from before the
  history began (their start date is the earlier of when they joined and the history's start,
  and their account's joining date is moved to match);
- a leaver is a past member of a case-holding team. Some closed allocations of their team that
  lie wholly inside their time in post are given to them, so their allocations all end on or
  before their leaving date and they hold nothing afterwards. Leavers are inactive accounts;
- a newly qualified social worker (ASYE, CSWW 2025: about one social worker in ten is in their
  first year) qualified weeks before joining a case-holding team this year and is given a
  protected caseload: none in their first month, then about one case more for each month in
  post (up to 10), reallocated from the busiest colleagues in their team (the colleague's
  allocation ends on the day, theirs starts that day, as a change of worker does). Their
  visits and notes before that day stay with the colleague who made them.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password

from cairn.accounts.models import User
from cairn.accounts.roles import Role, TeamKind
from cairn.demo.context import SeedContext
from cairn.demo.distributions import Weighted, name_group
from cairn.demo.pools import pools_for, username_part
from cairn.demo.workforce.roster import (
    DAY,
    HISTORY_ROLES,
    Held,
    Member,
    Workforce,
    write_recs,
)
from cairn.workforce.models import Allocation

TURNOVER_A_YEAR = 0.10  # of practitioners ("the workforce is stable"; CSWW 2025: 16% nationally)
NEWLY_QUALIFIED_SHARE = 0.10  # of social workers
NQ_TEAM_KINDS = (
    TeamKind.ASSESSMENT,
    TeamKind.CIN_CP,
    TeamKind.CHILDREN_IN_CARE,
    TeamKind.DISABLED_CHILDREN,
)
LEAVER_ROLE = Weighted([(Role.SOCIAL_WORKER, 78), (Role.SENIOR_PRACTITIONER, 22)])
LEAVER_AGENCY_SHARE = 0.3  # agency workers move on more often
STAFF_ETHNICITY = Weighted([("WBRI", 72), ("BAFR", 8), ("APKN", 5), ("AIND", 5), ("WIRI", 4)])
NQ_CASELOAD_CAP = 10


def start_dates(wf: Workforce) -> None:
    """Current staff who appear in the histories were in post before they began; their
    accounts' joining dates are set to match."""
    for m in wf.members.values():
        m.started_on = min(m.joined, wf.history_start) if m.role in HISTORY_ROLES else m.joined
    for h in wf.held:
        m = wf.members[h.worker_id]
        m.started_on = min(m.started_on, h.started_on)
    moved = [
        User(pk=m.pk, date_joined=dt.datetime.combine(m.started_on, dt.time(9), tzinfo=dt.UTC))
        for m in wf.members.values()
        if m.started_on != m.joined
    ]
    User.objects.bulk_update(moved, ["date_joined"], batch_size=500)


class _People:
    """Unsaved User rows with names and unique usernames (as the council step makes them)."""

    def __init__(self, ctx: SeedContext, wf: Workforce, rng: random.Random):
        self.pools = pools_for(ctx.seed)
        self.wf = wf
        self.rng = rng
        self.unusable = make_password(None)

    def user(self, *, role: str, team_id: int, manager_id: int | None, joined: dt.date, **extra):
        rng = self.rng
        group = name_group(STAFF_ETHNICITY.draw(rng))
        sex = "F" if rng.random() < 0.8 else "M"
        first = self.pools.given_name(rng, group, sex)
        last = self.pools.family_name(rng, group)
        base = f"{username_part(first)}.{username_part(last)}"[:140]
        username, n = base, 1
        while username in self.wf.usernames:
            n += 1
            username = f"{base}{n}"
        self.wf.usernames.add(username)
        return User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@example.invalid",
            password=self.unusable,
            role=role,
            team_id=team_id,
            manager_id=manager_id,
            date_joined=dt.datetime.combine(joined, dt.time(9), tzinfo=dt.UTC),
            **extra,
        )


def add_churn(ctx: SeedContext, wf: Workforce) -> tuple[int, int]:
    """Leavers and newly qualified joiners. Returns (leavers, joiners)."""
    rng = ctx.rng_for("workforce:churn")
    people = _People(ctx, wf, rng)
    case_teams = [t for t in wf.teams.values() if t.case_holding and t.manager_id]
    practitioners = {t.pk: wf.practitioners(t.pk) for t in case_teams}
    leavers = _leavers(ctx, wf, rng, people, case_teams, practitioners)
    joiners = _joiners(wf, rng, people, case_teams, practitioners)
    ctx.writer.create(User, [u for u, _ in leavers + joiners])
    for user, member in leavers + joiners:
        member.pk = user.pk
        member.username = user.username
        wf.members[user.pk] = member
    _give_leavers_their_cases(wf, rng, [m for _, m in leavers])
    _give_joiners_cases(ctx, wf, rng, [m for _, m in joiners])
    return len(leavers), len(joiners)


def _leavers(ctx, wf, rng, people, case_teams, practitioners) -> list[tuple[User, Member]]:
    total = sum(len(v) for v in practitioners.values())
    count = round(TURNOVER_A_YEAR * total * ctx.profile.history_years)
    weights = Weighted([(t, len(practitioners[t.pk]) or 1) for t in case_teams])
    span = (wf.as_of - DAY * 7 - wf.history_start).days
    made = []
    for _ in range(count):
        team = weights.draw(rng)
        left = wf.history_start + DAY * rng.randint(30, span)
        started = left - DAY * rng.randint(180, 365 * 6)
        role = LEAVER_ROLE.draw(rng)
        agency = rng.random() < LEAVER_AGENCY_SHARE
        user = people.user(
            role=role,
            team_id=team.pk,
            manager_id=team.manager_id,
            joined=started,
            is_active=False,
            fte=Decimal("1.00"),
            is_agency=agency,
        )
        member = Member(0, user.username, role, team.pk, team.manager_id, user.fte, agency, started)
        member.started_on, member.left_on = started, left
        made.append((user, member))
    return made


def _joiners(wf, rng, people, case_teams, practitioners) -> list[tuple[User, Member]]:
    """Newly qualified social workers. The first joined this month (still in induction, no cases
    yet); the rest through the year."""
    teams = [t for t in case_teams if t.kind in NQ_TEAM_KINDS] or case_teams
    social_workers = sum(
        1 for v in practitioners.values() for m in v if m.role == Role.SOCIAL_WORKER
    )
    count = max(1, round(NEWLY_QUALIFIED_SHARE * social_workers))
    made = []
    for n in range(count):
        team = teams[rng.randrange(len(teams))]
        started = wf.as_of - DAY * (rng.randint(7, 28) if n == 0 else rng.randint(29, 300))
        user = people.user(
            role=Role.SOCIAL_WORKER,
            team_id=team.pk,
            manager_id=team.manager_id,
            joined=started,
            fte=Decimal("1.00"),
            is_agency=False,
        )
        member = Member(
            0, user.username, Role.SOCIAL_WORKER, team.pk, team.manager_id, user.fte, False, started
        )
        member.started_on = started
        member.qualified_on = started - DAY * rng.randint(14, 60)
        member.newly_qualified = True
        made.append((user, member))
    return made


def _give_leavers_their_cases(wf: Workforce, rng: random.Random, leavers: list[Member]) -> None:
    """A leaver takes some of their team's closed allocations inside their time in post: about a
    colleague's share (one in team size + 1)."""
    closed_by_team: dict[int, list[Held]] = {}
    for h in wf.held:
        if h.ended_on is not None:
            closed_by_team.setdefault(h.team_id, []).append(h)
    current: dict[int, int] = {}
    for m in wf.active():
        if m.practitioner:
            current[m.team_id] = current.get(m.team_id, 0) + 1
    for leaver in leavers:
        team_size = current.get(leaver.team_id, 0) + 1
        taken = [
            h
            for h in closed_by_team.get(leaver.team_id, [])
            if h.started_on >= leaver.started_on
            and h.ended_on <= leaver.left_on
            and wf.members[h.worker_id].left_on is None
            and rng.random() < 1 / team_size
        ]
        for h in taken:
            h.worker_id = leaver.pk
        if taken:
            Allocation.objects.filter(pk__in=[h.pk for h in taken]).update(worker_id=leaver.pk)


def _give_joiners_cases(
    ctx: SeedContext, wf: Workforce, rng: random.Random, joiners: list[Member]
) -> None:
    counts = wf.open_counts()
    open_by_team: dict[int, list[Held]] = {}
    for h in wf.held:
        if h.ended_on is None and wf.members[h.worker_id].left_on is None:
            open_by_team.setdefault(h.team_id, []).append(h)
    new_rows = []
    for nq in joiners:
        months = (wf.as_of - nq.started_on).days // 30
        target = min(NQ_CASELOAD_CAP, round(max(0, months - 1) * 1.2))
        pool = open_by_team.get(nq.team_id, [])
        for _ in range(target):
            # From the busiest colleague, a case they have held for a while.
            day = nq.started_on + DAY * rng.randint(30, max(30, (wf.as_of - nq.started_on).days))
            day = min(day, wf.as_of)
            candidates = [h for h in pool if h.started_on < day and h.worker_id != nq.pk]
            if not candidates:
                break
            busiest = max(counts.get(h.worker_id, 0) for h in candidates)
            mine = [h for h in candidates if counts.get(h.worker_id, 0) == busiest]
            old = mine[rng.randrange(len(mine))]
            pool.remove(old)
            counts[old.worker_id] -= 1
            counts[nq.pk] = counts.get(nq.pk, 0) + 1
            Allocation.objects.filter(pk=old.pk).update(ended_on=day)
            old.ended_on = day
            row = wf.ids.rec(
                Allocation,
                child=old.child_id,
                episode=old.episode_id,
                team=old.team_id,
                worker=nq.pk,
                started_on=day,
                ended_on=None,
                reason="Reallocated to a newly qualified social worker",
            )
            new_rows.append(row)
            wf.held.append(
                Held(row.id, old.child_id, old.team_id, nq.pk, old.episode_id, day, None, False)
            )
    write_recs(ctx, new_rows)
