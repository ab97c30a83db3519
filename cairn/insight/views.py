"""The scorecard, its drill-down lists and exports (issue 10; ADR 0028). The members' report's
pages are in report_views.py."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.governance.access import restricted_ids_hidden_from
from cairn.insight import exports
from cairn.insight import presenters as p
from cairn.insight.access import areas_visible_to
from cairn.insight.charts import card_chart
from cairn.insight.forms import ScorecardFilterForm, parse_month
from cairn.insight.measures.base import Scope, get_measure
from cairn.insight.selectors import children_behind, scorecard

DRILL_DOWN_PAGE_SIZE = 200


def _filters(request: HttpRequest) -> tuple[ScorecardFilterForm, list]:
    areas = areas_visible_to(user=request.user)
    if not areas:
        raise PermissionDenied
    return ScorecardFilterForm(request.GET, areas=areas, today=clock.today()), areas


@require_GET
@permission_required("insight.view_scorecard", raise_exception=True)
def scorecard_page(request: HttpRequest) -> HttpResponse:
    """Every measure for the chosen area and period: the latest figure (linked to the children
    behind it), the national comparator, the trend, a chart and its data table, and exports."""
    form, _ = _filters(request)
    chosen = form.value()
    card = scorecard(scope=chosen.scope, months=chosen.months, end=chosen.end)
    query = {"area": chosen.scope.key, "months": chosen.months, "end": p.month_param(chosen.end)}

    def drill_url(key, month):
        params = urlencode({"area": chosen.scope.key, "month": p.month_param(month)})
        return f"{reverse('insight:drill_down', args=[key])}?{params}"

    def export_url(key, extension):
        name = "insight:export_csv" if extension == "csv" else "insight:export_xlsx"
        return f"{reverse(name, args=[key])}?{urlencode(query)}"

    return render(
        request,
        "insight/scorecard.html",
        {
            "form": form,
            "card": card,
            "period": f"{p.month_label(card.months[0])} to {p.month_label(card.months[-1])}",
            "groups": p.measure_blocks(
                card, drill_url=drill_url, export_url=export_url, chart=card_chart(card)
            ),
            "show_reports": request.user.has_perm("insight.view_reports"),
        },
    )


def _measure_or_404(key: str):
    try:
        return get_measure(key)
    except LookupError:
        raise Http404("No such measure") from None


def _scope_or_404(request: HttpRequest) -> Scope:
    try:
        scope = Scope.from_key(request.GET.get("area", ""))
    except ValueError:
        raise Http404("No such area") from None
    if not request.user.has_perm("insight.view_scorecard", scope):
        raise PermissionDenied
    return scope


@require_GET
@permission_required("insight.view_scorecard", raise_exception=True)
def drill_down(request: HttpRequest, key: str) -> HttpResponse:
    """The children behind one figure that the user may see (and how many they may not)."""
    measure = _measure_or_404(key)
    scope = _scope_or_404(request)
    month = parse_month(request.GET.get("month", ""))
    if month is None:
        raise Http404("No such month")
    drill = children_behind(user=request.user, measure_key=measure.key, month=month, scope=scope)
    page = Paginator(drill.children, DRILL_DOWN_PAGE_SIZE).get_page(request.GET.get("page"))
    children = list(page.object_list)
    back = f"{reverse('insight:scorecard')}?{urlencode({'area': scope.key})}"
    return render(
        request,
        "insight/drill_down.html",
        {
            "drill": drill,
            "measure": measure,
            "month": p.month_label(month),
            "figure": p.format_value(drill.figure.value, measure.unit),
            "page": page,
            "children": children,
            "hidden": restricted_ids_hidden_from(user=request.user, people=children),
            "query": urlencode({"area": scope.key, "month": p.month_param(month)}),
            "area_name": dict(areas_visible_to(user=request.user)).get(scope, ""),
            "back": back,
        },
    )


def _export_table(request: HttpRequest, key: str) -> exports.ExportTable:
    measure = _measure_or_404(key)
    form, areas = _filters(request)
    chosen = form.value()
    card = scorecard(scope=chosen.scope, months=chosen.months, end=chosen.end, keys=[measure.key])
    row = card.row(measure.key)
    return exports.ExportTable(
        measure_key=measure.key,
        measure_title=measure.title,
        unit=measure.unit,
        area=card.scope_name,
        months=row.months,
        figures=row.figures,
        national=row.national.value if row.national else None,
        national_source=f"{row.national.source} ({row.national.year})" if row.national else "",
    )


def _download(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@permission_required("insight.view_scorecard", raise_exception=True)
def export_csv(request: HttpRequest, key: str) -> HttpResponse:
    table = _export_table(request, key)
    return _download(
        exports.measure_csv(table),
        content_type="text/csv; charset=utf-8",
        filename=table.filename("csv"),
    )


@require_GET
@permission_required("insight.view_scorecard", raise_exception=True)
def export_xlsx(request: HttpRequest, key: str) -> HttpResponse:
    table = _export_table(request, key)
    return _download(
        exports.measure_xlsx(table),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        filename=table.filename("xlsx"),
    )
