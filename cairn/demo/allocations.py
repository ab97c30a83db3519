"""Who holds each child's case: the open-case plan (caseloads and team queues) and histories.

Open cases fill each practitioner's planned caseload in turn, so siblings usually share a worker
and every caseload comes out exactly as planned. Closed cases get one to three past episodes.
"""

import datetime as dt
import random
from dataclasses import dataclass

from cairn.accounts.models import Team, User
from cairn.accounts.roles import TeamKind
from cairn.demo.council import Council
from cairn.demo.distributions import Weighted
from cairn.demo.profiles import SizeProfile
from cairn.workforce.models import Allocation

# Teams an unborn child's case can sit with (pre-birth assessment and protection).
PRE_BIRTH_KINDS = frozenset({TeamKind.FRONT_DOOR, TeamKind.ASSESSMENT, TeamKind.CIN_CP})
# Where past, closed episodes were held: most cases close at or after assessment (est.).
PAST_TEAM_KIND = Weighted(
    [
        (TeamKind.ASSESSMENT, 55),
        (TeamKind.CIN_CP, 30),
        (TeamKind.CHILDREN_IN_CARE, 6),
        (TeamKind.DISABLED_CHILDREN, 5),
        (TeamKind.EDGE_OF_CARE, 4),
    ]
)
PAST_EPISODES = Weighted([(1, 72), (2, 22), (3, 6)])
RE_REFERRAL_SHARE = 0.22  # open cases with an earlier closed episode (22.6% re-referrals)


@dataclass(frozen=True)
class Slot:
    team: Team
    worker: User | None


class OpenCasePlan:
    """The open cases, as a queue of slots: each caseload in turn, then each team's queue."""

    def __init__(self, council: Council, profile: SizeProfile, rng: random.Random):
        blocks: list[list[Slot]] = []
        demo_block: list[Slot] = []
        for team in council.case_teams():
            allocated = 0
            for user in council.practitioners.get(team.pk, []):
                block = [Slot(team, user)] * council.caseload_targets[user.pk]
                allocated += len(block)
                if user is council.demo.get("social_worker"):
                    demo_block = block
                else:
                    blocks.append(block)
            share = profile.unallocated_share
            blocks.append([Slot(team, None)] * round(allocated * share / (1 - share)))
        rng.shuffle(blocks)
        self.slots = demo_block + [slot for block in blocks for slot in block]
        self.next_index = 0

    @property
    def remaining(self) -> int:
        return len(self.slots) - self.next_index

    @property
    def total(self) -> int:
        return len(self.slots)

    def take(self, *, unborn: bool = False) -> Slot:
        """The next slot; an unborn child swaps in the next slot a pre-birth team can hold."""
        index = self.next_index
        if unborn and self.slots[index].team.kind not in PRE_BIRTH_KINDS:
            for later in range(index + 1, len(self.slots)):
                if self.slots[later].team.kind in PRE_BIRTH_KINDS:
                    self.slots[index], self.slots[later] = self.slots[later], self.slots[index]
                    break
        self.next_index += 1
        return self.slots[index]


class HistoryMaker:
    """Allocation rows for one child: the current one (if open) and closed past episodes."""

    def __init__(self, council: Council, profile: SizeProfile, as_of: dt.date, actor: User):
        self.council = council
        self.as_of = as_of
        self.history_start = as_of - dt.timedelta(days=round(365.25 * profile.history_years))
        self.actor_id = actor.pk
        self.by_kind: dict[str, list[Team]] = {}
        for team in council.case_teams():
            self.by_kind.setdefault(team.kind, []).append(team)
        self.assessment_teams = self.by_kind.get(TeamKind.ASSESSMENT, [])

    def _row(self, child, team, worker, started, ended, reason) -> Allocation:
        return Allocation(
            child=child,
            team=team,
            worker=worker,
            started_on=started,
            ended_on=ended,
            reason=reason,
            created_by_id=self.actor_id,
            updated_by_id=self.actor_id,
        )

    def _past_team(self, rng: random.Random) -> tuple[Team, User | None]:
        kind = PAST_TEAM_KIND.draw(rng)
        team = rng.choice(self.by_kind.get(kind) or self.assessment_teams or self._any_team())
        workers = self.council.practitioners.get(team.pk) or [None]
        return team, (None if rng.random() < 0.05 else rng.choice(workers))

    def _any_team(self) -> list[Team]:
        return [t for teams in self.by_kind.values() for t in teams]

    def open_case(self, rng: random.Random, child, earliest: dt.date, slot: Slot) -> list:
        """The current allocation, sometimes after an assessment and an earlier episode."""
        earliest = max(earliest, self.history_start)
        span = max(0, (self.as_of - earliest).days)
        mean_days = 15 if slot.worker is None else 200
        started = self.as_of - dt.timedelta(days=min(span, int(rng.expovariate(1 / mean_days))))
        reason = "Awaiting allocation" if slot.worker is None else "Allocated after referral"
        rows = []
        assessed = slot.team.kind not in PRE_BIRTH_KINDS and self.assessment_teams
        if assessed and (started - earliest).days > 45:
            before = started - dt.timedelta(days=rng.randint(20, 45))
            team = rng.choice(self.assessment_teams)
            worker = rng.choice(self.council.practitioners.get(team.pk) or [None])
            rows.append(self._row(child, team, worker, before, started, "Referral accepted"))
            reason = "Transferred after assessment"
            earliest_past = before
        else:
            earliest_past = started
        if rng.random() < RE_REFERRAL_SHARE:
            rows += self.past_episodes(
                rng, child, earliest, earliest_past - dt.timedelta(days=60), 1
            )
        rows.append(self._row(child, slot.team, slot.worker, started, None, reason))
        return rows

    def past_episodes(
        self, rng: random.Random, child, earliest: dt.date, latest: dt.date, count: int = 0
    ) -> list:
        """Closed episodes between `earliest` and `latest`; none if there is no room."""
        earliest = max(earliest, self.history_start)
        span = (latest - earliest).days
        if span < 2:
            return []
        count = count or PAST_EPISODES.draw(rng)
        starts = sorted(earliest + dt.timedelta(days=rng.randrange(span)) for _ in range(count))
        rows = []
        for i, started in enumerate(starts):
            limit = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else latest
            if limit < started:
                continue
            # Almost half of CIN episodes last three months or less.
            ended = min(limit, started + dt.timedelta(days=1 + int(rng.expovariate(1 / 110))))
            team, worker = self._past_team(rng)
            reason = "Referral" if i == 0 else "Re-referral"
            rows.append(self._row(child, team, worker, started, ended, reason))
        return rows
