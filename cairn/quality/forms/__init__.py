"""Forms for the audit programme. Each field's error names the field (GOV.UK pattern)."""

from cairn.quality.forms.audits import (
    AuditForm,
    CompleteForm,
    FindingForm,
    FollowUpForm,
    GradeChangeForm,
    ModerateForm,
    RecommendationForm,
    ReflectionForm,
    SubmitForm,
    VerifyForm,
)
from cairn.quality.forms.programme import (
    AllocateForm,
    AnalysisFilterForm,
    CycleForm,
    PublishForm,
    QuestionForm,
    SampleForm,
    ThemeForm,
    ToolCreateForm,
)

__all__ = [
    "AllocateForm",
    "AnalysisFilterForm",
    "AuditForm",
    "CompleteForm",
    "CycleForm",
    "FindingForm",
    "FollowUpForm",
    "GradeChangeForm",
    "ModerateForm",
    "PublishForm",
    "QuestionForm",
    "RecommendationForm",
    "ReflectionForm",
    "SampleForm",
    "SubmitForm",
    "ThemeForm",
    "ToolCreateForm",
    "VerifyForm",
]
