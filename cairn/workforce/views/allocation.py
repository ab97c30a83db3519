"""Allocation pages: a child's allocation history, allocating a child, a team's queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cairn.casework.views.child import check_can_view, child_or_404
from cairn.core import clock
from cairn.frontdoor.forms import apply_service_errors
from cairn.governance.presenters import mask_restricted_rows
from cairn.workforce.forms.allocation import ChildAllocateForm
from cairn.workforce.presenters.allocation import history_rows, queue_rows
from cairn.workforce.selectors.stability import (
    allocation_history,
    social_worker_changes,
    team_get,
    unallocated_queue,
)
from cairn.workforce.services.allocation import child_allocate


@require_GET
def allocation_history_view(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Who has held the child's case, when, and why each change was made."""
    child = child_or_404(child_pk)
    check_can_view(request, child)
    today = clock.today()
    changes = social_worker_changes(child_ids=[child.pk], today=today).get(child.pk, 0)
    return render(
        request,
        "workforce/allocation/allocation_history.html",
        {
            "child": child,
            "rows": history_rows(allocation_history(child_id=child.pk)),
            "changes": changes,
            "can_allocate": request.user.has_perm("workforce.allocate", child),
        },
    )


@require_http_methods(["GET", "POST"])
def child_allocate_view(request: HttpRequest, child_pk: int) -> HttpResponse:
    """A manager allocates or reallocates the child's case (from the child's page, the team's
    queue or an absent worker's children: ?absence= returns there)."""
    child = child_or_404(child_pk)
    if not request.user.has_perm("workforce.allocate", child):
        raise PermissionDenied
    absence_pk = request.GET.get("absence", "")
    back_url = (
        reverse("workforce:absence_detail", args=[absence_pk])
        if absence_pk.isdigit()
        else reverse("workforce:allocation_history", args=[child.pk])
    )
    form = ChildAllocateForm(request.POST or None, initial={"started_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            allocation = child_allocate(
                actor=request.user,
                child=child,
                team=data["team"],
                worker=data["worker"],
                reason=data["reason"],
                started_on=data["started_on"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            who = allocation.worker.get_full_name() if allocation.worker else "the team's queue"
            messages.success(request, f"{child.full_name} allocated to {who}")
            return redirect(back_url)
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": "Allocate the child's case",
            "caption": child.full_name,
            "back_url": back_url,
            "intro": "The current allocation ends the day the new one starts; the history is kept.",
        },
    )


@require_GET
def unallocated_queue_view(request: HttpRequest, team_pk: int) -> HttpResponse:
    """The team's unallocated queue (UNALLOCATED), longest waiting first."""
    team = team_get(pk=team_pk)
    if team is None:
        raise Http404
    if not request.user.has_perm("workforce.view_queue", team):
        raise PermissionDenied
    today = clock.today()
    allocations = list(unallocated_queue(team=team))
    rows = mask_restricted_rows(
        user=request.user,
        people=[a.child for a in allocations],
        rows=queue_rows(allocations, today),
    )
    return render(
        request, "workforce/allocation/unallocated_queue.html", {"team": team, "rows": rows}
    )


@require_GET
def my_team_queue(request: HttpRequest) -> HttpResponse:
    if request.user.team_id is None:
        raise Http404
    return redirect("workforce:unallocated_queue", team_pk=request.user.team_id)
