"""The integrations and token pages, at /integrations/ (the API itself is under /api/)."""

from django.urls import path

from cairn.api.pages import views

app_name = "integrations"

urlpatterns = [
    path("", views.integration_list, name="list"),
    path("new/", views.client_create, name="client_create"),
    path("<int:pk>/tokens/new/", views.token_issue, name="token_issue"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
]
