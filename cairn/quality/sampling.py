"""Drawing an audit sample: random, or stratified by team and level of need. Pure functions of
the candidates, the size and the seed, so the same inputs always give the same children (the
seed and rule are kept on the AuditSample; ADR 15).

Stratified sampling gives each stratum (team x level) a share of the sample proportional to its
size, by the largest-remainder method (ties to the larger stratum, then the stratum's name), and
draws that many at random within it.
"""

import random
from collections import defaultdict
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    child_id: int
    team_id: int | None
    level: str
    worker_id: int | None
    manager_id: int | None

    @property
    def stratum(self) -> tuple[str, str]:
        return (str(self.team_id or ""), self.level)


def _random(candidates: list[Candidate], size: int, rng: random.Random) -> list[Candidate]:
    ordered = sorted(candidates, key=lambda c: c.child_id)
    return rng.sample(ordered, min(size, len(ordered)))


def stratum_quotas(counts: dict[tuple[str, str], int], size: int) -> dict[tuple[str, str], int]:
    """Each stratum's share of `size`, proportional to its count (largest remainder)."""
    total = sum(counts.values())
    size = min(size, total)
    if total == 0 or size == 0:
        return dict.fromkeys(counts, 0)
    exact = {key: count * size / total for key, count in counts.items()}
    quotas = {key: int(value) for key, value in exact.items()}
    left = size - sum(quotas.values())
    by_remainder = sorted(counts, key=lambda key: (-(exact[key] - quotas[key]), -counts[key], key))
    for key in by_remainder[:left]:
        quotas[key] += 1
    return quotas


def draw_sample(
    candidates: list[Candidate], *, method: str, size: int, seed: int
) -> list[Candidate]:
    """The chosen candidates, in a stable order (by child id)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible sampling, not security
    if method == "random":
        chosen = _random(candidates, size, rng)
    else:
        strata: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            strata[candidate.stratum].append(candidate)
        quotas = stratum_quotas({key: len(group) for key, group in strata.items()}, size)
        chosen = []
        for key in sorted(strata):
            chosen += _random(strata[key], quotas[key], rng)
    return sorted(chosen, key=lambda c: c.child_id)
