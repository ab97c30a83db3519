"""Who holds each open case: the open-case plan (caseloads and team queues).

Open cases fill each practitioner's planned caseload in turn, so siblings usually share a worker
and every caseload comes out exactly as planned. The allocation rows themselves, current and past,
are made with each child's journey (journeys/maker.py), one or two per CIN episode.
"""

import random
from dataclasses import dataclass

from cairn.accounts.models import Team, User
from cairn.accounts.roles import TeamKind
from cairn.demo.council import Council
from cairn.demo.profiles import SizeProfile

# Teams an unborn child's case can sit with (pre-birth assessment and protection).
PRE_BIRTH_KINDS = frozenset({TeamKind.FRONT_DOOR, TeamKind.ASSESSMENT, TeamKind.CIN_CP})


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
