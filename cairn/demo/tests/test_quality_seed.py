"""The seeded audit programme keeps the programme's rules and covers every state (issue 8)."""

import datetime as dt

from django.db.models import Count, F, Q

from cairn.demo.tests.conftest import AS_OF
from cairn.quality.models import (
    AuditCycle,
    AuditStatus,
    AuditToolVersion,
    CaseAudit,
    CycleKind,
    DomainGrade,
    GradeChange,
    ImpactFollowUp,
    Recommendation,
    RecommendationStatus,
    ToolVersionStatus,
)
from cairn.quality.sampling import draw_sample
from cairn.quality.selectors.sampling import sample_candidates


def test_two_years_of_monthly_cycles_and_thematic_audits(journeys):
    monthly = AuditCycle.objects.filter(kind=CycleKind.MONTHLY)
    assert monthly.count() == 25
    assert monthly.order_by("starts_on").first().starts_on == dt.date(2024, 3, 1)
    assert AuditCycle.objects.filter(kind=CycleKind.THEMATIC).exists()
    assert not CaseAudit.objects.filter(audited_on__gt=AS_OF).exists()
    assert not CaseAudit.objects.filter(moderated_on__gt=AS_OF).exists()
    versions = dict(AuditToolVersion.objects.values_list("number", "status"))
    assert versions == {1: ToolVersionStatus.RETIRED, 2: ToolVersionStatus.PUBLISHED}


def test_every_state_is_present(journeys):
    statuses = set(CaseAudit.objects.values_list("status", flat=True))
    assert statuses == set(AuditStatus.values)
    recommendations = Recommendation.objects.all()
    assert set(recommendations.values_list("status", flat=True)) == set(RecommendationStatus.values)
    overdue = recommendations.filter(status=RecommendationStatus.OPEN, due_on__lt=AS_OF)
    assert overdue.exists()
    assert recommendations.filter(status=RecommendationStatus.OPEN, due_on__gte=AS_OF).exists()
    assert set(ImpactFollowUp.objects.values_list("answer", flat=True)) == {"yes", "partly", "no"}
    assert GradeChange.objects.filter(kind="moderation").exists()


def test_the_seeded_audits_keep_the_services_rules(journeys):
    # A moderator is never the auditor; every submitted audit grades all six domains.
    assert not CaseAudit.objects.filter(moderator=F("auditor")).exists()
    graded = CaseAudit.objects.filter(audited_on__isnull=False).annotate(n=Count("grades"))
    assert set(graded.values_list("n", flat=True)) == {6}
    # Completion evidence is dated on or after the recommendation, verification after it.
    done = Recommendation.objects.exclude(status=RecommendationStatus.OPEN)
    assert not done.filter(Q(evidence_date__lt=F("made_on")) | Q(evidence_id__isnull=True)).exists()
    assert not done.filter(completed_on__lt=F("evidence_date")).exists()
    assert not done.filter(verified_on__lt=F("completed_on")).exists()
    # No child is audited twice within six months.
    seen: dict[int, dt.date] = {}
    for child_id, on in (
        CaseAudit.objects.filter(audited_on__isnull=False)
        .order_by("child_id", "audited_on")
        .values_list("child_id", "audited_on")
    ):
        if child_id in seen:
            assert (on - seen[child_id]).days > 150
        seen[child_id] = on


def test_a_seeded_sample_is_reproducible_from_its_rule(journeys):
    cycle = AuditCycle.objects.filter(kind=CycleKind.MONTHLY).order_by("starts_on").first()
    sample = cycle.sample
    candidates, _excluded = sample_candidates(
        as_of=sample.as_of, exclude_months=sample.exclude_months
    )
    chosen = draw_sample(candidates, method=sample.method, size=sample.size, seed=sample.seed)
    assert {c.child_id for c in chosen} == set(cycle.audits.values_list("child_id", flat=True))
    assert f"seed {sample.seed}" in sample.rule


def test_grades_vary_by_team(journeys):
    by_team = (
        DomainGrade.objects.values("audit__team")
        .annotate(n=Count("id"), good=Count("id", filter=Q(grade__in=["good", "outstanding"])))
        .filter(n__gte=30)
    )
    shares = [row["good"] / row["n"] for row in by_team]
    assert len(shares) >= 2
    assert max(shares) - min(shares) > 0.05
