"""Return runs (ADR 0025): the service (audited, progress saved at most once a batch, a failure
saved on the run), the private folder, who may see a run and download its file, a run left
'running' by a restarted process shown as failed, and the background thread's hand-off."""

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.returns.models import ReturnKind, ReturnRun, RunStatus
from cairn.returns.runs import services
from cairn.returns.runs.presenters import STALE_MESSAGE, present_run
from cairn.returns.runs.services import start_run
from cairn.testing.census_factories import build_census_council

pytestmark = pytest.mark.django_db

CENSUS_DATE = dt.date(2026, 3, 31)
ALLOWED = {Role.PERFORMANCE_ANALYST, Role.SENIOR_LEADER, Role.SYSTEM_ADMIN}


@pytest.fixture(autouse=True)
def after_the_year(settings, tmp_path):
    settings.CAIRN_RETURNS_DIR = tmp_path / "returns"
    with time_machine.travel(dt.datetime(2026, 4, 20, 9, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def analyst(users):
    return users[Role.PERFORMANCE_ANALYST]


def census_run(actor) -> ReturnRun:
    run = start_run(actor=actor, kind=ReturnKind.CIN_CENSUS, reference_date=CENSUS_DATE)
    run.refresh_from_db()
    return run


def test_a_census_run_records_its_progress_validation_and_file(analyst, tmp_path):
    build_census_council()
    run = census_run(analyst)
    assert run.status == RunStatus.DONE
    assert (run.processed, run.total) == (4, 4)
    assert run.started_at is not None
    assert run.finished_at is not None
    assert (run.errors, run.queries) == (0, 1)  # the council's one query
    assert [f["type"] for f in run.findings] == ["query"]
    path = tmp_path / "returns" / run.file_name
    assert path.is_file()
    assert path.read_bytes().startswith(b"<?xml")
    assert not list((tmp_path / "returns").glob("*.part"))
    assert run.created_by == analyst


def test_a_run_is_audited_created_then_each_status_change(analyst):
    build_census_council()
    run = census_run(analyst)
    events = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(ReturnRun), object_id=str(run.pk)
    ).order_by("pk")
    assert [e.action for e in events] == [
        AuditAction.CREATE,
        AuditAction.UPDATE,
        AuditAction.UPDATE,
    ]
    assert [e.changes.get("status", [None, None])[1] for e in events] == [
        RunStatus.QUEUED,
        RunStatus.RUNNING,
        RunStatus.DONE,
    ]
    assert all(e.actor == analyst for e in events)
    assert "findings" not in events.last().changes  # kept on the run, not copied to the audit


def test_progress_is_saved_at_most_once_a_batch(analyst, monkeypatch):
    build_census_council()
    saved = []
    real = services._save_progress
    monkeypatch.setattr(services, "BATCH", 2)
    monkeypatch.setattr(
        services,
        "_save_progress",
        lambda pk, done, total: (saved.append((done, total)), real(pk, done, total)),
    )
    census_run(analyst)
    assert saved == [(1, 4), (3, 4), (4, 4), (4, 4)]


def test_the_annex_a_run_counts_the_lists(analyst):
    run = start_run(actor=analyst, kind=ReturnKind.ANNEX_A, reference_date=CENSUS_DATE)
    run.refresh_from_db()
    assert (run.status, run.processed, run.total) == (RunStatus.DONE, 8, 8)
    assert run.file_name.endswith(".xlsx")
    assert (run.errors, run.findings) == (None, [])


def test_a_census_date_other_than_31_march_is_refused_and_nothing_is_created(analyst):
    with pytest.raises(ValueError, match="31 March"):
        start_run(actor=analyst, kind=ReturnKind.CIN_CENSUS, reference_date=dt.date(2026, 4, 1))
    assert not ReturnRun.objects.exists()


def test_a_failure_is_saved_on_the_run_and_leaves_no_file(analyst, monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "write_census", broken)
    run = census_run(analyst)
    assert run.status == RunStatus.FAILED
    assert run.error_message == "RuntimeError: the database went away"
    assert run.file_name == ""
    assert not list((tmp_path / "returns").iterdir())


def test_the_default_folder_is_private():
    folder = Path(django_settings.CAIRN_RETURNS_DIR)
    static = [Path(p) for p in django_settings.STATICFILES_DIRS] + [
        Path(django_settings.STATIC_ROOT)
    ]
    assert all(not folder.is_relative_to(s) for s in static)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM], ids=lambda r: r.value)
def test_only_returns_roles_see_a_run_and_download_its_file(client, users, analyst, role):
    build_census_council()
    run = census_run(analyst)
    client.force_login(users[role])
    page = client.get(reverse("returns:run_detail", args=[run.pk]))
    download = client.get(reverse("returns:run_download", args=[run.pk]))
    if role in ALLOWED:
        assert page.status_code == 200
        assert download.status_code == 200
        assert download["Content-Type"] == "application/xml"
        assert b"".join(download.streaming_content).startswith(b"<?xml")
    else:
        assert (page.status_code, download.status_code) == (403, 403)


def test_a_run_still_going_has_a_check_progress_link_and_no_download(client, analyst):
    run = census_run(analyst)
    ReturnRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING, processed=30, total=120)
    client.force_login(analyst)
    url = reverse("returns:run_detail", args=[run.pk])
    html = client.get(url).content.decode()
    assert "30 of 120 children (25%)" in " ".join(html.split())
    assert f'href="{url}"' in html
    assert "Check progress" in html
    assert 'http-equiv="refresh"' not in html
    assert reverse("returns:run_download", args=[run.pk]) not in html
    assert client.get(reverse("returns:run_download", args=[run.pk])).status_code == 404


def test_a_download_is_logged(client, analyst, caplog):
    build_census_council()
    run = census_run(analyst)
    client.force_login(analyst)
    with caplog.at_level("INFO", logger="cairn.returns"):
        client.get(reverse("returns:run_download", args=[run.pk]))
    assert f"Return run {run.pk}" in caplog.text
    assert f"downloaded by user {analyst.pk}" in caplog.text


def test_a_run_not_updated_for_longer_than_the_limit_is_shown_as_failed(client, analyst, settings):
    settings.CAIRN_RETURNS_STALE_MINUTES = 15
    run = census_run(analyst)
    ReturnRun.objects.filter(pk=run.pk).update(
        status=RunStatus.RUNNING,
        updated_at=dt.datetime(2026, 4, 20, 8, 40, tzinfo=dt.UTC),  # 20 minutes ago
    )
    run.refresh_from_db()
    view = present_run(run)
    assert (view.status, view.error_message, view.finished) == ("failed", STALE_MESSAGE, True)
    fresh = present_run(run, now=dt.datetime(2026, 4, 20, 8, 50, tzinfo=dt.UTC))
    assert fresh.status == RunStatus.RUNNING
    client.force_login(analyst)
    html = client.get(reverse("returns:run_detail", args=[run.pk])).content.decode()
    assert "Failed" in html
    assert "Start it again" in html
    index = client.get(reverse("returns:index")).content.decode()
    assert "Failed" in index


def test_the_index_lists_recent_runs_newest_first(client, analyst):
    first = census_run(analyst)
    second = start_run(actor=analyst, kind=ReturnKind.ANNEX_A, reference_date=CENSUS_DATE)
    client.force_login(analyst)
    response = client.get(reverse("returns:index"))
    assert [v.run.pk for v in response.context["runs"]] == [second.pk, first.pk]
    assert reverse("returns:run_detail", args=[second.pk]) in response.content.decode()


def test_outside_tests_the_run_goes_to_a_daemon_thread_after_commit(
    analyst, settings, monkeypatch, django_capture_on_commit_callbacks
):
    settings.CAIRN_RETURNS_RUN_INLINE = False
    started = []

    class FakeThread:
        def __init__(self, *, target, args, name, daemon):
            self.call = (target, args, daemon)

        def start(self):
            started.append(self.call)

    monkeypatch.setattr(services.threading, "Thread", FakeThread)
    with django_capture_on_commit_callbacks(execute=True):
        run = start_run(actor=analyst, kind=ReturnKind.CIN_CENSUS, reference_date=CENSUS_DATE)
        assert started == []  # not before the request's transaction commits
    run.refresh_from_db()
    assert run.status == RunStatus.QUEUED
    assert started == [(services._in_thread, (run.pk,), True)]
