"""Reads of return runs. Runs are council-level (no child's record), so whoever may see the
returns (`returns.view_returns`, checked by the views) sees every run."""

from django.shortcuts import get_object_or_404

from cairn.returns.models import ReturnRun

RECENT = 10


def recent_runs(limit: int = RECENT) -> list[ReturnRun]:
    return list(ReturnRun.objects.select_related("created_by")[:limit])


def get_run(pk: int) -> ReturnRun:
    return get_object_or_404(ReturnRun.objects.select_related("created_by"), pk=pk)
