"""import_ssd in bulk (ADR 22, "Import speed"): the work per chunk does not grow with its rows,
the audit record of each created record lists every value it was written with, a rejected
row inside a chunk leaves the rest of the chunk loaded, and the import runs with the garbage
collector's passes far apart."""

import datetime as dt
import gc

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cairn.casework.models.meetings import Meeting, MeetingKind
from cairn.core.batch import BATCH_THRESHOLDS
from cairn.core.models import AuditAction, AuditEvent, ExternalReference
from cairn.people.models import Person
from cairn.returns.ssd.importer import import_ssd
from cairn.returns.ssd.importer.engine import Loader
from cairn.returns.ssd.importer.fast import created_changes
from cairn.returns.tests.ssd_extract import council_extract, write_table

pytestmark = pytest.mark.django_db


def _people(directory, prefix, count, bad_line=None):
    rows = [
        {
            "pers_person_id": f"{prefix}{n}",
            "pers_forename": "Sam",
            "pers_surname": f"Rowe{n}",
            "pers_sex": "M",
            "pers_ethnicity": "WBRI",
            "pers_dob": "2014-06-01" if n != bad_line else "2014-06-31",
        }
        for n in range(count)
    ]
    directory.mkdir()
    write_table(directory, "ssd_person", rows)
    return directory


def test_the_queries_of_a_chunk_do_not_grow_with_its_rows(tmp_path):
    import_ssd(_people(tmp_path / "W", "W", 2))  # the system actor, content types: once
    counts = []
    for prefix, count in (("A", 5), ("B", 60)):
        directory = _people(tmp_path / prefix, prefix, count)
        with CaptureQueriesContext(connection) as queries:
            report = import_ssd(directory)
        assert report.loaded == count
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_a_bad_row_inside_a_chunk_is_absent_and_the_rest_load(tmp_path):
    directory = _people(tmp_path / "x", "C", 40, bad_line=17)

    report = import_ssd(directory)

    assert [(r.line, r.row_id) for r in report.rejections] == [(19, "C17")]
    assert "pers_dob '2014-06-31' is not a date" in report.rejections[0].reason
    loaded = set(Person.objects.values_list("la_child_id", flat=True))
    assert loaded == {f"C{n}" for n in range(40)} - {"C17"}
    assert not ExternalReference.objects.filter(external_id="C17").exists()
    assert not AuditEvent.objects.filter(object_repr__contains=" C17 ").exists()


def test_a_created_record_is_audited_with_every_value_it_was_written_with(tmp_path):
    import_ssd(council_extract(tmp_path))

    ada = Person.objects.get(la_child_id="P100")
    created = AuditEvent.objects.get(
        action=AuditAction.CREATE, content_type__model="person", object_id=str(ada.pk)
    )
    changes = created.changes
    assert changes["la_child_id"] == [None, "P100"]
    assert changes["given_name"] == [None, "Ada"]
    assert changes["date_of_birth"] == [None, "2015-03-04"]
    assert changes["kind"] == [None, ada.kind]
    assert changes["id"] == [None, ada.pk]
    assert not {"created_by_id", "updated_by_id", "version", "created_at"} & set(changes)
    assert created.person == ada
    assert created.object_repr == f"{Person._meta.verbose_name} P100 from ssd"

    meeting = Meeting.objects.get(kind=MeetingKind.ICPC)  # a date-time, as an instant
    audit = AuditEvent.objects.get(
        action=AuditAction.CREATE, content_type__model="meeting", object_id=str(meeting.pk)
    )
    before, after = audit.changes["held_at"]
    assert before is None
    assert dt.datetime.fromisoformat(after) == meeting.held_at


def test_the_audit_json_is_what_json_would_write():
    import json
    from decimal import Decimal

    from cairn.core.audit import _plain

    row = {
        "text": 'quote " and é',
        "flag": True,
        "off": False,
        "count": 3,
        "ratio": 0.8,
        "fte": Decimal("0.80"),
        "day": dt.date(2026, 3, 31),
        "blank": "",
        "none": None,
        "version": 1,
        "nested": {"A": ["B"]},
    }

    text = created_changes(row, frozenset({"version"}), _plain)

    assert json.loads(text) == {
        "text": [None, 'quote " and é'],
        "flag": [None, True],
        "off": [None, False],
        "count": [None, 3],
        "ratio": [None, 0.8],
        "fte": [None, "0.80"],
        "day": [None, "2026-03-31"],
        "nested": [None, {"A": ["B"]}],
    }


def test_the_import_runs_with_the_collectors_passes_far_apart(tmp_path, monkeypatch):
    seen = []
    load_table = Loader.load_table

    def load_and_look(self, *args, **kwargs):
        seen.append(gc.get_threshold())
        return load_table(self, *args, **kwargs)

    monkeypatch.setattr(Loader, "load_table", load_and_look)
    before = gc.get_threshold()

    report = import_ssd(_people(tmp_path / "x", "G", 3))

    assert report.loaded == 3
    assert seen == [BATCH_THRESHOLDS]
    assert gc.get_threshold() == before
