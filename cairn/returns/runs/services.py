"""Writes on return runs (ADR 0025).

`start_run` creates the run (audited) and hands it to a background thread (or, with
CAIRN_RETURNS_RUN_INLINE, does it at once: tests). `execute_run` produces the file, saving the
progress at most once a batch; its status changes (running, done, failed) are audited, the
progress counts are not (they are a plain UPDATE of processed/total and updated_at, so the
audit is not flooded and the run's version is not bumped under a reader).
"""

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone

from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.returns.annexa.lists import LISTS
from cairn.returns.annexa.period import Period
from cairn.returns.annexa.workbook import write_annex_a
from cairn.returns.census.export import write_census
from cairn.returns.census.period import census_year
from cairn.returns.census.validation import validate_file
from cairn.returns.models import ReturnKind, ReturnRun, RunStatus

logger = logging.getLogger("cairn.returns")

VIA = "returns-run"
BATCH = 200  # children between two progress saves (the census)
EXTENSIONS = {ReturnKind.CIN_CENSUS: "xml", ReturnKind.ANNEX_A: "xlsx"}


def returns_dir() -> Path:
    return Path(settings.CAIRN_RETURNS_DIR)


def run_path(run: ReturnRun) -> Path:
    return returns_dir() / run.file_name


def download_name(run: ReturnRun) -> str:
    if run.kind == ReturnKind.CIN_CENSUS:
        return f"cin_census_{run.reference_date.year}.xml"
    return f"annex-a-{run.reference_date.isoformat()}.xlsx"


def start_run(*, actor, kind: str, reference_date) -> ReturnRun:
    """Create the run and start it: in a daemon thread once the request's transaction has
    committed (so the thread sees the row), or at once with CAIRN_RETURNS_RUN_INLINE."""
    if kind == ReturnKind.CIN_CENSUS:
        census_year(reference_date)  # raises ValueError unless 31 March
    with transaction.atomic():
        run = record_create(
            model=ReturnRun,
            actor=actor,
            kind=kind,
            reference_date=reference_date,
            status=RunStatus.QUEUED,
        )
    if settings.CAIRN_RETURNS_RUN_INLINE:
        execute_run(run.pk)
    else:
        transaction.on_commit(lambda: _launch(run.pk))
    return run


def _launch(run_pk: int) -> None:
    thread = threading.Thread(
        target=_in_thread, args=(run_pk,), name=f"return-run-{run_pk}", daemon=True
    )
    thread.start()


# One run at a time per process: a second run waits, queued, for the first (the exports are
# CPU-bound, and SQLite, used in development, allows one writer at a time).
_ONE_AT_A_TIME = threading.Lock()


def _in_thread(run_pk: int) -> None:
    try:
        with _ONE_AT_A_TIME:
            execute_run(run_pk)
    except Exception:  # noqa: BLE001 (could not even save the failure: it will show as stale)
        logger.exception("Return run %s could not be saved", run_pk)
    finally:
        connections.close_all()  # the thread's own connections


def _set_status(run: ReturnRun, **fields) -> ReturnRun:
    with transaction.atomic():
        return record_update(
            instance=run,
            actor=run.created_by,
            expected_version=run.version,
            via=VIA,
            **fields,
        )


def _save_progress(run_pk: int, processed: int, total: int) -> None:
    ReturnRun.all_objects.filter(pk=run_pk).update(
        processed=processed, total=total, updated_at=timezone.now()
    )


def execute_run(run_pk: int) -> ReturnRun:
    """Produce the run's file; never raises (a failure is saved on the run and logged)."""
    run = ReturnRun.objects.select_related("created_by").get(pk=run_pk)
    run = _set_status(run, status=RunStatus.RUNNING, started_at=clock.now())
    folder = returns_dir()
    name = f"{run.kind}-{run.pk}-{run.reference_date.isoformat()}.{EXTENSIONS[run.kind]}"
    partial = folder / (name + ".part")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if run.kind == ReturnKind.CIN_CENSUS:
            outcome = _census(run, partial)
        else:
            outcome = _annex_a(run, partial)
        partial.replace(folder / name)
    except Exception as exc:  # noqa: BLE001 (any failure is the run's, shown on its page)
        logger.exception("Return run %s failed", run_pk)
        partial.unlink(missing_ok=True)
        run.refresh_from_db()
        return _set_status(
            run,
            status=RunStatus.FAILED,
            finished_at=clock.now(),
            error_message=f"{type(exc).__name__}: {exc}"[:2000],
        )
    # The findings are kept on the run but not copied into the audit (they can be long).
    ReturnRun.all_objects.filter(pk=run.pk).update(findings=outcome.pop("findings", []))
    run.refresh_from_db()
    return _set_status(
        run, status=RunStatus.DONE, finished_at=clock.now(), file_name=name, **outcome
    )


def _census(run: ReturnRun, path: Path) -> dict:
    year = census_year(run.reference_date)
    saved = {"at": -1}

    def progress(done: int, total: int) -> None:  # the same hook as the command's bar
        if done - saved["at"] >= BATCH or done >= total:
            saved["at"] = done
            _save_progress(run.pk, done, total)

    with path.open("wb") as out:
        written = write_census(year, out, progress=progress)
    _save_progress(run.pk, written, written)  # also when there were no children
    with path.open("rb") as stream:
        report = validate_file(stream)
    return {
        "processed": written,
        "total": written,
        "errors": report.errors,
        "queries": report.queries,
        "findings": [
            {"code": f.code, "type": f.type, "message": f.message, "children": f.children}
            for f in report.findings
        ],
    }


def _annex_a(run: ReturnRun, path: Path) -> dict:
    total = len(LISTS)
    _save_progress(run.pk, 0, total)

    def progress(annex_list, rows: int, finished: bool) -> None:  # the command's hook
        if finished:
            _save_progress(run.pk, LISTS.index(annex_list) + 1, total)

    write_annex_a(period=Period(run.reference_date), out=path, progress=progress)
    return {"processed": total, "total": total}
