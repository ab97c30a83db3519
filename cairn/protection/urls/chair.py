"""URLs of the CP chair's oversight: the chair's list, midpoint reviews and practice alerts."""

from django.urls import path

from cairn.protection.views import chair

urlpatterns = [
    path("chair/", chair.chair_list_view, name="chair_list"),
    path(
        "children/<int:pk>/midpoint-review/",
        chair.midpoint_review_create,
        name="midpoint_review_create",
    ),
    path(
        "children/<int:pk>/practice-alerts/new/",
        chair.practice_alert_raise_view,
        name="practice_alert_raise",
    ),
    path("practice-alerts/", chair.practice_alert_log_view, name="practice_alert_log"),
    path("practice-alerts/for-you/", chair.practice_alerts_for_me, name="practice_alerts_for_me"),
    path("practice-alerts/<int:pk>/", chair.practice_alert_detail, name="practice_alert_detail"),
    path(
        "practice-alerts/<int:pk>/respond/",
        chair.practice_alert_respond_view,
        name="practice_alert_respond",
    ),
    path(
        "practice-alerts/<int:pk>/escalate/",
        chair.practice_alert_escalate_view,
        name="practice_alert_escalate",
    ),
    path(
        "practice-alerts/<int:pk>/resolve/",
        chair.practice_alert_resolve_view,
        name="practice_alert_resolve",
    ),
]
