"""Analysis of the audit programme (issue 8, item 4): grade distributions by domain, team and
month; themes with counts and example findings; recommendation completion and time to complete;
impact follow-up results; re-audit comparisons. Every table is also a CSV export.

Audits count from the day they were submitted (audited_on) and with their current grades (after
moderation and any recorded change). Counts are aggregated in SQL; medians are taken in Python
over the period's values.
"""

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import TruncMonth

from cairn.quality.models import (
    AuditFinding,
    CaseAudit,
    Domain,
    DomainGrade,
    Grade,
    ImpactAnswer,
    ImpactFollowUp,
    Recommendation,
    RecommendationStatus,
)

GRADES = Grade.values
GRADE_RANK = {
    Grade.INADEQUATE: 1,
    Grade.REQUIRES_IMPROVEMENT: 2,
    Grade.GOOD: 3,
    Grade.OUTSTANDING: 4,
}
EXAMPLES_PER_THEME = 3


@dataclass(frozen=True)
class AnalysisFilter:
    start: dt.date | None = None
    end: dt.date | None = None
    team_id: int | None = None


@dataclass
class Table:
    name: str  # the export's file name
    caption: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)


def audits_in(f: AnalysisFilter) -> QuerySet[CaseAudit]:
    """Submitted audits (moderated or not) in the period, for the team if one is chosen."""
    audits = CaseAudit.objects.filter(audited_on__isnull=False)
    if f.start:
        audits = audits.filter(audited_on__gte=f.start)
    if f.end:
        audits = audits.filter(audited_on__lte=f.end)
    if f.team_id:
        audits = audits.filter(team_id=f.team_id)
    return audits


def _grade_headers(first: str) -> list[str]:
    return [first] + [Grade(g).label for g in GRADES] + ["Total"]


def _grade_row(label: str, counts: dict[str, int]) -> list:
    values = [counts.get(g, 0) for g in GRADES]
    return [label, *values, sum(values)]


def grades_by_domain(f: AnalysisFilter) -> Table:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        DomainGrade.objects.filter(audit__in=audits_in(f))
        .values_list("domain", "grade")
        .annotate(n=Count("id"))
        .order_by()
    )
    for domain, grade, n in rows:
        counts[domain][grade] = n
    overall = dict(
        audits_in(f)
        .exclude(overall_grade="")
        .values_list("overall_grade")
        .annotate(n=Count("id"))
        .order_by()
    )
    return Table(
        name="grades-by-domain",
        caption="Grades by domain",
        headers=_grade_headers("Domain"),
        rows=[_grade_row(d.label, counts[d.value]) for d in Domain]
        + [_grade_row("Overall grade", overall)],
    )


def grades_by_team(f: AnalysisFilter) -> Table:
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    rows = (
        audits_in(f)
        .exclude(overall_grade="")
        .values_list("team__name", "overall_grade")
        .annotate(n=Count("id"))
        .order_by()
    )
    for team, grade, n in rows:
        counts[team or "No team"][grade] = n
    return Table(
        name="grades-by-team",
        caption="Overall grades by team",
        headers=_grade_headers("Team"),
        rows=[_grade_row(team, counts[team]) for team in sorted(counts)],
    )


def grades_by_month(f: AnalysisFilter) -> Table:
    counts: dict[dt.date, dict[str, int]] = defaultdict(dict)
    rows = (
        audits_in(f)
        .exclude(overall_grade="")
        .annotate(month=TruncMonth("audited_on"))
        .values_list("month", "overall_grade")
        .annotate(n=Count("id"))
        .order_by()
    )
    for month, grade, n in rows:
        counts[month][grade] = n
    return Table(
        name="grades-by-month",
        caption="Overall grades by month audited",
        headers=_grade_headers("Month"),
        rows=[_grade_row(f"{month:%B %Y}", counts[month]) for month in sorted(counts)],
    )


def themes(f: AnalysisFilter) -> Table:
    """Each theme's count of audits tagged with it, and its latest example findings."""
    findings = (
        AuditFinding.objects.filter(audit__in=audits_in(f))
        .select_related("theme", "audit")
        .order_by("theme__name", "-audit__audited_on", "-pk")
    )
    counts: dict[str, int] = defaultdict(int)
    examples: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        name = finding.theme.name
        counts[name] += 1
        if len(examples[name]) < EXAMPLES_PER_THEME:
            examples[name].append(finding.finding)
    ordered = sorted(counts, key=lambda name: (-counts[name], name))
    return Table(
        name="themes",
        caption="Themes across audits",
        headers=["Theme", "Audits", "Example findings"],
        rows=[[name, counts[name], " | ".join(examples[name])] for name in ordered],
    )


def _median(values: list[int]) -> str:
    return f"{statistics.median(values):g}" if values else "None"


def recommendations(f: AnalysisFilter, today: dt.date) -> Table:
    """Made in the period: by status, overdue (open after the due date), the completion rate
    (verified of all made) and the median days from being made to the action recorded and to
    verification."""
    recs = Recommendation.objects.all()
    if f.start:
        recs = recs.filter(made_on__gte=f.start)
    if f.end:
        recs = recs.filter(made_on__lte=f.end)
    if f.team_id:
        recs = recs.filter(audit__team_id=f.team_id)
    totals = recs.aggregate(
        made=Count("id"),
        open=Count("id", filter=Q(status=RecommendationStatus.OPEN)),
        overdue=Count("id", filter=Q(status=RecommendationStatus.OPEN, due_on__lt=today)),
        awaiting=Count("id", filter=Q(status=RecommendationStatus.AWAITING_VERIFICATION)),
        verified=Count("id", filter=Q(status=RecommendationStatus.VERIFIED)),
        on_time=Count(
            "id",
            filter=Q(status=RecommendationStatus.VERIFIED, completed_on__lte=F("due_on")),
        ),
    )
    done = recs.filter(completed_on__isnull=False).values_list(
        "made_on", "completed_on", "verified_on"
    )
    to_action = [(c - m).days for m, c, _v in done]
    to_verify = [(v - m).days for m, _c, v in done if v]
    made = totals["made"]
    rate = f"{100 * totals['verified'] / made:.0f}%" if made else "None"
    return Table(
        name="recommendations",
        caption="Recommendations made in the period",
        headers=["Measure", "Value"],
        rows=[
            ["Made", made],
            ["Open", totals["open"]],
            ["Open and overdue", totals["overdue"]],
            ["Done, awaiting verification", totals["awaiting"]],
            ["Completed and verified", totals["verified"]],
            ["Verified, done by the due date", totals["on_time"]],
            ["Completion rate (verified of made)", rate],
            ["Median days to the action being recorded", _median(to_action)],
            ["Median days to verification", _median(to_verify)],
        ],
    )


def impact(f: AnalysisFilter) -> Table:
    counts = dict(
        ImpactFollowUp.objects.filter(audit__in=audits_in(f))
        .values_list("answer")
        .annotate(n=Count("id"))
        .order_by()
    )
    total = sum(counts.values())
    return Table(
        name="impact",
        caption="Impact follow-up: is the impact for the child evident?",
        headers=["Answer", "Audits", "Share"],
        rows=[
            [
                answer.label,
                counts.get(answer.value, 0),
                f"{100 * counts.get(answer.value, 0) / total:.0f}%" if total else "None",
            ]
            for answer in ImpactAnswer
        ]
        + [["Checked", total, ""]],
    )


def reaudits(f: AnalysisFilter) -> Table:
    """Children audited in the period who had an earlier audit: the overall grade then and now
    (improved, the same, declined)."""
    in_period = audits_in(f).exclude(overall_grade="")
    history = (
        CaseAudit.objects.filter(
            child_id__in=in_period.values("child_id"),
            audited_on__isnull=False,
        )
        .exclude(overall_grade="")
        .order_by("child_id", "audited_on", "pk")
        .values_list("pk", "child_id", "audited_on", "overall_grade")
    )
    period_ids = set(in_period.values_list("pk", flat=True))
    previous: dict[int, tuple[dt.date, str]] = {}
    pairs = {}
    for pk, child_id, audited_on, grade in history:
        if pk in period_ids and child_id in previous:
            pairs[child_id] = (previous[child_id][1], grade)
        previous[child_id] = (audited_on, grade)
    outcome = {"Improved": 0, "The same": 0, "Declined": 0}
    for before, after in pairs.values():
        change = GRADE_RANK[after] - GRADE_RANK[before]
        outcome["Improved" if change > 0 else "Declined" if change < 0 else "The same"] += 1
    return Table(
        name="re-audits",
        caption="Children re-audited: overall grade compared with their previous audit",
        headers=["Compared with the previous audit", "Children"],
        rows=[[label, n] for label, n in outcome.items()] + [["Re-audited", len(pairs)]],
    )


def analysis_tables(f: AnalysisFilter, today: dt.date) -> list[Table]:
    return [
        grades_by_domain(f),
        grades_by_team(f),
        grades_by_month(f),
        themes(f),
        recommendations(f, today),
        impact(f),
        reaudits(f),
    ]
