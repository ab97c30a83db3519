"""Subject access export (ADR 0023): everything held about a person, third parties marked."""

import io
import json
import zipfile

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent
from cairn.testing.factories import AdultFactory, RelationshipFactory
from cairn.testing.records_factories import CaseNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(users, child_in_north):
    mother = AdultFactory(given_name="Grace", family_name="Okafor")
    partner = AdultFactory(given_name="Dwayne", family_name="Pike")
    RelationshipFactory(person=child_in_north, relative=mother, type="mother")
    RelationshipFactory(person=child_in_north, relative=partner, type="other")
    CaseNoteFactory(
        child=child_in_north,
        subject="Home visit",
        text="Amara said Dwayne shouts at Grace when he has been drinking.",
    )
    CaseNoteFactory(child=child_in_north, subject="School", text="Attendance is 92%.")
    return {"mother": mother, "partner": partner}


def _download(client, users, person, kind):
    client.force_login(users[Role.IG_OFFICER])
    return client.get(reverse("governance:subject_access_download", args=[person.pk, kind]))


def test_the_json_export_holds_the_records_with_redaction_marks(
    client, users, child_in_north, records
):
    response = _download(client, users, child_in_north, "json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["subject"]["id"] == child_in_north.pk
    assert data["subject"]["family_name"] == "Okafor"
    types = {r["type"] for r in data["records"]}
    assert {"people.Relationship", "casework.CaseNote", "workforce.Allocation"} <= types
    assert {(t["name"], t["relationship"]) for t in data["third_parties"]} == {
        ("Grace Okafor", "Mother"),
        ("Dwayne Pike", "Other"),
    }

    relationships = [r for r in data["records"] if r["type"] == "people.Relationship"]
    for rel in relationships:
        assert {"field": "relative", "kind": "third_party"}.items() <= rel["redactions"][0].items()
        assert rel["fields"]["person"] == {"id": child_in_north.pk, "name": "The subject"}

    notes = {r["fields"]["subject"]: r for r in data["records"] if r["type"] == "casework.CaseNote"}
    home = notes["Home visit"]["redactions"]
    assert home == [
        {"field": "text", "kind": "third_party", "reason": "Names Dwayne Pike, Grace Okafor"}
    ]
    # free text naming no one is still marked for review, not as third party
    assert notes["School"]["redactions"] == [
        {"field": "text", "kind": "review", "reason": "Free text: may describe other people"}
    ]
    # the export is logged as access to the record
    assert AccessEvent.objects.filter(
        person=child_in_north, page="subject access export (json)"
    ).exists()


def test_the_csv_zip_has_a_file_per_kind_of_record(client, users, child_in_north, records):
    response = _download(client, users, child_in_north, "zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    assert {"subject.csv", "third_parties.csv", "records/casework_CaseNote.csv"} <= names
    notes = archive.read("records/casework_CaseNote.csv").decode()
    assert "text: third_party (Names Dwayne Pike, Grace Okafor)" in notes


def test_the_print_page_marks_third_parties(client, users, child_in_north, records):
    response = _download(client, users, child_in_north, "print")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Other people named (2)" in page
    assert "Third party" in page
    assert "Dwayne shouts at Grace" in page


def test_an_adults_export_includes_their_relationships(client, users, child_in_north, records):
    data = json.loads(_download(client, users, records["mother"], "json").content)
    assert [r["type"] for r in data["records"]] == ["people.Relationship"]
    assert [(t["name"], t["relationship"]) for t in data["third_parties"]] == [
        ("Amara Okafor", "The subject is their mother")
    ]


def test_the_finder_page(client, users, child_in_north):
    client.force_login(users[Role.IG_OFFICER])
    url = reverse("governance:subject_access")
    response = client.get(url, {"reference": child_in_north.la_child_id})
    assert response.context["person"] == child_in_north
    response = client.get(url, {"reference": "C0000000"})
    assert response.context["form"].errors["reference"] == [
        "No person has that LA child ID or person ID"
    ]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SYSTEM_ADMIN])
def test_only_ig_exports(client, users, child_in_north, role):
    client.force_login(users[role])
    response = client.get(
        reverse("governance:subject_access_download", args=[child_in_north.pk, "json"])
    )
    assert response.status_code == 403
