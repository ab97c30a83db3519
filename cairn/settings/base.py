"""Settings shared by every environment, read from environment variables.

DATABASE_URL selects the database (default: a SQLite file in the project root); every
manage.py command honours it. See docs/adr/0002-settings-and-databases.md.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'cairn.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a seed or test writes.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

# One cache shared by every server process, in the database (ADR 0029): drawn charts and the
# API's throttle counts hold across gunicorn workers without another service to run.
# The table is made by a migration (core 0003).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "cairn_cache",
        "OPTIONS": {"MAX_ENTRIES": 50_000, "CULL_FREQUENCY": 4},
    }
}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "crispy_forms",
    "crispy_forms_gds",
    # Sign-in hardening (issue 11, ADR 0024): TOTP two-factor, lockout, CSP
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "cairn.core",
    "cairn.accounts",
    "cairn.people",
    "cairn.workforce",
    "cairn.frontdoor",
    "cairn.earlyhelp",
    "cairn.casework",
    "cairn.protection",
    # Legal (issue 5): legal planning, pre-proceedings, care proceedings, looked-after periods
    "cairn.legal",
    # Edge of care (issue 5): referrals, interventions and outcomes
    "cairn.edgeofcare",
    "cairn.governance",
    # Quality assurance (issue 8): the case-audit programme
    "cairn.quality",
    # Drift engine (issue 7): the rule catalogue, local settings and alerts
    "cairn.timescales",
    # Statutory returns (issue 9): CIN census, Annex A, SSD export and import
    "cairn.returns",
    # Insight for leaders (issue 10): the scorecard, drill-down and members' report
    "cairn.insight",
    "cairn.demo",
    # REST API (issue 11, ADR 0026): DRF, the OpenAPI schema, per-integration tokens
    "rest_framework",
    "drf_spectacular",
    "cairn.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sign-in hardening (ADR 0024): the verified second factor, a form sent after the session
    # ended is kept, unverified sessions go to the second step, CSP and the other headers.
    "django_otp.middleware.OTPMiddleware",
    "cairn.accounts.middleware.LoginRequiredMiddleware",
    "cairn.accounts.middleware.TwoFactorMiddleware",
    "csp.middleware.CSPMiddleware",
    "cairn.accounts.middleware.SecurityHeadersMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cairn.urls"
WSGI_APPLICATION = "cairn.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cairn" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cairn.accounts.context_processors.navigation",
                "csp.context_processors.nonce",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-rules' backend, noting refused people for the access log (governance/refusals.py)
    "cairn.governance.refusals.RecordingPermissionBackend",
    # Workforce: ModelBackend that refuses leavers from their leaving date (ADR 0013).
    "cairn.accounts.backends.StaffBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:sign_in"

# Sessions end after 30 minutes of inactivity (the expiry is renewed on every request).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Sign-in hardening (issue 11): see docs/adr/0024-sign-in-hardening-and-security-headers.md.
# Every user signs in with a password and a TOTP code; the dev/demo settings turn this off.
CAIRN_REQUIRE_TWO_FACTOR = env_bool("CAIRN_REQUIRE_TWO_FACTOR", True)
OTP_TOTP_ISSUER = os.environ.get("CAIRN_OTP_ISSUER", "Cairn")
# Lockout (django-axes): 5 failures (passwords or codes) for one username, or from one IP
# address, lock it for 15 minutes. Axes's backend is not used: the sign-in views ask axes
# before they authenticate (the ADR says why).
AXES_FAILURE_LIMIT = int(os.environ.get("CAIRN_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_SENSITIVE_PARAMETERS = ["otp_token", "token", "csrfmiddlewaretoken"]
# Behind a load balancer, the client address is read from X-Forwarded-For this many proxies in.
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("CAIRN_PROXY_COUNT", "0")) or None
# No AxesBackend or AxesMiddleware, on purpose: cairn.accounts.lockout asks axes (ADR 0024).
SILENCED_SYSTEM_CHECKS = ["axes.W002", "axes.W003"]
# A form sent after the session ended is kept this long for the user to send again.
CAIRN_PENDING_FORM_MAX_AGE = dt.timedelta(hours=2)

# Security headers. SecurityMiddleware sends nosniff, Referrer-Policy and
# Cross-Origin-Opener-Policy; XFrameOptionsMiddleware X-Frame-Options; django-csp the CSP;
# accounts.middleware.SecurityHeadersMiddleware Permissions-Policy. HSTS: production only.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CAIRN_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # GOV.UK Frontend's two inline scripts in base.html carry the per-request nonce.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "build" / "collected"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# Cairn's own settings.
CAIRN_SERVICE_NAME = "Cairn"
CAIRN_COUNCIL_NAME = os.environ.get("CAIRN_COUNCIL_NAME", "Fernbridge Council (synthetic)")
CAIRN_LA_CODE = os.environ.get("CAIRN_LA_CODE", "999")
# CIN census header (returns, issue 9): the software that wrote the file, its release, and the
# submission's serial number (at least 3 digits).
CAIRN_CENSUS_SOFTWARE_CODE = os.environ.get("CAIRN_CENSUS_SOFTWARE_CODE", "Cairn")
CAIRN_CENSUS_RELEASE = os.environ.get("CAIRN_CENSUS_RELEASE", "0.1.0")
CAIRN_CENSUS_SERIAL_NO = os.environ.get("CAIRN_CENSUS_SERIAL_NO", "001")
# Return runs (ADR 0025): the produced files live here, outside static/media (never served
# directly; only the permission-checked download view reads them). A run not updated for this
# many minutes while queued/running is shown as failed (its process was restarted).
CAIRN_RETURNS_DIR = Path(os.environ.get("CAIRN_RETURNS_DIR", BASE_DIR / "var" / "returns"))
CAIRN_RETURNS_STALE_MINUTES = int(os.environ.get("CAIRN_RETURNS_STALE_MINUTES", "15"))
CAIRN_RETURNS_RUN_INLINE = False  # True in tests: the run happens inside the request
# Insight (ADR 0027): children aged 0-17 living in the council area (ONS mid-year estimate),
# the denominator of the scorecard's rates per 10,000 children. The default is an average
# English council (about 12.0 million children / 153 councils).
CAIRN_CHILD_POPULATION = int(os.environ.get("CAIRN_CHILD_POPULATION", "78000"))
# Insight (ADR 0027): recompute the drift-engine measures on read when records changed (True),
# or serve their stored figures marked stale until `refresh_scorecard --stale-only` runs.
CAIRN_SCORECARD_ENGINE_ON_READ = env_bool("CAIRN_SCORECARD_ENGINE_ON_READ", False)
# Where users reach Cairn, for links in emails (the alert digest, ADR 0019).
CAIRN_BASE_URL = os.environ.get("CAIRN_BASE_URL", "http://localhost:8000")
# The clock can be pinned (e.g. a demo seeded "as of" a date); see cairn/core/clock.py.
CAIRN_TODAY = os.environ.get("CAIRN_TODAY") or None
# Information governance (ADR 0023): more distinct records than this viewed by one user in a
# day is "bulk viewing" on the unusual-access report.
CAIRN_BULK_VIEWING_THRESHOLD = int(os.environ.get("CAIRN_BULK_VIEWING_THRESHOLD", "50"))

# REST API (issue 11, ADR 0026): token per integration, JSON only, bounded pages, a rate per
# token for each kind of call (reads, writes, downloads). Rates can be set per environment.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["cairn.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["cairn.api.permissions.HasTokenScope"],
    "DEFAULT_THROTTLE_CLASSES": ["cairn.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "api_read": os.environ.get("CAIRN_API_RATE_READ", "120/minute"),
        "api_write": os.environ.get("CAIRN_API_RATE_WRITE", "30/minute"),
        "api_download": os.environ.get("CAIRN_API_RATE_DOWNLOAD", "10/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "cairn.api.pagination.ApiPagination",
    "DEFAULT_SCHEMA_CLASS": "cairn.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "cairn.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Cairn API",
    "DESCRIPTION": "Children's social care records for partner integrations (synthetic data).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ChildKindEnum": ["child", "unborn"],
        "ApiPlanKindEnum": ["cin", "cp"],
        "ReturnKindEnum": "cairn.returns.models.ReturnKind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Access lines keep the path, not the query (a search can name a child; ADR 0024)
    "filters": {"strip_query": {"()": "cairn.core.log_filters.StripQueryString"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "access": {"class": "logging.StreamHandler", "filters": ["strip_query"]},
    },
    "loggers": {
        "cairn": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        "django.server": {"handlers": ["access"], "level": "INFO", "propagate": False},
        # At DEBUG these two write records' contents: django.template the whole context of a
        # missing variable (the request, the CSRF token, a child's details), django.db.backends
        # each query's parameters (a searched name). Kept at INFO whatever the root level.
        "django.template": {"level": "INFO"},
        "django.db.backends": {"level": "INFO"},
    },
}
