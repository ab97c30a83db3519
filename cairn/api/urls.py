"""The REST API (ADR 0026). Every view is open to the session middleware (`login_not_required`)
because it authenticates by token instead; the schema is public."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.permissions import AllowAny

from cairn.api.errors import not_found
from cairn.api.views import children, contacts, returns

app_name = "api"


def _open(view_class, **initkwargs):
    return login_not_required(view_class.as_view(**initkwargs))


urlpatterns = [
    path(
        "openapi.json",
        _open(SpectacularJSONAPIView, authentication_classes=[], permission_classes=[AllowAny]),
        name="schema",
    ),
    path("children/", _open(children.ChildSearchView), name="child_search"),
    path("children/<int:pk>/", _open(children.ChildDetailView), name="child_read"),
    path("children/<int:pk>/plans/", _open(children.ChildPlanListView), name="child_plans"),
    path("children/<int:pk>/alerts/", _open(children.ChildAlertListView), name="child_alerts"),
    path("alerts/", _open(children.AlertListView), name="alerts_list"),
    path("contacts/", _open(contacts.ContactCreateView), name="contact_create"),
    path("returns/runs/", _open(returns.ReturnRunListView), name="return_runs_list"),
    path("returns/runs/<int:pk>/", _open(returns.ReturnRunDetailView), name="return_run_read"),
    path("returns/runs/<int:pk>/file/", _open(returns.ReturnRunFileView), name="return_run_file"),
    re_path(r"^.*$", login_not_required(not_found)),
]
