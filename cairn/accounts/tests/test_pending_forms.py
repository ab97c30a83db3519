"""Forms kept across an ended session (pending_forms.py): what is kept, and for how long."""

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from cairn.accounts.pending_forms import pending_form_get, pending_form_keep

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC)


def _post(data, *, with_session_cookie=True, path="/children/plans/outcomes/1/edit/?v=2"):
    request = RequestFactory().post(path, data)
    if with_session_cookie:
        request.COOKIES[settings.SESSION_COOKIE_NAME] = "ended-session-key"
    request.session = SessionStore()
    return request


def test_keeps_every_field_but_the_csrf_token_with_the_full_path():
    request = _post({"text": "Draft", "csrfmiddlewaretoken": "t", "tags": ["a", "b"]})
    assert pending_form_keep(request)
    kept = pending_form_get(request)
    assert kept.path == "/children/plans/outcomes/1/edit/?v=2"
    assert sorted(kept.fields) == [("tags", "a"), ("tags", "b"), ("text", "Draft")]


def test_a_browser_that_held_no_session_keeps_nothing():
    assert not pending_form_keep(_post({"text": "x"}, with_session_cookie=False))


def test_file_uploads_are_not_kept():
    request = _post({"text": "x", "file": SimpleUploadedFile("a.txt", b"x")})
    assert not pending_form_keep(request)


def test_a_kept_form_expires():
    with time_machine.travel(START, tick=False) as clock:
        request = _post({"text": "Draft"})
        pending_form_keep(request)
        clock.shift(settings.CAIRN_PENDING_FORM_MAX_AGE - dt.timedelta(minutes=1))
        assert pending_form_get(request) is not None
        clock.shift(dt.timedelta(minutes=2))
        assert pending_form_get(request) is None


def test_only_a_path_on_this_site_is_offered_back():
    request = _post({"text": "Draft"})
    pending_form_keep(request)
    request.session["cairn_pending_form"]["path"] = "//evil.example/x"
    assert pending_form_get(request) is None
