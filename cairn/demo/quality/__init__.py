"""Step: the case-audit programme over the last two years (issue 8): the audit tool in two
versions, themes, a monthly cycle each month and a thematic audit every six months, each with a
stratified sample drawn by the programme's own rule, allocation to the safeguarding and QA unit,
grades by domain (varying by team) with evidence, moderation with grade changes, themes with
findings, recommendations in every state (including overdue) and impact follow-ups.

Samples read the journeys from the database with the same selector the programme uses
(`sample_candidates`), one cycle after another so that recently audited children are left out;
rows are written with bulk_create (ADR 11).
"""

from cairn.accounts.models import Team, User
from cairn.accounts.roles import TeamKind
from cairn.core.dates import add_months
from cairn.demo.context import SeedContext
from cairn.demo.quality import texts
from cairn.demo.quality.grading import Grader
from cairn.demo.quality.programme import Programme
from cairn.quality.rules import AUDITOR_ROLES

MONTHS = 24
THEMATIC_EVERY = 6
SAMPLE_SIZE = {"small": 4, "medium": 10, "large": 12}


def build_audits(ctx: SeedContext) -> str:
    """Two years of audit cycles up to the as-of date."""
    rng = ctx.rng_for("quality")
    auditors = list(User.objects.filter(role__in=AUDITOR_ROLES).order_by("pk"))
    teams = list(Team.objects.order_by("pk").values_list("pk", "kind"))
    disabled = {pk for pk, kind in teams if kind == TeamKind.DISABLED_CHILDREN}
    grader = Grader(rng, [pk for pk, _ in teams], disabled)
    programme = Programme(ctx, rng, auditors, grader, teams)
    first = add_months(ctx.as_of.replace(day=1), -MONTHS)
    size = SAMPLE_SIZE.get(ctx.profile.name, 10)
    for n in range(MONTHS + 1):
        start = add_months(first, n)
        programme.monthly_cycle(start, size, progress=n / MONTHS)
        if n % THEMATIC_EVERY == THEMATIC_EVERY - 1:
            spec = texts.THEMATIC[(n // THEMATIC_EVERY) % len(texts.THEMATIC)]
            programme.thematic_cycle(start, max(2, size // 2), spec, progress=n / MONTHS)
        ctx.progress.update("audits", n + 1, MONTHS + 1)
    counts = programme.finish()
    return (
        f"Case audits: {counts['cycles']} cycles, {counts['audits']:,} audits "
        f"({counts['moderated']:,} moderated), {counts['recommendations']:,} recommendations "
        f"({counts['overdue']} overdue), {counts['follow_ups']} impact follow-ups"
    )
