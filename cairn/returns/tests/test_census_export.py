"""The CIN census export: the fixture council's return matches the checked-in golden file,
the pre-proceedings block appears from 2026/27, and the command's contract."""

import datetime as dt
import io
import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from cairn.returns.census.export import write_census
from cairn.returns.census.period import census_year
from cairn.returns.census.validation import parse_return, validate
from cairn.testing.census_factories import build_census_council

GOLDEN = Path(__file__).parent / "golden" / "cin_census_2026.xml"
WRITTEN_AT = dt.datetime(2026, 4, 2, 9, 0, tzinfo=dt.UTC)

pytestmark = pytest.mark.django_db


def export(reference_date: str) -> bytes:
    out = io.BytesIO()
    write_census(census_year(reference_date), out, written_at=WRITTEN_AT)
    return out.getvalue()


def test_the_fixture_council_matches_the_golden_file(settings):
    settings.CAIRN_LA_CODE = "999"
    build_census_council()
    produced = export("2026-03-31")
    # After a deliberate change, regenerate it with CAIRN_WRITE_GOLDEN=1, read it, check it in.
    if os.environ.get("CAIRN_WRITE_GOLDEN"):
        GOLDEN.write_bytes(produced)
    assert produced.decode() == GOLDEN.read_text()


def test_the_fixture_councils_return_has_no_errors():
    build_census_council()
    report = validate(parse_return(io.BytesIO(export("2026-03-31"))))
    errors = [(f.code, f.children) for f in report.findings if f.type == "error"]
    assert errors == []


def test_the_pre_proceedings_block_is_written_from_2026_27():
    build_census_council()
    assert b"PreProceedingsandFGDM" not in export("2026-03-31")
    xml = export("2027-03-31").decode()
    block = xml[xml.index("<PreProceedingsandFGDM>") : xml.index("</PreProceedingsandFGDM>")]
    for item in (
        "<PPStartDate>2026-05-01</PPStartDate>",
        "<LBPSentDate>2026-05-08</LBPSentDate>",
        "<FGDMMeetingOffer>1</FGDMMeetingOffer>",
        "<FGDMMeetingFac>1</FGDMMeetingFac>",
        "<InitialPPMeetingDate>2026-05-20</InitialPPMeetingDate>",
        "<ReviewMeetingsCount>0</ReviewMeetingsCount>",
        "<StepDecisionDate>2026-09-01</StepDecisionDate>",
        "<PPOutcome>B</PPOutcome>",
        "<CourtAppDate>2026-09-10</CourtAppDate>",
        "<LetterInitCPDate>2026-09-12</LetterInitCPDate>",
    ):
        assert item in block


def test_the_command_writes_the_file(tmp_path):
    build_census_council()
    out = tmp_path / "census.xml"
    stdout = StringIO()
    call_command("export_cin_census", reference_date="2026-03-31", out=str(out), stdout=stdout)
    assert "4 children" in stdout.getvalue()
    assert parse_return(str(out)).reference_date == dt.date(2026, 3, 31)
    assert [c.id for c in parse_return(str(out)).children] == [
        "GC0001",
        "GC0002",
        "GC0003",
        "GC0004",
    ]


@pytest.mark.parametrize("value", ["2026-04-01", "2026-02-30", "31/03/2026", "soon"])
def test_a_bad_reference_date_is_refused(tmp_path, value):
    with pytest.raises(CommandError, match="--reference-date"):
        call_command("export_cin_census", reference_date=value, out=str(tmp_path / "x.xml"))
    assert not (tmp_path / "x.xml").exists()


def test_a_missing_output_folder_is_refused(tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        call_command(
            "export_cin_census", reference_date="2026-03-31", out=str(tmp_path / "no" / "x.xml")
        )


def test_the_progress_bar_counts_children_to_the_end():
    from cairn.returns.management.commands.export_cin_census import ProgressBar

    stream = StringIO()
    bar = ProgressBar(stream, "Children")
    for done in range(1, 5):
        bar(done, 4)
    text = stream.getvalue()
    assert "25% (1/4)" in text
    assert text.endswith("100% (4/4)\n")
