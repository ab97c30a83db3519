"""The home page and the error pages."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cairn.accounts.navigation import oversight_links
from cairn.casework.presenters.child import caseload_rows
from cairn.casework.selectors.caseload import caseload_for_worker
from cairn.core import clock
from cairn.core.working_days import council_calendar
from cairn.governance.access import RestrictedRecordDenied, refusal_for_route
from cairn.governance.refusals import log_refusal
from cairn.governance.views import restricted_record_refused
from cairn.workforce.presenters.absence import covers_held_view
from cairn.workforce.selectors.absence import covers_held_by


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's caseload: the children allocated to them, where each is on the
    journey, the next thing due and the last visit."""
    today = clock.today()
    calendar = council_calendar()
    entries = caseload_for_worker(
        worker=request.user, viewer=request.user, today=today, calendar=calendar
    )
    # Workforce: the children the user covers for an absent worker ("Covering for ... until")
    covers = covers_held_view(
        covers_held_by(user=request.user, today=today, calendar=calendar),
        today,
        viewer=request.user,
    )
    return render(
        request,
        "core/home.html",
        {"rows": caseload_rows(entries, today, viewer=request.user), "covers_held": covers},
    )


@require_GET
def oversight(request: HttpRequest) -> HttpResponse:
    """Every oversight page the user may open (workforce, trackers, reports, settings), by
    area. Users with none are refused: nothing here is theirs."""
    groups = oversight_links(request.user)
    if not groups:
        raise PermissionDenied
    return render(request, "core/oversight.html", {"groups": groups})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    # Information governance (ADR 0023): a restricted record's refusal offers access routes.
    if not isinstance(exception, RestrictedRecordDenied):
        exception = refusal_for_route(request) or exception
    # Every refused attempt on a child's record is logged once (governance/refusals.py).
    log_refusal(request)
    if isinstance(exception, RestrictedRecordDenied):
        return restricted_record_refused(request, exception)
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
