from django.urls import path

from cairn.edgeofcare import views

app_name = "edgeofcare"

urlpatterns = [
    path("children/<int:child_pk>/refer/", views.referral_new, name="referral_new"),
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/decision/", views.referral_decide, name="referral_decide"),
    path("referrals/<int:pk>/intervention/", views.intervention_start, name="intervention_start"),
    path("interventions/<int:pk>/sessions/new/", views.session_new, name="session_new"),
    path("interventions/<int:pk>/outcome/", views.intervention_end, name="intervention_end"),
    path("report/", views.service_report, name="service_report"),
]
