"""import_ssd loads tables side by side (parallel.py): each table waits for the tables it refers
to or reads, and the result (records, references, the report) is the serial one."""

import csv
import io
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from cairn.core.models import AuditEvent, ExternalReference
from cairn.people.models import Person
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer import import_ssd, parallel, table_loads
from cairn.returns.ssd.importer.tables import HANDLERS
from cairn.returns.tests.ssd_extract import council_extract, write_table
from cairn.testing.ssd_fixture import AS_OF, build_ssd_council

POSTGRES = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has one writer: tables load one after the other there",
)


def test_every_table_waits_only_for_tables_loaded_before_it():
    order = [t.name for t in spec.TABLES]
    present = set(HANDLERS)
    for name, handler in HANDLERS.items():
        waits = parallel.waits_for(spec.table(name), handler.reads, present)
        assert all(order.index(w) < order.index(name) for w in waits), (name, waits)
    # What the handlers read beyond their foreign keys is declared.
    visits = parallel.waits_for(
        spec.table("ssd_cp_visits"), HANDLERS["ssd_cp_visits"].reads, present
    )
    assert {"ssd_cp_plans", "ssd_cin_episodes", "ssd_person"} <= visits
    contacts = HANDLERS["ssd_contacts"]
    assert parallel.waits_for(spec.table("ssd_contacts"), contacts.reads, present) == {
        "ssd_person",
        "ssd_department",
    }
    # A table whose file is missing is not waited for.
    assert parallel.waits_for(spec.table("ssd_contacts"), contacts.reads, {"ssd_person"}) == {
        "ssd_person"
    }


@pytest.mark.django_db
def test_inside_a_transaction_tables_load_one_after_the_other():
    assert connection.in_atomic_block
    assert parallel.default_workers() == 1


def _export(directory):
    call_command("export_ssd", out=str(directory), stdout=io.StringIO())


def _record_processes(monkeypatch) -> list:
    """Make each table's loader append its process id to the file last put in the returned
    list (workers are forked processes: a file is what they share with the test)."""
    logs: list = []
    real = parallel._load

    def record(loader, load):
        with logs[-1].open("a") as handle:
            handle.write(f"{os.getpid()}\n")
        return real(loader, load)

    monkeypatch.setattr(parallel, "_load", record)
    return logs


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_tables_loaded_side_by_side_give_the_serial_result(tmp_path, monkeypatch):
    source, serial, side_by_side = tmp_path / "source", tmp_path / "serial", tmp_path / "side"
    with override_settings(CAIRN_TODAY=AS_OF.isoformat()):
        build_ssd_council()
        _export(source)
        results, loaded_by = [], []
        logs = _record_processes(monkeypatch)
        for workers, out in ((1, serial), (4, side_by_side)):
            call_command("flush", interactive=False, verbosity=0)
            log = tmp_path / f"processes-{workers}.txt"
            logs.append(log)
            report = import_ssd(source, workers=workers)
            _export(out)
            loaded_by.append(log.read_text().split())
            results.append((
                report.lines()[1:],
                Person.all_objects.count(),
                ExternalReference.objects.count(),
                AuditEvent.objects.filter(via="import").count(),
            ))  # fmt: skip
    assert results[0] == results[1]
    # Serially every table loads in this process; side by side, in four other processes.
    tables = len(report.counts)
    assert loaded_by[0] == [str(os.getpid())] * tables
    assert len(loaded_by[1]) == tables
    assert len(set(loaded_by[1])) == 4
    assert str(os.getpid()) not in loaded_by[1]
    for table in spec.TABLES:
        name = table.file_name
        assert (serial / name).read_bytes() == (side_by_side / name).read_bytes(), name
        assert (source / name).read_bytes() == (serial / name).read_bytes(), name


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_a_rejected_parent_rejects_its_children_across_threads(tmp_path):
    council_extract(tmp_path)
    people = list(_rows(tmp_path, "ssd_person"))
    people[0]["pers_dob"] = "2015-02-30"  # P100
    write_table(tmp_path, "ssd_person", people)

    report = import_ssd(tmp_path, workers=4)

    rejected = [(r.file, r.row_id) for r in report.rejections]
    assert rejected[0] == ("ssd_person.csv", "P100")
    # Every row about P100, in later tables loaded in other threads, is rejected as a child
    # of a rejected row; the report lists them in the spec's table order.
    later = report.rejections[1:]
    assert later
    assert all(r.reason.startswith("parent row rejected") for r in later)
    order = [t.file_name for t in spec.TABLES]
    assert [order.index(r.file) for r in later] == sorted(order.index(r.file) for r in later)
    assert not Person.all_objects.filter(la_child_id="P100").exists()
    assert Person.all_objects.filter(la_child_id="P200").exists()


@POSTGRES
@pytest.mark.django_db(transaction=True)
def test_a_fault_in_a_worker_stops_the_import_with_its_error(tmp_path, monkeypatch):
    """A fault in the importer (not a bad row) raised in a worker process reaches the caller;
    nothing waits for ever."""
    council_extract(tmp_path)

    def broken(self, loader, rows):
        raise RuntimeError("the visits handler broke")

    monkeypatch.setattr(HANDLERS["ssd_cin_visits"], "write", broken)
    with pytest.raises(RuntimeError, match="the visits handler broke"):
        import_ssd(tmp_path, workers=3)
    # The tables the visits did not wait for loaded; the visits did not.
    assert Person.all_objects.filter(la_child_id="P100").exists()
    assert not ExternalReference.objects.filter(kind="cin_visit").exists()


def _rows(directory, name):
    with (directory / spec.table(name).file_name).open(newline="", encoding="utf-8") as handle:
        return [{k: v for k, v in row.items() if v} for row in csv.DictReader(handle)]


@pytest.mark.django_db
def test_the_command_refuses_a_number_of_workers_out_of_range(tmp_path):
    council_extract(tmp_path)
    for bad in ("0", str(parallel.MAX_WORKERS + 1)):
        with pytest.raises(CommandError, match="--workers must be a number from 1 to 8"):
            call_command("import_ssd", str(tmp_path), "--workers", bad)
    assert not Person.all_objects.exists()


def test_a_tables_priority_is_its_lines_and_the_longest_chain_waiting_for_it(tmp_path):
    council_extract(tmp_path)
    loads = {load.table.name: load for load in table_loads(tmp_path)[0]}
    rank = parallel.critical_path(list(loads.values()))
    # A table counts its own lines and the longest chain of tables waiting for it.
    lines = {name: len(load.path.read_text().splitlines()) for name, load in loads.items()}
    for name in loads:
        waiting = [rank[other] for other, load in loads.items() if name in load.after]
        assert rank[name] == lines[name] + max(waiting, default=0), name
    assert rank["ssd_cin_episodes"] > lines["ssd_cin_episodes"] + lines["ssd_cin_plans"]
