"""A form sent after the session ended is kept, not lost (ADR 0024).

When a signed-out browser (its session ended after the idle timeout) sends a form, the fields it
sent are kept in the new, anonymous session and the user is asked to sign in again. Signing in
keeps the session's data (Django only changes its key), so after the second step the resume page
offers the kept fields back, to send again to the page they came from. The page's own view then
handles them as any other submission: its validation and its version check still apply, so
nothing that someone else saved in the meantime is overwritten.

Only a browser that held a session (its session cookie was sent) gets this, file uploads are not
kept, and a kept form is dropped after CAIRN_PENDING_FORM_MAX_AGE.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

SESSION_KEY = "cairn_pending_form"
MAX_BYTES = 100_000
# Fields that are not the user's work: the CSRF token is issued afresh on the resume page.
_NOT_KEPT = frozenset({"csrfmiddlewaretoken"})


@dataclass(frozen=True)
class PendingForm:
    path: str
    fields: list[tuple[str, str]]
    kept_at: dt.datetime

    @property
    def entered(self) -> list[tuple[str, str]]:
        """The fields with something in them, to show the user what was kept."""
        return [(name, value) for name, value in self.fields if value.strip()]


def pending_form_keep(request: HttpRequest) -> bool:
    """Keep the fields of a POST sent without a signed-in session. Returns whether it was kept."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES or request.FILES:
        return False
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in _NOT_KEPT
        for value in values
    ]
    if not fields or sum(len(n) + len(v) for n, v in fields) > MAX_BYTES:
        return False
    request.session[SESSION_KEY] = {
        "path": request.get_full_path(),
        "fields": fields,
        "kept_at": timezone.now().isoformat(),
    }
    return True


def pending_form_get(request: HttpRequest) -> PendingForm | None:
    """The kept form, if there is one and it is not too old."""
    data = request.session.get(SESSION_KEY)
    if not data:
        return None
    kept_at = dt.datetime.fromisoformat(data["kept_at"])
    path = data["path"]
    too_old = timezone.now() - kept_at > settings.CAIRN_PENDING_FORM_MAX_AGE
    # Only ever a path on this site: it becomes the resume page's form action.
    if too_old or not path.startswith("/") or path.startswith("//"):
        pending_form_discard(request)
        return None
    return PendingForm(
        path=data["path"], fields=[tuple(f) for f in data["fields"]], kept_at=kept_at
    )


def pending_form_discard(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
