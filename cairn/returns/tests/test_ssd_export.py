"""SSD export (issue 9 item 4, ADR 22): golden files for a small hand-built council, cell
formats, JSON keys, determinism, and the command's errors.

Regenerate the golden files after an intended change with
`CAIRN_UPDATE_GOLDEN=1 .venv/bin/python -m pytest cairn/returns/tests/test_ssd_export.py`
and review the diff.
"""

import csv
import datetime as dt
import io
import json
import os
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from cairn.people.models import Disability
from cairn.returns.ssd import export, spec
from cairn.testing.ssd_fixture import AS_OF, build_ssd_council

GOLDEN = Path(__file__).parent / "golden" / "ssd"


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- cell formats (no database) --------------------------------------------------------------


def test_flags_are_y_n_or_empty():
    field = spec.Field("x_flag", spec.FLAG)
    assert export.format_cell(field, True) == "Y"
    assert export.format_cell(field, False) == "N"
    assert export.format_cell(field, None) == ""


def test_dates_are_iso_and_datetimes_become_local_dates():
    field = spec.Field("x_date", spec.DATE)
    assert export.format_cell(field, dt.date(2026, 3, 9)) == "2026-03-09"
    # 23:30 UTC on 31 March is 00:30 on 1 April in London (BST)
    late = dt.datetime(2026, 3, 31, 23, 30, tzinfo=dt.UTC)
    assert export.format_cell(field, late) == "2026-04-01"


def test_outcome_json_uses_the_ssd_keys_in_order_with_a_count():
    out = export.assessment_outcome("cin_plan")
    assert tuple(out) == spec.ASSESSMENT_OUTCOME_KEYS
    assert out["PROV_OF_SERVICES_FLAG"] == "Y"
    assert out["NFA_FLAG"] == "N"
    assert out["TOTAL_NO_OF_OUTCOMES"] == 1
    unknown = export.assessment_outcome("")
    assert unknown["NFA_FLAG"] == ""
    assert unknown["TOTAL_NO_OF_OUTCOMES"] == 0


def test_s47_outcome_distinguishes_no_conference_outcomes():
    assert (
        export.s47_outcome(icpc_needed=True, outcome="substantiated")["CP_CONFERENCE_FLAG"] == "Y"
    )
    nfa = export.s47_outcome(icpc_needed=False, outcome="not_substantiated")
    assert nfa["NFA_FLAG"] == "Y"
    assert nfa["CP_CONFERENCE_FLAG"] == "N"
    cont = export.s47_outcome(icpc_needed=False, outcome="substantiated")
    assert cont["NFA_CONTINUE_SINGLE_FLAG"] == "Y"
    assert cont["NFA_FLAG"] == "N"
    assert export.s47_outcome(icpc_needed=None, outcome="")["CP_CONFERENCE_FLAG"] == ""


def test_every_cairn_outcome_value_has_a_distinct_flag():
    """The importer inverts these maps, so each must be one-to-one."""
    for mapping in (
        spec.CONTACT_NEXT_STEP_FLAG,
        spec.ASSESSMENT_OUTCOME_FLAG,
        spec.ICPC_OUTCOME_FLAG,
        spec.IDENTIFIER_TYPE,
        spec.ADDRESS_LINE_KEYS,
    ):
        assert len(set(mapping.values())) == len(mapping)


def test_spec_declares_the_tables_issue_9_exchanges():
    wanted = {
        "ssd_person", "ssd_disability", "ssd_family", "ssd_address", "ssd_linked_identifiers",
        "ssd_contacts", "ssd_early_help_episodes", "ssd_cin_episodes", "ssd_cin_assessments",
        "ssd_assessment_factors", "ssd_cin_plans", "ssd_cin_visits", "ssd_s47_enquiry",
        "ssd_initial_cp_conference", "ssd_cp_plans", "ssd_cp_visits", "ssd_cp_reviews",
        "ssd_professionals", "ssd_department", "ssd_involvements",
    }  # fmt: skip
    assert wanted <= set(spec.TABLE_BY_NAME)
    for table in spec.TABLES:
        prefix = table.fields[0].name[:4]
        assert all(f.name.startswith(prefix + "_") for f in table.fields), table.name
        for parent in table.parents:
            assert spec.TABLES.index(spec.table(parent)) < spec.TABLES.index(table)


# --- the export of the fixture council -------------------------------------------------------


@pytest.fixture
def council(db):
    with override_settings(CAIRN_TODAY=AS_OF.isoformat()):
        yield build_ssd_council()


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_export_matches_the_golden_files(tmp_path):
    with override_settings(CAIRN_TODAY=AS_OF.isoformat()):
        build_ssd_council()
        call_command("export_ssd", out=str(tmp_path / "out"))
    out = tmp_path / "out"
    if os.environ.get("CAIRN_UPDATE_GOLDEN"):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        for table in spec.TABLES:
            (GOLDEN / table.file_name).write_bytes((out / table.file_name).read_bytes())
    assert sorted(p.name for p in out.iterdir()) == sorted(t.file_name for t in spec.TABLES)
    for table in spec.TABLES:
        got = (out / table.file_name).read_text(encoding="utf-8")
        want = (GOLDEN / table.file_name).read_text(encoding="utf-8")
        assert got == want, f"{table.file_name} differs from the golden file"


def test_headers_are_the_spec_fields_and_cells_are_well_formed(council, tmp_path):
    export.export_ssd(tmp_path)
    for table in spec.TABLES:
        with (tmp_path / table.file_name).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            assert next(reader) == table.headers
            for cells in reader:
                for field, cell in zip(table.fields, cells, strict=True):
                    if field.required:
                        assert cell, f"{table.name}.{field.name} is required"
                    if not cell:
                        continue
                    if field.type == spec.DATE:
                        assert dt.date.fromisoformat(cell).isoformat() == cell
                    elif field.type == spec.FLAG:
                        assert cell in ("Y", "N")
                    elif field.type == spec.JSON and field.json_array:
                        assert isinstance(json.loads(cell), list)
                    elif field.type == spec.JSON:
                        assert tuple(json.loads(cell)) == field.json_keys


def test_foreign_keys_point_at_exported_rows(council, tmp_path):
    export.export_ssd(tmp_path)
    keys = {
        t.name: {row[t.primary_key] for row in read_csv(tmp_path / t.file_name)}
        for t in spec.TABLES
    }
    for table in spec.TABLES:
        for row in read_csv(tmp_path / table.file_name):
            for field in table.foreign_keys:
                if row[field.name]:
                    assert row[field.name] in keys[field.fk_table], (table.name, field.name)


def test_values_follow_the_record(council, tmp_path):
    export.export_ssd(tmp_path)
    people = {r["pers_person_id"]: r for r in read_csv(tmp_path / "ssd_person.csv")}
    amelia = people[council.amelia.la_child_id]
    assert amelia["pers_single_unique_id"] == "9434765919"
    assert amelia["pers_upn"] == "B801200005001"
    unborn = people[council.unborn.la_child_id]
    assert unborn["pers_dob"] == ""
    assert unborn["pers_expected_dob"] == "2026-07-14"
    assert all(r["pers_person_id"].startswith("C") for r in people.values())  # no adults

    (factors,) = read_csv(tmp_path / "ssd_assessment_factors.csv")
    assert json.loads(factors["cinf_assessment_factors_json"]) == ["1B", "3B", "16A"]

    (plan,) = read_csv(tmp_path / "ssd_cp_plans.csv")
    assert (plan["cppl_cp_plan_initial_category"], plan["cppl_cp_plan_latest_category"]) == (
        "NEG",
        "EMO",
    )
    (review,) = read_csv(tmp_path / "ssd_cp_reviews.csv")
    assert review["cppr_cp_review_quorate"] == "Y"
    assert review["cppr_cp_review_participation"] == "PN1"

    visits = read_csv(tmp_path / "ssd_cin_visits.csv")
    assert [(v["cinv_cin_visit_seen"], v["cinv_cin_visit_seen_alone"]) for v in visits] == [
        ("Y", "N"),
        ("N", "N"),
    ]
    contacts = read_csv(tmp_path / "ssd_contacts.csv")
    undecided = json.loads(contacts[-1]["cont_contact_outcome_json"])
    assert undecided["NFA_FLAG"] == ""
    assert undecided["NUMBER_OF_OUTCOMES"] == 0


def test_removed_records_are_not_exported(council, tmp_path):
    disability = Disability.objects.get(person=council.amelia, code="COMM")
    Disability.objects.filter(pk=disability.pk).update(removed_at=dt.datetime.now(dt.UTC))
    export.export_ssd(tmp_path)
    codes = [r["disa_disability_code"] for r in read_csv(tmp_path / "ssd_disability.csv")]
    assert "COMM" not in codes
    assert "AUT" in codes


def test_two_exports_are_identical(council, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    export.export_ssd(tmp_path / "a")
    export.export_ssd(tmp_path / "b")
    for table in spec.TABLES:
        a = (tmp_path / "a" / table.file_name).read_bytes()
        assert a == (tmp_path / "b" / table.file_name).read_bytes(), table.name


# --- the command ------------------------------------------------------------------------------


def test_out_that_is_a_file_is_refused(db, tmp_path):
    target = tmp_path / "file.csv"
    target.write_text("x")
    with pytest.raises(CommandError, match="must be a directory"):
        call_command("export_ssd", out=str(target))


def test_out_under_a_missing_directory_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_ssd", out=str(tmp_path / "missing" / "deeper"))


def test_command_writes_every_table_and_reports(council, tmp_path, capsys):
    call_command("export_ssd", out=str(tmp_path / "ssd"))
    assert "Wrote 21 SSD tables" in capsys.readouterr().out
    assert {p.name for p in (tmp_path / "ssd").iterdir()} == {t.file_name for t in spec.TABLES}


def test_kept_external_ids_are_exported_in_place_of_cairn_ids(council, tmp_path):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from cairn.frontdoor.models import Episode

    external_reference = apps.get_model("core", "ExternalReference")
    episode = Episode.objects.get(child=council.amelia)
    external_reference.objects.create(
        system="ssd",
        kind="referral",
        external_id="REF-0042",
        content_type=ContentType.objects.get_for_model(Episode),
        object_id=str(episode.pk),
    )
    export.export_ssd(tmp_path)
    episodes = read_csv(tmp_path / "ssd_cin_episodes.csv")
    assert "REF-0042" in [r["cine_referral_id"] for r in episodes]
    assessments = read_csv(tmp_path / "ssd_cin_assessments.csv")
    mine = [r for r in assessments if r["cina_person_id"] == council.amelia.la_child_id]
    assert [r["cina_referral_id"] for r in mine] == ["REF-0042"]
    (plan,) = read_csv(tmp_path / "ssd_cp_plans.csv")
    assert plan["cppl_referral_id"] == "REF-0042"


def test_progress_is_shown_on_a_terminal_only(council, tmp_path, monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    call_command("export_ssd", out=str(tmp_path / "tty"), stdout=io.StringIO())
    shown = terminal.getvalue()
    assert "ssd_person" in shown
    assert "[21/21] ssd_involvements" in shown

    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    call_command("export_ssd", out=str(tmp_path / "pipe"), stdout=io.StringIO())
    assert piped.getvalue() == ""
