"""Casework URLs: the child's page, the caseload, visits, case notes and the chronology."""

from django.urls import path

from cairn.casework.views import child, chronology, notes, visits

urlpatterns = [
    path("<int:pk>/", child.child_detail, name="child_detail"),
    path("caseload/", child.caseload, name="caseload"),
    path("caseload/<int:worker_pk>/", child.worker_caseload, name="worker_caseload"),
    path("<int:pk>/visits/new/", visits.visit_create, name="visit_create"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("<int:pk>/case-notes/", notes.case_note_list, name="case_note_list"),
    path("<int:pk>/case-notes/new/", notes.case_note_create, name="case_note_create"),
    path("case-notes/<int:pk>/", notes.case_note_detail, name="case_note_detail"),
    path("case-notes/<int:pk>/change/", notes.case_note_edit, name="case_note_edit"),
    path(
        "case-notes/<int:pk>/finalise/",
        notes.case_note_finalise_view,
        name="case_note_finalise",
    ),
    path("case-notes/<int:pk>/append/", notes.case_note_append_view, name="case_note_append"),
    path("<int:pk>/chronology/", chronology.chronology, name="chronology"),
    path(
        "<int:pk>/chronology/analysis/",
        chronology.chronology_analysis_create,
        name="chronology_analysis_add",
    ),
]
