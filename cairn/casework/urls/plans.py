"""Casework URLs: plans (CIN plans, their versions and contents) and CIN reviews."""

from django.urls import path

from cairn.casework.views import meetings, plans

urlpatterns = [
    path("<int:child_pk>/plans/new/", plans.plan_start, name="plan_start"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/print/", plans.plan_print, name="plan_print"),
    path("plans/versions/<int:pk>/outcomes/new/", plans.outcome_add, name="outcome_add"),
    path("plans/outcomes/<int:pk>/edit/", plans.outcome_edit, name="outcome_edit"),
    path("plans/outcomes/<int:pk>/remove/", plans.outcome_remove, name="outcome_remove"),
    path("plans/versions/<int:pk>/actions/new/", plans.action_add, name="action_add"),
    path("plans/actions/<int:pk>/edit/", plans.action_edit, name="action_edit"),
    path("plans/versions/<int:pk>/contingency/", plans.contingency_edit, name="contingency_edit"),
    path("plans/versions/<int:pk>/network/new/", plans.network_add, name="network_add"),
    path("plans/versions/<int:pk>/authorise/", plans.plan_authorise, name="plan_authorise"),
    path("plans/<int:pk>/reviews/new/check/", meetings.review_check, name="review_check"),
    path("plans/<int:pk>/reviews/new/<slug:step>/", meetings.review_step, name="review_step"),
    path("reviews/<int:pk>/", meetings.review_detail, name="review_detail"),
]
