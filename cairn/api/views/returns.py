"""Return runs and their files (ADR 0025, 0026): the returns pages' permission
(`returns.view_returns`), the same private folder and the same download log."""

import logging

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.response import Response

from cairn.api import presenters, selectors
from cairn.api.scopes import ApiScope
from cairn.api.serializers import ReturnRunOut
from cairn.api.views.base import ApiView, bounded
from cairn.returns.models import ReturnKind
from cairn.returns.runs.presenters import present_run
from cairn.returns.runs.services import download_name, run_path
from cairn.returns.views.runs import CONTENT_TYPES

PERMISSION = "returns.view_returns"
logger = logging.getLogger("cairn.returns")


def _row(request, run) -> dict:
    url = reverse("api:return_run_file", args=[run.pk])
    return presenters.return_run_row(run, download_url=request.build_absolute_uri(url))


def _run_or_404(pk: int):
    run = selectors.return_run_get(pk=bounded(pk))
    if run is None:
        raise Http404
    return run


class ReturnRunListView(ApiView):
    required_scope = ApiScope.RETURNS_READ

    @extend_schema(
        operation_id="return_runs_list",
        tags=["returns"],
        summary="Return runs, newest first",
        responses=ReturnRunOut(many=True),
    )
    def get(self, request):
        self.require(PERMISSION)
        return self.paged([_row(request, r) for r in selectors.return_run_list()], ReturnRunOut)


class ReturnRunDetailView(ApiView):
    required_scope = ApiScope.RETURNS_READ

    @extend_schema(
        operation_id="return_run_read",
        tags=["returns"],
        summary="A return run: status, progress and, once done, where to download it",
        responses=ReturnRunOut,
    )
    def get(self, request, pk: int):
        self.require(PERMISSION)
        return Response(ReturnRunOut(_row(request, _run_or_404(pk))).data)


FILE_RESPONSES = {
    (200, CONTENT_TYPES[ReturnKind.CIN_CENSUS]): OpenApiResponse(
        OpenApiTypes.BINARY, description="The CIN census XML"
    ),
    (200, CONTENT_TYPES[ReturnKind.ANNEX_A]): OpenApiResponse(
        OpenApiTypes.BINARY, description="The Annex A workbook"
    ),
}


class ReturnRunFileView(ApiView):
    required_scope = ApiScope.RETURNS_READ
    throttle_scope = "api_download"

    @extend_schema(
        operation_id="return_run_file",
        tags=["returns"],
        summary="Download a finished run's file",
        description="404 until the run is done (or when its file is gone).",
        responses=FILE_RESPONSES,
    )
    def get(self, request, pk: int):
        self.require(PERMISSION)
        run = _run_or_404(pk)
        if not present_run(run).can_download:
            raise Http404
        try:
            stream = run_path(run).open("rb")
        except FileNotFoundError:
            raise Http404 from None
        logger.info(
            "Return run %s (%s as of %s) downloaded by user %s through the API",
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
