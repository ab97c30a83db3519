"""SSD round trip (issue 9 item 7): export the fixture council, import the files into an empty
database, export again: the two exports are byte-identical."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings

from cairn.people.models import Person
from cairn.returns.ssd import spec
from cairn.testing.ssd_fixture import AS_OF, build_ssd_council


@pytest.mark.django_db(transaction=True)
def test_export_import_export_gives_identical_files(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    with override_settings(CAIRN_TODAY=AS_OF.isoformat()):
        build_ssd_council()
        call_command("export_ssd", out=str(first), stdout=io.StringIO())

        call_command("flush", interactive=False, verbosity=0)
        assert not Person.all_objects.exists()
        out = io.StringIO()
        call_command("import_ssd", str(first), report=str(tmp_path / "report.csv"), stdout=out)
        assert out.getvalue().splitlines()[-2].endswith(" 0 rejected."), out.getvalue()
        assert (tmp_path / "report.csv").read_text() == "file,line,id,reason\n"

        call_command("export_ssd", out=str(second), stdout=io.StringIO())

    differences = [
        table.file_name
        for table in spec.TABLES
        if (first / table.file_name).read_bytes() != (second / table.file_name).read_bytes()
    ]
    for name in differences:
        print(f"--- {name}\n{(first / name).read_text()}+++\n{(second / name).read_text()}")
    assert differences == []
