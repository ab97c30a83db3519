"""The programme's analysis page and its CSV exports."""

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.quality.forms import AnalysisFilterForm
from cairn.quality.selectors.analysis import AnalysisFilter, analysis_tables
from cairn.quality.selectors.sampling import team_choices


def _filter(request: HttpRequest) -> tuple[AnalysisFilterForm, AnalysisFilter]:
    form = AnalysisFilterForm(request.GET or None, teams=team_choices())
    if request.GET and form.is_valid():
        data = form.cleaned_data
        return form, AnalysisFilter(start=data["start"], end=data["end"], team_id=data["team"])
    return form, AnalysisFilter()


@require_GET
@permission_required("quality.view_analysis", raise_exception=True)
def analysis(request: HttpRequest) -> HttpResponse:
    form, chosen = _filter(request)
    query = request.GET.urlencode()
    return render(
        request,
        "quality/analysis.html",
        {"form": form, "tables": analysis_tables(chosen, clock.today()), "query": query},
    )


@require_GET
@permission_required("quality.view_analysis", raise_exception=True)
def analysis_export(request: HttpRequest, name: str) -> HttpResponse:
    """One analysis table as CSV, for the same period and team as the page."""
    _form, chosen = _filter(request)
    table = next((t for t in analysis_tables(chosen, clock.today()) if t.name == name), None)
    if table is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="audit-{table.name}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.headers)
    writer.writerows(table.rows)
    return response
