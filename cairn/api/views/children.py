"""Children: search, a child's summary, plans and alerts (ADR 0026)."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from cairn.api import presenters, selectors
from cairn.api.scopes import ApiScope
from cairn.api.serializers import (
    AlertOut,
    AlertQuery,
    ChildSearchQuery,
    ChildSearchResult,
    ChildSummary,
    PlanOut,
)
from cairn.api.views.base import ApiView, child_for_record
from cairn.casework.selectors.child import allocation_get_current
from cairn.core import clock
from cairn.frontdoor.selectors import child_current_level
from cairn.people.selectors import child_list_visible_to
from cairn.timescales.engine import alerts_as_of


class ChildSearchView(ApiView):
    required_scope = ApiScope.CHILDREN_READ

    @extend_schema(
        operation_id="children_search",
        tags=["children"],
        summary="Search children",
        description="Children this integration's role may see, best match first (the search "
        "page's rules). Restricted records it may not open show as 'Restricted record'.",
        parameters=[ChildSearchQuery],
        responses=ChildSearchResult(many=True),
    )
    def get(self, request):
        self.require("people.search_people")
        text = self.query(ChildSearchQuery)["q"]
        children, hidden = selectors.child_search(user=request.user, text=text)
        rows = [presenters.child_search_row(c, hidden=c.pk in hidden) for c in children]
        return self.paged(rows, ChildSearchResult)


class ChildDetailView(ApiView):
    required_scope = ApiScope.CHILDREN_READ

    @extend_schema(
        operation_id="child_read",
        tags=["children"],
        summary="A child's summary",
        description="Identifiers, level of need and allocation. Logged as a view of the "
        "child's record; a refused attempt is logged too.",
        responses=ChildSummary,
    )
    def get(self, request, pk: int):
        child = child_for_record(request, pk)
        data = presenters.child_summary(
            child,
            level=child_current_level(child=child),
            allocation=allocation_get_current(child=child),
        )
        return Response(ChildSummary(data).data)


class ChildPlanListView(ApiView):
    required_scope = ApiScope.PLANS_READ

    @extend_schema(
        operation_id="child_plans",
        tags=["children"],
        summary="A child's CIN and CP plans",
        description="Newest first, each with the version in force (or the draft). Logged as a "
        "view of the child's record.",
        responses=PlanOut(many=True),
    )
    def get(self, request, pk: int):
        child = child_for_record(request, pk)
        rows = [presenters.plan_row(p) for p in selectors.plan_list_for_child(child=child)]
        return self.paged(rows, PlanOut)


class ChildAlertListView(ApiView):
    required_scope = ApiScope.ALERTS_READ

    @extend_schema(
        operation_id="child_alerts",
        tags=["alerts"],
        summary="A child's drift alerts today",
        description="The drift engine's alerts for the child (as on the child's page), most "
        "urgent first. Logged as a view of the child's record.",
        responses=AlertOut(many=True),
    )
    def get(self, request, pk: int):
        child = child_for_record(request, pk)
        alerts = sorted(alerts_as_of(as_of=clock.today(), children=[child.pk]), key=_urgency)
        return self.paged([presenters.alert_row(a) for a in alerts], AlertOut)


def _urgency(alert):
    return (*alert.urgency, alert.la_child_id or "", alert.rule)


class AlertListView(ApiView):
    required_scope = ApiScope.ALERTS_READ

    @extend_schema(
        operation_id="alerts_list",
        tags=["alerts"],
        summary="Drift alerts of the children this integration sees",
        description="Child-level drift alerts today over the children in the role's scope, "
        "most urgent first; a restricted record it may not open is listed as on the alert pages "
        "(by LA child ID, `hidden` true), and reading that child is refused.",
        parameters=[AlertQuery],
        responses=AlertOut(many=True),
    )
    def get(self, request):
        self.require("api.list_alerts")
        query = self.query(AlertQuery)
        rule = query.get("rule")
        alerts = alerts_as_of(
            as_of=clock.today(),
            children=child_list_visible_to(user=request.user),
            rules=[rule] if rule else None,
        )
        if status := query.get("status"):
            alerts = [a for a in alerts if a.status == status]
        hidden = selectors.hidden_restricted_ids(
            user=request.user, child_ids=[a.child_id for a in alerts if a.child_id]
        )
        alerts = sorted(alerts, key=_urgency)
        rows = [presenters.alert_row(a, hidden=a.child_id in hidden) for a in alerts]
        return self.paged(rows, AlertOut)
