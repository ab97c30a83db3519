from django.urls import include, path

from cairn.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("accounts/", include("cairn.accounts.urls")),
    path("people/", include("cairn.people.urls")),
    path("governance/", include("cairn.governance.urls")),
    path("front-door/", include("cairn.frontdoor.urls")),
    path("early-help/", include("cairn.earlyhelp.urls")),
    path("children/", include("cairn.casework.urls")),
]

handler403 = "cairn.core.views.permission_denied"
handler404 = "cairn.core.views.page_not_found"
handler500 = "cairn.core.views.server_error"
