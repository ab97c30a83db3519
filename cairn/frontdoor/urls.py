"""Front door URLs."""

from django.urls import path

from cairn.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("contacts/new/", views.contact_record, name="contact_record"),
    path("contacts/<int:pk>/", views.contact_detail, name="contact_detail"),
    path("decisions/<int:pk>/", views.threshold_decide, name="threshold_decide"),
    path("decisions/<int:pk>/referral/", views.referral_create, name="referral_create"),
    path(
        "children/<int:child_pk>/referral/",
        views.referral_create_direct,
        name="referral_create_direct",
    ),
    path("episodes/<int:pk>/", views.episode_detail, name="episode_detail"),
    path(
        "episodes/<int:pk>/primary-need/",
        views.episode_set_primary_need,
        name="episode_set_primary_need",
    ),
    path("episodes/<int:pk>/allocate/", views.episode_allocate_view, name="episode_allocate"),
    path("episodes/<int:pk>/close/", views.episode_close, name="episode_close"),
    path(
        "episodes/<int:pk>/no-further-action/",
        views.referral_record_nfa,
        name="referral_record_nfa",
    ),
]
