"""A return run's page (progress, then the download and the census's validation results) and
the download itself: permission-checked, streamed from the private folder, logged (ADR 0025)."""

import logging

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.returns.models import ReturnKind
from cairn.returns.runs.presenters import present_run, run_findings
from cairn.returns.runs.selectors import get_run
from cairn.returns.runs.services import download_name, run_path

PERMISSION = "returns.view_returns"
CONTENT_TYPES = {
    ReturnKind.CIN_CENSUS: "application/xml",
    ReturnKind.ANNEX_A: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

logger = logging.getLogger("cairn.returns")


@require_GET
@permission_required(PERMISSION, raise_exception=True)
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run(pk)
    view = present_run(run)
    rows = run_findings(run) if view.is_census and view.can_download else None
    return render(request, "returns/run_detail.html", {"view": view, "rows": rows})


@require_GET
@permission_required(PERMISSION, raise_exception=True)
def run_download(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_run(pk)
    if not present_run(run).can_download:
        raise Http404("This run has no file to download.")
    path = run_path(run)
    try:
        stream = path.open("rb")
    except FileNotFoundError:
        raise Http404("The run's file is no longer there.") from None
    logger.info(
        "Return run %s (%s as of %s) downloaded by user %s",
        run.pk,
        run.kind,
        run.reference_date.isoformat(),
        request.user.pk,
    )
    return FileResponse(
        stream,
        as_attachment=True,
        filename=download_name(run),
        content_type=CONTENT_TYPES[ReturnKind(run.kind)],
    )
