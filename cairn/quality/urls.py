from django.urls import path

from cairn.quality.views import analysis, audits, programme, recommendations

app_name = "quality"

urlpatterns = [
    path("", programme.programme, name="programme"),
    path("cycles/new/", programme.cycle_new, name="cycle_new"),
    path("cycles/<int:pk>/", programme.cycle_detail, name="cycle_detail"),
    path("cycles/<int:pk>/sample/", programme.cycle_sample, name="cycle_sample"),
    path("themes/", programme.themes, name="themes"),
    path("tool/", programme.tool, name="tool"),
    path("tool/versions/<int:pk>/", programme.tool_version, name="tool_version"),
    path("tool/versions/<int:pk>/draft/", programme.tool_draft, name="tool_draft"),
    path("tool/versions/<int:pk>/publish/", programme.tool_publish, name="tool_publish"),
    path("tool/questions/<int:pk>/remove/", programme.question_delete, name="question_remove"),
    path("audits/<int:pk>/", audits.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/allocate/", programme.allocate, name="allocate"),
    path("audits/<int:pk>/grades/", audits.audit_edit, name="audit_edit"),
    path("audits/<int:pk>/submit/", audits.audit_submit_view, name="audit_submit"),
    path("audits/<int:pk>/moderate/", audits.audit_moderate_view, name="audit_moderate"),
    path("audits/<int:pk>/grade-change/", audits.audit_grade_change_view, name="grade_change"),
    path("audits/<int:pk>/themes/", audits.audit_finding, name="audit_finding"),
    path("audits/<int:pk>/reflection/", audits.audit_reflection, name="audit_reflection"),
    path(
        "audits/<int:pk>/recommendations/new/",
        recommendations.recommendation_new,
        name="recommendation_new",
    ),
    path("audits/<int:pk>/follow-up/", recommendations.follow_up, name="follow_up"),
    path(
        "recommendations/<int:pk>/",
        recommendations.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<int:pk>/action/",
        recommendations.recommendation_complete_view,
        name="recommendation_complete",
    ),
    path(
        "recommendations/<int:pk>/verify/",
        recommendations.recommendation_verify_view,
        name="recommendation_verify",
    ),
    path("your-actions/", recommendations.audit_actions, name="audit_actions"),
    path("analysis/", analysis.analysis, name="analysis"),
    path("analysis/<slug:name>.csv", analysis.analysis_export, name="analysis_export"),
]
