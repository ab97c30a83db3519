"""Nothing sensitive in logs (issue 11 item 1; ADR 0024): a whole session - a wrong password, a
wrong and a right two-factor code, a child's pages, searches by name, birth date and NHS number,
a refused form, API calls with good and bad tokens - with every Django and Cairn logger at DEBUG,
and no record may hold a password, TOTP code, session key, CSRF token, API token, or the child's
name, birth date or NHS number. Search stays GET (the GOV.UK pattern): its query string is kept
out of the access logs (gunicorn.conf.py, `cairn.core.logging`) and out of the audit."""

import datetime as dt
import importlib.util
import logging
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.api.services import api_client_create, api_token_issue
from cairn.core.log_filters import StripQueryString
from cairn.core.models import AccessEvent, AuditEvent
from cairn.people.models import Identifier, IdentifierSystem
from cairn.testing.factories import AllocationFactory, PersonFactory, _system
from cairn.testing.two_factor import code_for_device, wrong_code

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"  # the factories' password
WRONG_PASSWORD = "Wr0ng-Passw0rd-Zebra"  # noqa: S105 - a test's wrong password
NHS = "9434765919"
BORN = dt.date(2016, 7, 23)
LOGGERS = ("django", "cairn", "axes", "django_otp", "rest_framework", "rules")


@pytest.fixture(autouse=True)
def no_code_throttle(settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


@pytest.fixture
def child(users, teams):
    child = PersonFactory(given_name="Zephyrine", family_name="Quillfeather", date_of_birth=BORN)
    system = _system()
    Identifier.objects.create(
        person=child, system=IdentifierSystem.NHS, value=NHS, created_by=system, updated_by=system
    )
    AllocationFactory(child=child, team=teams["north"], worker=users[Role.SOCIAL_WORKER])
    return child


def _capture_everything(caplog):
    caplog.set_level(logging.DEBUG)
    for name in LOGGERS:
        caplog.set_level(logging.DEBUG, logger=name)


def _logged(caplog) -> str:
    """Every record as a handler would see it: the message, its arguments, extras, traceback."""
    parts = []
    for record in caplog.records:
        parts.append(record.getMessage())
        parts.append(repr(record.args))
        parts.append(record.exc_text or "")
        if record.exc_info:
            parts.append(logging.Formatter().formatException(record.exc_info))
        request = getattr(record, "request", None)
        if request is not None:  # django.request passes the request for richer handlers
            parts.append(request.path)
    return "\n".join(parts)


def _forbidden(child, extra=()) -> list[str]:
    return [
        PASSWORD,
        WRONG_PASSWORD,
        child.given_name,
        child.family_name,
        NHS,
        "943 476 5919",
        BORN.isoformat(),
        BORN.strftime("%d/%m/%Y"),
        *extra,
    ]


def test_a_session_leaves_no_secret_or_child_identifier_in_any_log(caplog, users, child):
    worker = users[Role.SOCIAL_WORKER]
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    _capture_everything(caplog)
    browser = Client()
    sign_in = reverse("accounts:sign_in")
    # A wrong password, then the right one; a wrong code, then the right one.
    refused = browser.post(sign_in, {"username": worker.username, "password": WRONG_PASSWORD})
    assert refused.status_code == 200
    assert (
        browser.post(sign_in, {"username": worker.username, "password": PASSWORD}).status_code
        == 302
    )
    bad_code = wrong_code(device)
    browser.post(reverse("accounts:two_factor_verify"), {"otp_token": bad_code})
    good_code = code_for_device(device)
    verified = browser.post(reverse("accounts:two_factor_verify"), {"otp_token": good_code})
    assert verified.status_code == 302
    session_key = browser.cookies[settings.SESSION_COOKIE_NAME].value
    csrf = browser.cookies.get(settings.CSRF_COOKIE_NAME)
    # The child's pages, searches by name, birth date and NHS number, a refused form, a 404.
    assert browser.get(reverse("people:person_detail", args=[child.pk])).status_code == 200
    assert browser.get(reverse("casework:child_detail", args=[child.pk])).status_code == 200
    for query in (child.full_name, BORN.strftime("%d/%m/%Y"), NHS):
        found = browser.get(reverse("people:search"), {"q": query})
        assert found.status_code == 200
        assert child.family_name in found.content.decode()
    bad_form = browser.post(
        reverse("people:register_child"), {"given_name": child.given_name, "family_name": ""}
    )
    assert bad_form.status_code == 200
    browser.get(f"/people/{child.pk}999/?q={child.family_name}")  # 404, logged by django.request
    # The API: a good token, a wrong one, and a search by name.
    client = api_client_create(
        actor=system_actor(),
        name="Log test partner",
        role=Role.SOCIAL_WORKER,
        team=worker.team,
    )
    secret = api_token_issue(actor=system_actor(), client=client, scopes=["children:read"]).secret
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/children/", {"q": child.family_name}).status_code == 200
    wrong = Client(HTTP_AUTHORIZATION=f"Bearer {secret[:-4]}AAAA")
    assert wrong.get("/api/children/", {"q": NHS}).status_code == 401
    assert api.get(f"/api/children/{child.pk}/").status_code == 200

    logged = _logged(caplog)
    # The session did log (a wrong code, refused and unauthorised requests): not a vacuous pass.
    assert caplog.records
    assert "Wrong two-factor code" in logged
    assert "Unauthorized: /api/children/" in logged
    secrets = [session_key, bad_code, good_code, secret, secret[6:20], secret[:-4] + "AAAA"]
    if csrf is not None:
        secrets.append(csrf.value)
    leaked = [value for value in _forbidden(child, secrets) if value in logged]
    assert not leaked, f"in the logs: {leaked}\n{logged}"
    # Nor does the audit keep a search: access rows name the page's path only.
    pages = list(AccessEvent.objects.values_list("page", flat=True))
    assert pages
    assert all("?" not in page for page in pages)
    audit = " ".join(str(e.changes) for e in AuditEvent.objects.all())
    assert secret not in audit
    assert good_code not in audit


def test_sign_in_and_two_factor_forms_post(client, users):
    browser = Client()
    page = browser.get(reverse("accounts:sign_in")).content.decode()
    assert 'method="post"' in page
    assert 'type="password"' in page


def test_the_dev_server_access_log_drops_the_query_string():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        ("GET /people/search/?q=Zephyrine+Quillfeather HTTP/1.1", "200", "5120"),
        None,
    )
    assert StripQueryString().filter(record)
    assert record.getMessage() == '"GET /people/search/?… HTTP/1.1" 200 5120'
    assert "django.server" in settings.LOGGING["loggers"]
    assert "strip_query" in settings.LOGGING["handlers"]["access"]["filters"]


def test_gunicorn_access_log_keeps_the_path_not_the_query():
    path = Path(settings.BASE_DIR) / "gunicorn.conf.py"
    spec = importlib.util.spec_from_file_location("gunicorn_conf", path)
    config = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(config)
    assert "%(U)s" in config.access_log_format
    for query_field in ("%(r)s", "%(q)s", "%(f)s", "{"):
        assert query_field not in config.access_log_format


def test_an_error_report_hides_the_api_token(rf):
    """A server error's report (mail_admins, Sentry-style handlers) lists the request's headers:
    Django's safe filter masks Authorization (its name matches AUTH), so the token is not sent."""
    from django.views.debug import ExceptionReporter

    secret = "cairn_" + "x" * 43
    request = rf.get("/api/children/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    try:
        raise RuntimeError("boom")
    except RuntimeError as error:
        report = ExceptionReporter(request, type(error), error, error.__traceback__)
        text = report.get_traceback_text()
    assert "HTTP_AUTHORIZATION" in text
    assert secret not in text
