"""The subject access export as a PDF (ADR 0023): cover page, page numbers, redaction marks."""

import pypdfium2
import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent
from cairn.testing.factories import AdultFactory, RelationshipFactory
from cairn.testing.records_factories import CaseNoteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(child_in_north):
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


@pytest.fixture
def pdf(client, users, child_in_north, records):
    client.force_login(users[Role.IG_OFFICER])
    response = client.get(
        reverse("governance:subject_access_download", args=[child_in_north.pk, "pdf"])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    document = pypdfium2.PdfDocument(response.content)
    yield document
    document.close()


def _text(page) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


def test_the_pdf_has_a_cover_page_and_numbered_pages(pdf, users, child_in_north):
    pages = len(pdf)
    assert pages >= 2  # the cover page is a page of its own
    cover = _text(pdf[0])
    assert "Subject access export" in cover
    assert "Amara Okafor" in cover
    assert child_in_north.la_child_id in cover
    assert "Reference" in cover
    assert f"SAR-{child_in_north.pk}-" in cover
    ig = users[Role.IG_OFFICER]
    assert (ig.get_full_name() or ig.username) in cover
    assert f"Page 1 of {pages}" in cover
    assert f"Page {pages} of {pages}" in _text(pdf[pages - 1])


def test_third_party_information_is_marked_for_redaction(pdf):
    text = "\n".join(_text(page) for page in pdf)
    assert "Amara Okafor" in text
    # The relatives are listed, and the note naming them, each with the visible label.
    assert text.count("REDACT: third party") >= 4
    assert "Grace Okafor" in text
    assert "Dwayne Pike" in text
    assert "Names Dwayne Pike, Grace Okafor" in text
    # Other free text is marked for review.
    assert "REVIEW before release" in text


def test_the_first_page_renders_as_a_non_blank_image(pdf):
    image = pdf[0].render(scale=1).to_pil().convert("L")
    low, high = image.getextrema()
    assert high - low > 100  # dark text on a light page
    dark = sum(image.histogram()[:128])
    assert 0 < dark < image.width * image.height / 2


def test_the_pdf_download_is_recorded_and_limited_to_ig(client, users, child_in_north, records):
    url = reverse("governance:subject_access_download", args=[child_in_north.pk, "pdf"])
    client.force_login(users[Role.TEAM_MANAGER])
    assert client.get(url).status_code == 403

    client.force_login(users[Role.IG_OFFICER])
    client.get(url)
    assert AccessEvent.objects.filter(
        actor=users[Role.IG_OFFICER],
        person=child_in_north,
        page="subject access export (pdf)",
    ).exists()


def test_the_subject_access_page_offers_the_pdf(client, users, child_in_north):
    client.force_login(users[Role.IG_OFFICER])
    page = client.get(
        reverse("governance:subject_access"), {"reference": child_in_north.la_child_id}
    )
    assert reverse("governance:subject_access_download", args=[child_in_north.pk, "pdf"]) in (
        page.content.decode()
    )
