"""Casework URLs: assessments and significant events."""

from django.urls import path

from cairn.casework.views import assessments as views

urlpatterns = [
    path("<int:child_pk>/assessments/", views.assessment_list, name="assessment_list"),
    path("<int:child_pk>/assessments/start/", views.assessment_start, name="assessment_start"),
    path(
        "<int:child_pk>/significant-events/record/",
        views.significant_event_record,
        name="significant_event_record",
    ),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:pk>/sections/<slug:section>/",
        views.assessment_section,
        name="assessment_section",
    ),
    path("assessments/<int:pk>/identity/", views.assessment_identity, name="assessment_identity"),
    path("assessments/<int:pk>/views/", views.assessment_views, name="assessment_views"),
    path("assessments/<int:pk>/factors/", views.assessment_factors, name="assessment_factors"),
    path("assessments/<int:pk>/target/", views.assessment_target, name="assessment_target"),
    path("assessments/<int:pk>/submit/", views.assessment_submit, name="assessment_submit"),
    path("assessments/<int:pk>/decision/", views.assessment_decide, name="assessment_decide"),
]
