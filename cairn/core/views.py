"""The home page and the error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cairn.casework.presenters.child import caseload_rows
from cairn.casework.selectors.caseload import caseload_for_worker
from cairn.core import clock
from cairn.core.working_days import council_calendar


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's caseload: the children allocated to them, where each is on the
    journey, the next thing due and the last visit."""
    today = clock.today()
    entries = caseload_for_worker(
        worker=request.user, viewer=request.user, today=today, calendar=council_calendar()
    )
    return render(request, "core/home.html", {"rows": caseload_rows(entries, today)})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
