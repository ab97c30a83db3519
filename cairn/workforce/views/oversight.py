"""Case-level management oversight on a child's record: the list (with each entry's actions)
and recording an entry; marking an action done."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cairn.casework.views.child import check_can_view, child_or_404
from cairn.casework.views.visits import add_service_errors
from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.workforce.forms.oversight import ActionDoneForm, OversightEntryForm
from cairn.workforce.presenters.oversight import entry_views
from cairn.workforce.selectors.oversight import (
    oversight_action_get,
    oversight_action_owners,
    oversight_entries_for_child,
)
from cairn.workforce.services.oversight import oversight_action_complete, oversight_entry_record


@require_GET
def child_oversight(request: HttpRequest, pk: int) -> HttpResponse:
    """Every oversight entry on the child's record, newest first (the view is logged)."""
    child = child_or_404(pk)
    check_can_view(request, child)
    return render(
        request,
        "workforce/oversight/child_oversight.html",
        {
            "child": child,
            "entries": entry_views(oversight_entries_for_child(child=child), clock.today()),
            "can_record": request.user.has_perm("workforce.record_oversight", child),
            "user_pk": request.user.pk,
        },
    )


@require_http_methods(["GET", "POST"])
def oversight_entry_create(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    if not request.user.has_perm("workforce.record_oversight", child):
        raise PermissionDenied
    form = OversightEntryForm(
        request.POST or None,
        owners=oversight_action_owners(),
        initial={"recorded_on": clock.today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            oversight_entry_record(actor=request.user, child=child, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Management oversight recorded")
            return redirect("workforce:child_oversight", pk=child.pk)
    return render(request, "workforce/oversight/entry_form.html", {"child": child, "form": form})


@require_POST
def oversight_action_done(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark an action done: its owner or a manager of the child (the service checks again)."""
    action = oversight_action_get(pk=pk)
    if action is None:
        raise Http404
    child = action.entry.child
    if not (
        request.user.has_perm("workforce.view_oversight", child)
        and request.user.has_perm("workforce.complete_oversight_action", action)
    ):
        raise PermissionDenied
    form = ActionDoneForm(request.POST, prefix=f"action-{action.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("workforce:child_oversight", pk=child.pk)
    try:
        oversight_action_complete(
            actor=request.user,
            action=action,
            expected_version=form.cleaned_data["version"],
            done_on=form.cleaned_data["done_on"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ConcurrentEditError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Action marked as done")
    return redirect("workforce:child_oversight", pk=child.pk)
