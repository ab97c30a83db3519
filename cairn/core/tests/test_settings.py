"""Production settings refuse to start unsafely; sessions end when idle."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
LONG_KEY = "k" * 50


def _import_production(**env_overrides) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.update(env_overrides)
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", "import cairn.settings.production"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "too-short"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": LONG_KEY, "DEBUG": "1"}, "DEBUG must be off"),
        ({"SECRET_KEY": LONG_KEY, "DEBUG": "true"}, "DEBUG must be off"),
    ],
)
def test_production_settings_refuse_to_start_unsafely(env, message):
    result = _import_production(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize("debug", [None, "0", "false"])
def test_production_settings_load_with_a_long_key_and_debug_off(debug):
    env = {"SECRET_KEY": LONG_KEY} | ({"DEBUG": debug} if debug is not None else {})
    result = _import_production(**env)
    assert result.returncode == 0, result.stderr


def test_production_settings_harden_cookies_and_transport():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import cairn.settings.production as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, "
            "s.DEBUG, s.SESSION_SAVE_EVERY_REQUEST)",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DEBUG"} | {"SECRET_KEY": LONG_KEY},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split() == ["True", "True", "True", "False", "True"], result.stderr


def test_session_cookie_age_is_the_idle_timeout_renewed_on_every_request():
    assert settings.SESSION_COOKIE_AGE == int(os.environ.get("SESSION_IDLE_SECONDS", 30 * 60))
    assert settings.SESSION_SAVE_EVERY_REQUEST is True
