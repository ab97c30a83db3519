from django.urls import path

from cairn.governance import views

app_name = "governance"
urlpatterns = [
    path("access/", views.access_review, name="access_review"),
    path("unusual-access/", views.unusual_access_report, name="unusual_access"),
    path("restrictions/", views.restriction_index, name="restrictions"),
    path("restrictions/<int:person_pk>/", views.restriction_detail, name="restriction_detail"),
    path("restrictions/named/<int:pk>/remove/", views.allowance_remove, name="allowance_remove"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/<int:pk>/", views.request_decide, name="request_decide"),
    path("people/<int:person_pk>/request-access/", views.request_access, name="request_access"),
    path("people/<int:person_pk>/break-glass/", views.break_glass, name="break_glass"),
    path("subject-access/", views.subject_access, name="subject_access"),
    path(
        "subject-access/<int:person_pk>/<slug:kind>/",
        views.subject_access_download,
        name="subject_access_download",
    ),
]
