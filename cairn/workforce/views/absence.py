"""Absence and cover pages for managers (issue 6, item 4)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.core.working_days import council_calendar
from cairn.frontdoor.forms import apply_service_errors
from cairn.people.selectors import person_get
from cairn.workforce.forms.absence import AbsenceEndForm, AbsenceForm, CoverForm
from cairn.workforce.presenters.absence import (
    absence_period,
    absence_rows,
    absent_child_rows,
    cover_text,
)
from cairn.workforce.selectors.absence import (
    absence_get,
    absence_list_for_manager,
    absent_worker_children,
    cover_list_for_absence,
    worker_list_for_absence,
)
from cairn.workforce.selectors.allocation import worker_list_for_allocation
from cairn.workforce.services.absence import absence_end, absence_record, cover_set

FORM_PAGE = "frontdoor/form_page.html"


def _absence_or_404(request: HttpRequest, pk: int):
    absence = absence_get(pk=pk)
    if absence is None:
        raise Http404
    if not request.user.has_perm("workforce.manage_absence", absence.worker):
        raise PermissionDenied
    return absence


@require_GET
@permission_required("workforce.view_absences", raise_exception=True)
def absence_list(request: HttpRequest) -> HttpResponse:
    """Who is away today (and who will be) in the teams the manager manages."""
    today = clock.today()
    rows = absence_rows(absence_list_for_manager(manager=request.user, today=today), today)
    return render(
        request,
        "workforce/absence/absence_list.html",
        {
            "away": [r for r in rows if r.away_today],
            "planned": [r for r in rows if not r.away_today],
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("workforce.view_absences", raise_exception=True)
def absence_record_view(request: HttpRequest) -> HttpResponse:
    form = AbsenceForm(request.POST or None, workers=worker_list_for_absence(manager=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.user.has_perm("workforce.manage_absence", data["worker"]):
            raise PermissionDenied
        try:
            absence = absence_record(
                actor=request.user,
                worker=data["worker"],
                kind=data["kind"],
                starts_on=data["starts_on"],
                expected_end_on=data["expected_end_on"],
                reason=data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Absence recorded for {absence.worker.get_full_name()}")
            return redirect("workforce:absence_detail", pk=absence.pk)
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": "Record an absence",
            "caption": "Absence and cover",
            "back_url": reverse("workforce:absence_list"),
            "intro": "Then set cover or reallocate the worker's children.",
        },
    )


@require_GET
def absence_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The absent worker's children, nearest deadline first, with their cover; the covers set."""
    absence = _absence_or_404(request, pk)
    today = clock.today()
    children = absent_worker_children(
        absence=absence, viewer=request.user, today=today, calendar=council_calendar()
    )
    return render(
        request,
        "workforce/absence/absence_detail.html",
        {
            "absence": absence,
            "period": absence_period(absence),
            "rows": absent_child_rows(children, absence, today, viewer=request.user),
            "covers": [cover_text(c) for c in cover_list_for_absence(absence=absence)],
            "uncovered": sum(1 for c in children if c.covered_by is None),
        },
    )


@require_http_methods(["GET", "POST"])
def cover_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Set a cover worker for all the absent worker's children, or for one (?child=)."""
    absence = _absence_or_404(request, pk)
    child = None
    if child_pk := request.GET.get("child"):
        child = person_get(pk=int(child_pk)) if child_pk.isdigit() else None
        if child is None:
            raise Http404
    workers = worker_list_for_allocation().exclude(pk=absence.worker_id)
    initial = {"starts_on": max(absence.starts_on, clock.today())}
    if absence.expected_end_on:
        initial["ends_on"] = absence.expected_end_on
    form = CoverForm(request.POST or None, workers=workers, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            cover = cover_set(
                actor=request.user,
                absence=absence,
                cover_worker=data["cover_worker"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                child=child,
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Cover set: {cover_text(cover)}")
            return redirect("workforce:absence_detail", pk=absence.pk)
    worker = absence.worker.get_full_name()
    whose = child.full_name if child else f"all of {worker}'s children"
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": f"Set cover for {child.full_name}" if child else f"Set cover for {worker}",
            "caption": f"Absence of {worker}",
            "back_url": reverse("workforce:absence_detail", args=[absence.pk]),
            "intro": (
                f"The cover worker sees and works on {whose} from the first to the last day "
                "of the cover."
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def absence_end_view(request: HttpRequest, pk: int) -> HttpResponse:
    absence = _absence_or_404(request, pk)
    form = AbsenceEndForm(
        request.POST or None, initial={"ended_on": clock.today(), "version": absence.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            absence_end(
                actor=request.user,
                absence=absence,
                ended_on=form.cleaned_data["ended_on"],
                expected_version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Absence of {absence.worker.get_full_name()} ended")
            return redirect("workforce:absence_list")
    return render(
        request,
        FORM_PAGE,
        {
            "form": form,
            "title": "End the absence",
            "caption": f"Absence of {absence.worker.get_full_name()}",
            "back_url": reverse("workforce:absence_detail", args=[absence.pk]),
            "intro": "Covers end with the absence.",
        },
    )
