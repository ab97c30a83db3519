"""Reads of cycles, audits and recommendations for the programme's pages. Pages check the
permission on the object (quality.view_audit follows the child's record scope)."""

from django.db.models import Count, Prefetch, Q, QuerySet

from cairn.accounts.models import User
from cairn.people.models import Person
from cairn.quality.models import (
    AuditCycle,
    AuditEvidence,
    AuditStatus,
    AuditTool,
    AuditToolVersion,
    CaseAudit,
    GradeChange,
    Question,
    Recommendation,
    RecommendationStatus,
    Theme,
    ToolVersionStatus,
)
from cairn.quality.rules import AUDITOR_ROLES

OPEN_RECOMMENDATION = (RecommendationStatus.OPEN, RecommendationStatus.AWAITING_VERIFICATION)


def cycle_list() -> QuerySet[AuditCycle]:
    """Cycles newest first, with how many audits each has and how many are moderated."""
    return AuditCycle.objects.select_related("theme", "sample").annotate(
        audit_count=Count("audits", filter=Q(audits__removed_at__isnull=True)),
        moderated_count=Count(
            "audits",
            filter=Q(audits__status=AuditStatus.MODERATED, audits__removed_at__isnull=True),
        ),
    )


def cycle_get(*, pk: int) -> AuditCycle | None:
    return (
        AuditCycle.objects.filter(pk=pk)
        .select_related("theme", "tool_version__tool", "sample__selected_by")
        .first()
    )


def audit_list_for_cycle(*, cycle: AuditCycle) -> QuerySet[CaseAudit]:
    return (
        CaseAudit.objects.filter(cycle=cycle)
        .select_related("child", "cycle", "team", "worker", "manager", "auditor")
        .order_by("child__family_name", "child__given_name", "pk")
    )


def audit_list_for_auditor(*, user: User) -> QuerySet[CaseAudit]:
    """Audits the QA officer is auditing or may moderate, unfinished first."""
    return (
        CaseAudit.objects.filter(
            Q(auditor=user, status=AuditStatus.ALLOCATED)
            | (Q(status=AuditStatus.SUBMITTED) & ~Q(auditor=user))
        )
        .select_related("child", "cycle", "auditor", "team")
        .order_by("status", "cycle__starts_on", "pk")
    )


def audit_get(*, pk: int) -> CaseAudit | None:
    """An audit with its grades (and their evidence), grade changes, findings, recommendations
    and follow-up, in a fixed number of queries."""
    return (
        CaseAudit.objects.filter(pk=pk)
        .select_related(
            "child",
            "cycle__tool_version",
            "team",
            "worker",
            "manager",
            "auditor",
            "moderator",
            "follow_up__created_by",
        )
        .prefetch_related(
            Prefetch("grades__evidence", queryset=AuditEvidence.objects.order_by("record_date")),
            Prefetch("grade_changes", queryset=GradeChange.objects.select_related("created_by")),
            "findings__theme",
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related(
                    "owner", "theme", "completed_by", "verified_by"
                ).order_by("due_on", "pk"),
            ),
        )
        .first()
    )


def recommendation_get(*, pk: int) -> Recommendation | None:
    return (
        Recommendation.objects.filter(pk=pk)
        .select_related(
            "audit__child", "audit__auditor", "child", "owner", "completed_by", "verified_by"
        )
        .first()
    )


def questions_for(version: AuditToolVersion) -> QuerySet[Question]:
    return version.questions.order_by("domain", "position", "pk")


def audit_actions_for(*, user: User) -> tuple[list[Recommendation], list[CaseAudit]]:
    """What the audit programme asks of a worker or manager (their notifications): open
    recommendations they own or from audits naming them as the child's worker or manager, and
    the audits they are invited to take part in (collaborative audit)."""
    recommendations = list(
        Recommendation.objects.filter(status__in=OPEN_RECOMMENDATION)
        .filter(Q(owner=user) | Q(audit__worker=user) | Q(audit__manager=user))
        .select_related("child", "owner", "audit")
        .order_by("due_on", "pk")
    )
    audits = list(
        CaseAudit.objects.filter(
            Q(worker=user) | Q(manager=user),
            status__in=[AuditStatus.ALLOCATED, AuditStatus.SUBMITTED],
        )
        .select_related("child", "auditor", "cycle")
        .order_by("cycle__starts_on", "pk")
    )
    return recommendations, audits


def child_audits_get(*, child: Person) -> tuple[list[CaseAudit], list[Recommendation]]:
    """The child's audits (newest first) and their recommendations not yet verified: for the
    child's page. Two queries."""
    audits = list(
        CaseAudit.objects.filter(child=child)
        .exclude(status=AuditStatus.TO_ALLOCATE)
        .select_related("cycle", "auditor")
        .order_by("-cycle__starts_on", "-pk")
    )
    open_recommendations = list(
        Recommendation.objects.filter(child=child, status__in=OPEN_RECOMMENDATION)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    return audits, open_recommendations


def auditor_list() -> QuerySet[User]:
    """Who can be given an audit: the safeguarding and QA unit (QA officers and CP chairs)."""
    return User.objects.filter(role__in=AUDITOR_ROLES, is_active=True).order_by(
        "last_name", "first_name"
    )


def theme_list() -> QuerySet[Theme]:
    return Theme.objects.annotate(
        finding_count=Count("findings", filter=Q(findings__removed_at__isnull=True))
    ).order_by("name")


def tool_list() -> QuerySet[AuditTool]:
    return AuditTool.objects.prefetch_related(
        Prefetch("versions", queryset=AuditToolVersion.objects.order_by("-number"))
    )


def tool_version_get(*, pk: int) -> AuditToolVersion | None:
    return AuditToolVersion.objects.filter(pk=pk).select_related("tool", "published_by").first()


def tool_version_in_use() -> AuditToolVersion | None:
    return (
        AuditToolVersion.objects.filter(status=ToolVersionStatus.PUBLISHED)
        .select_related("tool")
        .order_by("-published_on", "-pk")
        .first()
    )


def question_get(*, pk: int) -> Question | None:
    return Question.objects.filter(pk=pk).select_related("tool_version__tool").first()
