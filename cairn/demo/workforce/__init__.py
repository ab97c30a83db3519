"""Step 3: the council's workforce over the history (issue 6): staff records with churn
(leavers, newly qualified social workers), team establishments and caseload thresholds, the
council's caseload weights and supervision standard, training, absence and cover, supervision
sessions and management oversight on children's records.

It runs after the children's journeys and reads their allocations set-based from the database;
rows are written in bulk (ADR 11): staff and establishment rows with bulk_create, the rest with
the journeys' COPY writer. Each part draws from its own random stream.
"""

from cairn.demo.context import SeedContext
from cairn.demo.workforce.absence import Absences
from cairn.demo.workforce.churn import add_churn, start_dates
from cairn.demo.workforce.records import (
    council_defaults,
    establishment,
    staff_records,
    thresholds,
    training,
)
from cairn.demo.workforce.roster import Workforce, write_recs
from cairn.demo.workforce.supervision import Oversight


def build_workforce(ctx: SeedContext) -> str:
    """Staff records, churn, establishment, training, absences, supervision and oversight."""
    wf = Workforce.load(ctx)
    start_dates(wf)
    leavers, joiners = add_churn(ctx, wf)
    records = staff_records(ctx, wf, ctx.rng_for("workforce:records"))
    limits = thresholds(wf)
    vacancies = establishment(ctx, wf, ctx.rng_for("workforce:establishment"))
    council_defaults(ctx)
    courses = training(ctx, wf, ctx.rng_for("workforce:training"))
    absences = Absences(wf, ctx.rng_for("workforce:absence"))
    absent, away, uncovered = absences.build()
    write_recs(ctx, absences.absences)
    write_recs(ctx, absences.covers)
    oversight = Oversight(ctx, wf, ctx.rng_for("workforce:supervision")).build()
    wf.ids.reset_sequences()
    over = _teams_over(wf, limits)
    return (
        f"Workforce: {records:,} staff records ({leavers:,} leavers, {joiners:,} newly qualified), "
        f"{vacancies} vacant posts, {over} of {len(limits)} case-holding teams with workers over "
        f"their caseload threshold, {courses:,} training records, {absent:,} absences "
        f"({away} away today, {uncovered} without cover), {oversight['sessions']:,} supervision "
        f"sessions, {oversight['entries']:,} oversight entries, {oversight['actions']:,} actions"
    )


def _teams_over(wf: Workforce, limits: dict[int, int]) -> int:
    counts = wf.open_counts()
    over = set()
    for m in wf.active():
        if m.team_id in limits and counts.get(m.pk, 0) > limits[m.team_id]:
            over.add(m.team_id)
    return len(over)
