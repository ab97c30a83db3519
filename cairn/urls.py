from django.urls import include, path

from cairn.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("oversight/", core_views.oversight, name="oversight"),
    path("accounts/", include("cairn.accounts.urls")),
    path("people/", include("cairn.people.urls")),
    path("governance/", include("cairn.governance.urls")),
    path("front-door/", include("cairn.frontdoor.urls")),
    path("early-help/", include("cairn.earlyhelp.urls")),
    path("children/", include("cairn.casework.urls")),
    # Drift engine (issue 7): the timescale rules' local values
    path("timescales/", include("cairn.timescales.urls")),
    # Quality assurance (issue 8): the case-audit programme
    path("quality/", include("cairn.quality.urls")),
    path("workforce/", include("cairn.workforce.urls")),  # workforce (issue 6)
    # Child protection (its urls package includes each area's module)
    path("child-protection/", include("cairn.protection.urls")),
    # Legal (issue 5): legal planning, pre-proceedings, care proceedings and the trackers
    path("legal/", include("cairn.legal.urls")),
    # Edge of care (issue 5): referrals, interventions, outcomes and the service report
    path("edge-of-care/", include("cairn.edgeofcare.urls")),
    # Statutory returns (issue 9)
    path("returns/", include("cairn.returns.urls")),
    # Insight for leaders (issue 10): the scorecard, drill-down, exports and members' report
    path("insight/", include("cairn.insight.urls")),
    # REST API (issue 11, ADR 0026): OpenAPI at /api/openapi.json
    path("api/", include("cairn.api.urls")),
    # The API's integrations and tokens, for system administrators (issue 11)
    path("integrations/", include("cairn.api.pages.urls")),
]

handler403 = "cairn.core.views.permission_denied"
handler404 = "cairn.core.views.page_not_found"
handler500 = "cairn.core.views.server_error"
