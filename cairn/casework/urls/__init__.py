"""Casework URLs, one module per area so each area's pages sit together."""

from django.urls import include, path

app_name = "casework"
urlpatterns = [
    path("", include("cairn.casework.urls.assessments")),
    path("", include("cairn.casework.urls.plans")),
    path("", include("cairn.casework.urls.records")),
]
