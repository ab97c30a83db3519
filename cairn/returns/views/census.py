"""The CIN census page: choose the census year and start a run (ADR 0025); the run's page shows
its progress and, when done, the download and the validation results (ADR 0020)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.returns.census.forms import CensusYearForm
from cairn.returns.models import ReturnKind
from cairn.returns.runs.services import start_run

PERMISSION = "returns.view_returns"


@require_http_methods(["GET", "POST"])
@permission_required(PERMISSION, raise_exception=True)
def census(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = CensusYearForm(data, today=clock.today())
    if request.method == "POST" and form.is_valid():
        run = start_run(
            actor=request.user,
            kind=ReturnKind.CIN_CENSUS,
            reference_date=form.year().reference_date,
        )
        return redirect("returns:run_detail", pk=run.pk)
    return render(request, "returns/census.html", {"form": form})
