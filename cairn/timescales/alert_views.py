"""The drift pages (issue 7, item 4; ADR 0019): my work, team, service and chair. Each page
evaluates the engine once for everything in the user's scope, as of the one clock's today."""

from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.governance.access import restricted_ids_hidden_from
from cairn.timescales import alert_presenters as presenters
from cairn.timescales import alert_selectors as selectors
from cairn.timescales.alert_forms import AlertFilterForm


def _rows(request: HttpRequest, alerts) -> list[presenters.AlertRow]:
    """The alerts as rows: names read once for all of them (three or four queries)."""
    children = selectors.child_names(a.child_id for a in alerts)
    hidden = restricted_ids_hidden_from(user=request.user, people=children.values())
    return presenters.alert_rows(
        alerts,
        children=children,
        workers=selectors.worker_names(a.worker_id for a in alerts),
        teams=selectors.team_names(a.team_id for a in alerts),
        hidden=hidden,
    )


def _query_without(request: HttpRequest, name: str) -> str:
    """The page's query string without `name`, ending in "&" when not empty."""
    query: QueryDict = request.GET.copy()
    query.pop(name, None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


def _page(request, template: str, **context) -> HttpResponse:
    context.setdefault("today", clock.today())
    return render(request, f"timescales/alerts/{template}", context)


@require_GET
@permission_required("timescales.view_my_alerts", raise_exception=True)
def my_work(request: HttpRequest) -> HttpResponse:
    """Alerts of the worker's children (and of colleagues they cover): overdue first, then due
    soon, then flags; the most urgent first."""
    today = clock.today()
    form = AlertFilterForm(request.GET)
    alerts = selectors.my_work_alerts(user=request.user, today=today, filters=form.value())
    return _page(
        request,
        "my_work.html",
        form=form,
        rows=_rows(request, alerts),
        totals=presenters.totals(alerts),
        action=reverse("timescales:alerts_mine"),
    )


@require_GET
@permission_required("timescales.view_team_alerts", raise_exception=True)
def team(request: HttpRequest) -> HttpResponse:
    """One team's alerts, by worker and by rule with counts, and the list."""
    today = clock.today()
    teams = selectors.alert_teams_visible_to(user=request.user)
    if not teams:
        raise Http404("You do not manage a team that holds cases")
    data = request.GET.copy()
    if not data.get("team"):
        own = next((t for t in teams if t.pk == request.user.team_id), teams[0])
        data["team"] = str(own.pk)
    form = AlertFilterForm(data, teams=teams, team_required=True)
    filters = form.value()
    chosen = next((t for t in teams if t.pk == filters.team), None)
    if chosen is None:  # a team not on the list: an error on the field, and the first team
        chosen = next((t for t in teams if t.pk == request.user.team_id), teams[0])
        filters = selectors.AlertFilter(rule=filters.rule, status=filters.status, team=chosen.pk)
    if not request.user.has_perm("timescales.view_team_alerts", chosen):
        raise Http404
    alerts = selectors.team_alerts(team_id=chosen.pk, today=today, filters=filters)
    rows = _rows(request, alerts)
    workers = {a.worker_id: r.worker_name for a, r in zip(alerts, rows, strict=True)}
    base = reverse("timescales:alerts_team")
    return _page(
        request,
        "team.html",
        form=form,
        team=chosen,
        rows=rows,
        totals=presenters.totals(alerts),
        by_worker=presenters.by_worker(alerts, workers),
        by_rule=presenters.by_rule(alerts, base_url=base, query=_query_without(request, "rule")),
        action=base,
        show_service=request.user.has_perm("timescales.view_service_alerts"),
    )


@require_GET
@permission_required("timescales.view_service_alerts", raise_exception=True)
def service(request: HttpRequest) -> HttpResponse:
    """Alerts by team and by rule with counts, and the 12-week trend from the snapshots."""
    today = clock.today()
    team_ids = selectors.alert_team_ids_visible_to(user=request.user)
    teams = selectors.alert_teams_visible_to(user=request.user)
    form = AlertFilterForm(request.GET, teams=teams)
    filters = form.value()
    alerts = selectors.service_alerts(team_ids=team_ids, today=today, filters=filters)
    names = {t.pk: t.name for t in teams}
    if team_ids is None:
        names = selectors.team_names(a.team_id for a in alerts)
    base = reverse("timescales:alerts_service")
    trend = selectors.alert_trend(today=today, team_ids=team_ids, filters=filters)
    return _page(
        request,
        "service.html",
        form=form,
        totals=presenters.totals(alerts),
        by_team=presenters.by_team(
            alerts, names, link=request.user.has_perm("timescales.view_team_alerts")
        ),
        by_rule=presenters.by_rule(alerts, base_url=base, query=_query_without(request, "rule")),
        trend=presenters.trend_rows(trend),
        action=base,
    )


@require_GET
@permission_required("timescales.view_chair_alerts", raise_exception=True)
def chair(request: HttpRequest) -> HttpResponse:
    """Alerts of the children on a CP plan whose latest conference the chair chaired."""
    today = clock.today()
    form = AlertFilterForm(request.GET)
    alerts = selectors.chair_alerts(user=request.user, today=today, filters=form.value())
    return _page(
        request,
        "chair.html",
        form=form,
        rows=_rows(request, alerts),
        totals=presenters.totals(alerts),
        action=reverse("timescales:alerts_chair"),
    )
