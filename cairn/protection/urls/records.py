"""Child protection record URLs: strategy discussions, S47 enquiries, conferences, CP plans
and core groups."""

from django.urls import path

from cairn.protection.views import records

urlpatterns = [
    path("children/<int:child_pk>/strategy/new/", records.strategy_new, name="strategy_new"),
    path("strategy/<int:pk>/", records.strategy_detail, name="strategy_detail"),
    path("s47/<int:pk>/", records.s47_detail, name="s47_detail"),
    path("s47/<int:pk>/edit/", records.s47_edit, name="s47_edit"),
    path("s47/<int:pk>/icpc/new/", records.icpc_new, name="icpc_new"),
    path(
        "children/<int:child_pk>/transfer-in/new/",
        records.transfer_in_new,
        name="transfer_in_new",
    ),
    path("conferences/<int:pk>/", records.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/decision/", records.conference_decision, name="conference_decision"),
    path("conferences/<int:pk>/finalise/", records.conference_finalise, name="conference_finalise"),
    path("conferences/<int:pk>/addendum/", records.addendum_add, name="addendum_add"),
    path("plans/<int:pk>/", records.cp_plan_detail, name="cp_plan_detail"),
    path("plans/<int:pk>/reviews/new/", records.review_new, name="review_new"),
    path("plans/<int:pk>/core-groups/new/", records.core_group_new, name="core_group_new"),
    path(
        "plans/<int:pk>/core-group-members/new/",
        records.core_group_member_add,
        name="core_group_member_add",
    ),
    path("core-groups/<int:pk>/", records.core_group_detail, name="core_group_detail"),
]
