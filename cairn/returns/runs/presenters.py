"""Return runs shaped for the pages: the status to show (a queued or running run not updated
for CAIRN_RETURNS_STALE_MINUTES is shown as failed: its process was restarted, ADR 0025), the
progress in words and as a percentage, and the census's validation results (reusing the census
page's presenter, so each failing child links to their record)."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from cairn.core import clock
from cairn.returns.census.presenters import FindingRow, finding_rows
from cairn.returns.census.validation import Finding, Report
from cairn.returns.models import ReturnKind, ReturnRun, RunStatus

STALE_MESSAGE = (
    "The run stopped without finishing (the server was probably restarted). Start it again."
)
TAGS = {
    RunStatus.QUEUED: "govuk-tag--grey",
    RunStatus.RUNNING: "govuk-tag--blue",
    RunStatus.DONE: "govuk-tag--green",
    RunStatus.FAILED: "govuk-tag--red",
}


def is_stale(run: ReturnRun, now: dt.datetime | None = None) -> bool:
    if run.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
        return False
    limit = dt.timedelta(minutes=settings.CAIRN_RETURNS_STALE_MINUTES)
    return run.updated_at < (now or clock.now()) - limit


@dataclass
class RunView:
    run: ReturnRun
    status: str  # RunStatus value as shown (stale runs are "failed")
    status_label: str
    tag_class: str
    progress: str
    percent: int | None
    finished: bool
    error_message: str
    can_download: bool
    is_census: bool


def _unit(run: ReturnRun) -> tuple[str, str]:
    return ("child", "children") if run.kind == ReturnKind.CIN_CENSUS else ("list", "lists")


def present_run(run: ReturnRun, now: dt.datetime | None = None) -> RunView:
    status = RunStatus(run.status)
    error_message = run.error_message
    if is_stale(run, now):
        status, error_message = RunStatus.FAILED, STALE_MESSAGE
    one, many = _unit(run)
    if run.total is None:
        progress, percent = "Not started yet", None
    else:
        percent = 100 * run.processed // run.total if run.total else 100
        progress = f"{run.processed:,} of {run.total:,} {one if run.total == 1 else many}"
    return RunView(
        run=run,
        status=status.value,
        status_label=status.label,
        tag_class=TAGS[status],
        progress=progress,
        percent=percent,
        finished=status in (RunStatus.DONE, RunStatus.FAILED),
        error_message=error_message,
        can_download=status == RunStatus.DONE and bool(run.file_name),
        is_census=run.kind == ReturnKind.CIN_CENSUS,
    )


def run_findings(run: ReturnRun) -> list[FindingRow]:
    report = Report(
        run.reference_date,
        run.total or 0,
        [Finding(f["code"], f["type"], f["message"], list(f["children"])) for f in run.findings],
    )
    return finding_rows(report)
