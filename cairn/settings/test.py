"""Test settings: fast password hashing; the database still comes from DATABASE_URL."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "cairn-test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Two-factor sign-in is on, as in production. The test client's login/force_login also completes
# the second step (cairn/testing/client.py); the two-factor tests drive the real pages.
CAIRN_REQUIRE_TWO_FACTOR = True

# Return runs (ADR 0025) run inside the request, so tests are deterministic; files go to a
# temporary folder (tests that read them point it at their own tmp_path).
CAIRN_RETURNS_RUN_INLINE = True
CAIRN_RETURNS_DIR = Path(tempfile.gettempdir()) / "cairn-test-returns"
