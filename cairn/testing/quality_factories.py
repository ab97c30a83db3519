"""Factories for the audit programme (quality). They build rows directly; tests of the services
call the services."""

import datetime as dt

import factory

from cairn.accounts.roles import Role
from cairn.quality.models import (
    AuditCycle,
    AuditFinding,
    AuditStatus,
    AuditTool,
    AuditToolVersion,
    CaseAudit,
    CycleKind,
    Domain,
    DomainGrade,
    Grade,
    ImpactAnswer,
    ImpactFollowUp,
    Question,
    Recommendation,
    Theme,
    ToolVersionStatus,
)
from cairn.testing.factories import PersonFactory, RecordFactory, UserFactory


class ThemeFactory(RecordFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Theme {n}")


class AuditToolFactory(RecordFactory):
    class Meta:
        model = AuditTool
        django_get_or_create = ("name",)

    name = "Case audit tool"


class ToolVersionFactory(RecordFactory):
    """A published tool version with one question per domain."""

    class Meta:
        model = AuditToolVersion
        django_get_or_create = ("tool", "number")
        skip_postgeneration_save = True

    tool = factory.SubFactory(AuditToolFactory)
    number = 1
    status = ToolVersionStatus.PUBLISHED
    published_on = dt.date(2025, 1, 6)

    @factory.post_generation
    def questions(obj, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        for domain in Domain:
            QuestionFactory(tool_version=obj, domain=domain.value, text=f"Is {domain.label} good?")


class QuestionFactory(RecordFactory):
    class Meta:
        model = Question

    tool_version = factory.SubFactory(ToolVersionFactory, questions=False)
    domain = Domain.CHILD_VOICE
    position = factory.Sequence(lambda n: n + 1)
    text = "Is the child seen alone?"


class QaOfficerFactory(UserFactory):
    role = Role.QA_OFFICER
    team = None


class CycleFactory(RecordFactory):
    class Meta:
        model = AuditCycle

    name = factory.Sequence(lambda n: f"Monthly audit {n}")
    kind = CycleKind.MONTHLY
    starts_on = dt.date(2026, 3, 1)
    ends_on = dt.date(2026, 3, 31)
    tool_version = factory.SubFactory(ToolVersionFactory)


class CaseAuditFactory(RecordFactory):
    """An audit allocated to a QA officer."""

    class Meta:
        model = CaseAudit

    cycle = factory.SubFactory(CycleFactory)
    child = factory.SubFactory(PersonFactory)
    level = "cin"
    auditor = factory.SubFactory(QaOfficerFactory)
    status = AuditStatus.ALLOCATED


class DomainGradeFactory(RecordFactory):
    class Meta:
        model = DomainGrade

    audit = factory.SubFactory(CaseAuditFactory)
    domain = Domain.CHILD_VOICE
    grade = Grade.GOOD
    narrative = "The child's views are recorded in her own words."


def graded(audit: CaseAudit, grade: str = Grade.GOOD, **by_domain: str) -> CaseAudit:
    """Grade every domain of `audit` (`grade`, or per domain by keyword) and set its overall
    grade and summary, as an auditor would before submitting."""
    for domain in Domain:
        DomainGradeFactory(audit=audit, domain=domain.value, grade=by_domain.get(domain, grade))
    audit.overall_grade = grade
    audit.summary = "Practice is good overall."
    audit.save()
    return audit


class RecommendationFactory(RecordFactory):
    class Meta:
        model = Recommendation

    audit = factory.SubFactory(CaseAuditFactory)
    child = factory.SelfAttribute("audit.child")
    action = "Update the contingency plan with the family network"
    owner = factory.SubFactory(UserFactory)
    made_on = dt.date(2026, 3, 10)
    due_on = dt.date(2026, 4, 10)


class AuditFindingFactory(RecordFactory):
    class Meta:
        model = AuditFinding

    audit = factory.SubFactory(CaseAuditFactory)
    theme = factory.SubFactory(ThemeFactory)
    finding = "Neglect recognised and acted on"


class ImpactFollowUpFactory(RecordFactory):
    class Meta:
        model = ImpactFollowUp

    audit = factory.SubFactory(CaseAuditFactory)
    checked_on = dt.date(2026, 3, 10)
    answer = ImpactAnswer.YES
    narrative = "The child is seen alone every visit now"
