from django.urls import path

from cairn.legal import views
from cairn.legal.views import orders

app_name = "legal"

urlpatterns = [
    path(
        "children/<int:child_pk>/legal-planning/new/",
        views.legal_planning_new,
        name="legal_planning_new",
    ),
    path("legal-planning/<int:pk>/", views.legal_planning_detail, name="legal_planning_detail"),
    path(
        "legal-planning/<int:pk>/issue/",
        orders.legal_planning_issue,
        name="legal_planning_issue",
    ),
    path("pre-proceedings/<int:pk>/", views.pre_proceedings_detail, name="pre_proceedings_detail"),
    path(
        "pre-proceedings/<int:pk>/letter/",
        views.pre_proceedings_letter,
        name="pre_proceedings_letter",
    ),
    path(
        "pre-proceedings/<int:pk>/family-group/",
        views.pre_proceedings_fgdm,
        name="pre_proceedings_fgdm",
    ),
    path(
        "pre-proceedings/<int:pk>/meetings/<str:kind>/",
        views.pre_proceedings_meeting,
        name="pre_proceedings_meeting",
    ),
    path(
        "pre-proceedings/<int:pk>/step-decision/",
        views.pre_proceedings_step,
        name="pre_proceedings_step",
    ),
    path("pre-proceedings/<int:pk>/issue/", orders.proceedings_issue, name="proceedings_issue"),
    path("proceedings/<int:pk>/", views.proceedings_detail, name="proceedings_detail"),
    path("proceedings/<int:pk>/hearings/new/", views.hearing_new, name="hearing_new"),
    path("proceedings/<int:pk>/extensions/new/", views.extension_new, name="extension_new"),
    path("proceedings/<int:pk>/conclude/", views.proceedings_conclude, name="proceedings_conclude"),
    path(
        "proceedings/<int:pk>/interim-orders/new/",
        orders.interim_order_new,
        name="interim_order_new",
    ),
    path("hearings/<int:pk>/outcome/", orders.hearing_outcome, name="hearing_outcome"),
    path(
        "proceedings/<int:pk>/children/<int:row_pk>/care-plans/",
        orders.care_plan,
        name="care_plan",
    ),
    path(
        "children/<int:child_pk>/looked-after/new/",
        orders.looked_after_new,
        name="looked_after_new",
    ),
    path("looked-after/<int:pk>/cease/", orders.looked_after_cease, name="looked_after_cease"),
    path(
        "trackers/pre-proceedings/",
        views.pre_proceedings_tracker_page,
        name="pre_proceedings_tracker",
    ),
    path("trackers/proceedings/", views.proceedings_tracker_page, name="proceedings_tracker"),
]
