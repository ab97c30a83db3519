"""Local development and the demo: debug on, an insecure key is acceptable."""

from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "cairn-dev-only-insecure-key"  # noqa: F405, S105

# The demo's accounts sign in with a password alone (README, `manage.py demo_accounts`); set
# CAIRN_REQUIRE_TWO_FACTOR=1 to try the second step locally.
CAIRN_REQUIRE_TWO_FACTOR = env_bool("CAIRN_REQUIRE_TWO_FACTOR", False)

# The daily alert digest (send_alert_digest, ADR 0019) prints its emails in development and the
# demo; production sets a real backend.
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "cairn@example.invalid"
