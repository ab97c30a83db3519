"""Throttling and lockout of repeated failed sign-ins, with django-axes (ADR 0024).

Every failed password and every wrong two-factor code is a failure: axes keeps a count per
username and per IP address (AccessAttempt) and a row per failure (AccessFailureLog, with
`locked_out` on the one that locked). AXES_FAILURE_LIMIT failures lock the username, or the
address, for AXES_COOLOFF_TIME. A lockout is also logged on cairn.accounts.sign_in.

Axes's own authentication backend is not installed (it refuses `authenticate()` without a
request, which jobs and tests call); the sign-in and two-factor views ask `is_locked_out`
before they check anything, and report failures through Django's `user_login_failed` signal,
which axes listens to.
"""

import logging

from axes.handlers.proxy import AxesProxyHandler
from axes.signals import user_locked_out
from axes.utils import reset
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

logger = logging.getLogger("cairn.accounts.sign_in")


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        "Your account is locked because of too many failed sign-in attempts. "
        f"Try again in {minutes} minutes, or ask your system administrator to unlock it"
    )


def is_locked_out(request, *, username: str | None) -> bool:
    """Whether this username, or this request's IP address, is locked out."""
    credentials = {"username": username} if username else None
    return not AxesProxyHandler.is_allowed(request, credentials)


def locked_by_last_failure(request) -> bool:
    """Whether the failure just reported locked the username or address."""
    return bool(getattr(request, "axes_locked_out", False))


def failure_record(request, *, username: str, reason: str) -> None:
    """Report a failed step of sign-in (a wrong two-factor code) as a failed sign-in."""
    user_login_failed.send(
        sender=__name__, credentials={"username": username, "reason": reason}, request=request
    )


def failures_clear(*, username: str) -> None:
    """A completed sign-in clears the account's failures."""
    reset(username=username)


@receiver(user_locked_out)
def _log_lockout(sender, request, username, ip_address, **kwargs):
    logger.warning(
        "Sign-in locked for %s from %s after %s failures",
        username,
        ip_address,
        settings.AXES_FAILURE_LIMIT,
    )
