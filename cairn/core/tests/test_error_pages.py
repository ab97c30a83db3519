"""403 and 404 pages render in GOV.UK style with the right status code."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.views import server_error

pytestmark = pytest.mark.django_db


def test_403_page(client, users):
    client.force_login(users[Role.SYSTEM_ADMIN])
    response = client.get(reverse("people:search"))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">You do not have access to this page</h1>' in page
    assert "govuk-template__body" in page
    assert "govuk-main-wrapper" in page
    assert "You do not have access to this page" in page.split("</title>")[0]


def test_404_page_for_an_unknown_record(client, users):
    client.force_login(users[Role.CP_CHAIR])
    response = client.get(reverse("people:person_detail", args=[987654]))
    assert response.status_code == 404
    page = response.content.decode()
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in page
    assert "govuk-template__body" in page
    assert "govuk-main-wrapper" in page


def test_404_page_for_an_unknown_address(client, users):
    client.force_login(users[Role.SOCIAL_WORKER])
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_500_page_needs_no_database_or_context(rf: RequestFactory):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
