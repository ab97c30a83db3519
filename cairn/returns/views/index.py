"""The returns index: every statutory return Cairn produces, one link each, and the recent runs."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.returns.runs.presenters import present_run
from cairn.returns.runs.selectors import recent_runs


@require_GET
@permission_required("returns.view_returns", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    runs = [present_run(run) for run in recent_runs()]
    return render(request, "returns/index.html", {"runs": runs})
