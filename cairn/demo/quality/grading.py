"""Synthetic grades that vary by team and domain and improve slowly over the two years: the
disabled children's teams are weaker on management oversight and every team a little weaker on
plans and contingency (the inspection letter's findings)."""

import random

from cairn.quality.models import Domain, Grade

BASE = 2.55
DOMAIN_EFFECT = {Domain.PLAN: -0.3, Domain.TIMELINESS: 0.15, Domain.CHILD_VOICE: 0.1}
DISABLED_OVERSIGHT = -1.1
TREND = 0.35  # over the whole programme
NOISE = 0.6
ORDER = [Grade.INADEQUATE, Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, Grade.OUTSTANDING]


def to_grade(score: float) -> str:
    if score >= 3.5:
        return Grade.OUTSTANDING
    if score >= 2.5:
        return Grade.GOOD
    if score >= 1.5:
        return Grade.REQUIRES_IMPROVEMENT
    return Grade.INADEQUATE


def step(grade: str, by: int) -> str:
    """The grade `by` steps better (positive) or worse, kept on the scale."""
    index = min(max(ORDER.index(grade) + by, 0), len(ORDER) - 1)
    return ORDER[index]


class Grader:
    def __init__(self, rng: random.Random, team_ids: list[int], disabled_team_ids: set[int]):
        self.rng = rng
        self.team_effect = {pk: rng.uniform(-0.35, 0.35) for pk in sorted(team_ids)}
        self.disabled = disabled_team_ids

    def grades(self, team_id: int | None, progress: float) -> tuple[dict[str, str], str]:
        """Domain grades and the overall grade (no better than requires improvement when any
        domain is inadequate) for an audit `progress` (0..1) through the programme."""
        scores = {}
        for domain in Domain:
            score = BASE + self.team_effect.get(team_id, 0.0) + TREND * progress
            score += DOMAIN_EFFECT.get(domain, 0.0)
            if domain == Domain.OVERSIGHT and team_id in self.disabled:
                score += DISABLED_OVERSIGHT
            scores[domain.value] = score + self.rng.gauss(0, NOISE)
        grades = {d: to_grade(s) for d, s in scores.items()}
        overall = to_grade(sum(scores.values()) / len(scores))
        if Grade.INADEQUATE in grades.values() and overall in (Grade.GOOD, Grade.OUTSTANDING):
            overall = Grade.REQUIRES_IMPROVEMENT
        return grades, overall
