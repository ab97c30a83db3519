"""The child's page and the caseload list."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.casework.presenters.child import caseload_rows, child_links, child_page
from cairn.casework.selectors.caseload import (
    caseload_for_worker,
    caseload_is_visible_to,
    worker_get,
)
from cairn.casework.selectors.child import child_get, child_page_get
from cairn.core import clock
from cairn.core.audit import record_access
from cairn.core.working_days import council_calendar
from cairn.edgeofcare.presenters import child_edge_of_care_context  # edge of care (issue 5)
from cairn.governance.access import refusal_for
from cairn.legal.presenters import child_legal_context  # legal (issue 5)
from cairn.people.models import Person
from cairn.protection.presenters.chair import child_chair_context
from cairn.protection.presenters.records import child_protection_context  # protection (issue 4)
from cairn.quality.presenters import child_audits_context  # quality (issue 8)
from cairn.workforce.presenters.allocation import child_allocation_context
from cairn.workforce.presenters.oversight import child_oversight_context


def child_or_404(pk: int) -> Person:
    child = child_get(pk=pk)
    if child is None:
        raise Http404
    return child


def check_can_view(request: HttpRequest, child: Person) -> None:
    """Refuse (and log the refused attempt) unless the user may view the child's record; log
    the view when they may (every view of a child's record is logged)."""
    if not request.user.has_perm("casework.view_record", child):
        record_access(actor=request.user, person=child, page=request.path, granted=False)
        # A restricted record's refusal offers to request access or break glass (ADR 0023).
        raise refusal_for(user=request.user, person=child)
    record_access(actor=request.user, person=child, page=request.path)


@require_GET
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The main page for a child: who they are, where they are, what is due, the plan, the
    family network and the latest chronology."""
    child = child_or_404(pk)
    check_can_view(request, child)
    today = clock.today()
    page = child_page_get(child=child, today=today, calendar=council_calendar())
    can_write = request.user.has_perm("casework.write_record", child)
    return render(
        request,
        "casework/child_detail.html",
        {
            "child": child,
            "page": child_page(page, today),
            "can_write": can_write,
            # A CIN plan starts from an open referral (the plan page says what else it needs).
            "can_start_plan": can_write and page.open_episode is not None and page.plan is None,
            "links": child_links(child, can_write=can_write),
            # Child protection: the chair's oversight (practice alerts, midpoint review)
            "chair_oversight": child_chair_context(user=request.user, child=child),
            # Child protection: S47, conferences and the CP plan (issue 4)
            "protection": child_protection_context(user=request.user, child=child),
            # Workforce: social worker changes in 12 months, allocation history and allocating
            "workforce_allocation": child_allocation_context(
                user=request.user, child=child, today=today
            ),
            # Workforce: case-level management oversight (latest entries, open actions)
            "oversight": child_oversight_context(user=request.user, child=child, today=today),
            # Quality assurance: the child's case audits and open recommendations (issue 8)
            "audits": child_audits_context(child=child, today=today),
            # Legal (issue 5): legal planning, pre-proceedings, proceedings, looked after
            "legal": child_legal_context(user=request.user, child=child),
            # Edge of care (issue 5): the child's edge-of-care referrals and interventions
            "edge_of_care": child_edge_of_care_context(user=request.user, child=child),
        },
    )


def _render_caseload(request: HttpRequest, worker, template: str) -> HttpResponse:
    today = clock.today()
    entries = caseload_for_worker(
        worker=worker, viewer=request.user, today=today, calendar=council_calendar()
    )
    return render(
        request,
        template,
        {
            "worker": worker,
            "rows": caseload_rows(entries, today, viewer=request.user),
            "own": worker == request.user,
        },
    )


@require_GET
@permission_required("accounts.view_own_caseload", raise_exception=True)
def caseload(request: HttpRequest) -> HttpResponse:
    """The signed-in worker's caseload."""
    return _render_caseload(request, request.user, "casework/caseload.html")


@require_GET
def worker_caseload(request: HttpRequest, worker_pk: int) -> HttpResponse:
    """A worker's caseload, for the worker or a manager of their team."""
    worker = worker_get(pk=worker_pk)
    if worker is None:
        raise Http404
    if not caseload_is_visible_to(viewer=request.user, worker=worker):
        raise PermissionDenied
    return _render_caseload(request, worker, "casework/caseload.html")
