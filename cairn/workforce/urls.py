from django.urls import path

from cairn.workforce.views import (
    absence,
    allocation,
    caseload,
    oversight,
    report,
    staff,
    supervision,
    training,
)

app_name = "workforce"
urlpatterns = [
    # Staff records, training, allocation, absence and cover (W1)
    path("staff/", staff.staff_list, name="staff_list"),
    path("staff/<int:pk>/", staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/record/", staff.staff_edit, name="staff_edit"),
    path("staff/<int:staff_pk>/training/add/", training.training_add, name="training_add"),
    path("training/<int:pk>/remove/", training.training_remove, name="training_remove"),
    path("absences/", absence.absence_list, name="absence_list"),
    path("absences/record/", absence.absence_record_view, name="absence_record"),
    path("absences/<int:pk>/", absence.absence_detail, name="absence_detail"),
    path("absences/<int:pk>/cover/", absence.cover_set_view, name="cover_set"),
    path("absences/<int:pk>/end/", absence.absence_end_view, name="absence_end"),
    path(
        "children/<int:child_pk>/allocations/",
        allocation.allocation_history_view,
        name="allocation_history",
    ),
    path(
        "children/<int:child_pk>/allocate/",
        allocation.child_allocate_view,
        name="child_allocate",
    ),
    path("queue/", allocation.my_team_queue, name="my_team_queue"),
    path("teams/<int:team_pk>/queue/", allocation.unallocated_queue_view, name="unallocated_queue"),
    # Caseloads, supervision, case oversight and the workforce report (W2)
    path("caseloads/", caseload.caseloads_start, name="caseloads"),
    path("caseloads/teams/", caseload.service_caseloads_view, name="service_caseloads"),
    path("caseloads/teams/<int:pk>/", caseload.team_caseload_view, name="team_caseload"),
    path(
        "caseloads/teams/<int:pk>/threshold/",
        caseload.team_threshold_edit,
        name="team_threshold",
    ),
    path("caseloads/weights/", caseload.caseload_weights_edit, name="caseload_weights"),
    path("supervision/", supervision.supervision_overview, name="supervision"),
    path(
        "supervision/workers/<int:worker_pk>/",
        supervision.worker_supervision,
        name="worker_supervision",
    ),
    path(
        "supervision/workers/<int:worker_pk>/record/",
        supervision.supervision_record_view,
        name="supervision_record",
    ),
    path(
        "supervision/sessions/<int:pk>/",
        supervision.supervision_session_detail,
        name="supervision_session",
    ),
    path(
        "supervision/teams/<int:pk>/standard/",
        supervision.supervision_standard_edit,
        name="supervision_standard",
    ),
    path("children/<int:pk>/oversight/", oversight.child_oversight, name="child_oversight"),
    path(
        "children/<int:pk>/oversight/new/",
        oversight.oversight_entry_create,
        name="oversight_entry_create",
    ),
    path(
        "oversight/actions/<int:pk>/done/",
        oversight.oversight_action_done,
        name="oversight_action_done",
    ),
    path("report/", report.workforce_report, name="workforce_report"),
    path("report.csv", report.workforce_report_csv, name="workforce_report_csv"),
]
