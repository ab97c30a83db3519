"""The fixed lists the audit programme grades against: domains, grades and the kinds of record
an auditor or worker can point to as evidence."""

from django.db import models


class Domain(models.TextChoices):
    """The audit tool's domains. Fixed, so grades compare across tool versions and years; the
    questions inside each domain are what a QA officer configures."""

    CHILD_VOICE = "child_voice", "The child's voice and participation"
    ASSESSMENT = "assessment", "Assessment quality, including family history and identity"
    PLAN = "plan", "The plan, its outcomes and contingency"
    OVERSIGHT = "oversight", "Management oversight and supervision"
    TIMELINESS = "timeliness", "Timeliness"
    IMPACT = "impact", "Impact for the child"


class Grade(models.TextChoices):
    """Ofsted's four-point judgement scale, used by councils' audit tools."""

    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"


class RecordKind(models.TextChoices):
    """Record items on a child's file that can evidence a grade or a completed action."""

    PLAN_VERSION = "plan_version", "Plan version"
    VISIT = "visit", "Visit"
    ASSESSMENT = "assessment", "Assessment"
    CASE_NOTE = "case_note", "Case note"
    MEETING = "meeting", "Meeting"
