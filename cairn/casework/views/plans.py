"""Pages for plans: the plan, starting one, its outcomes, actions and contingency, the family
network considered, authorisation, and the printable plan for the family.

Each page checks a casework permission on the plan's child; pages that show the record log the
view (and refused attempts).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cairn.casework.forms.plans import (
    ActionForm,
    AuthoriseForm,
    ConfirmForm,
    ContingencyForm,
    NetworkMemberForm,
    OutcomeForm,
    RemoveForm,
    add_service_errors,
)
from cairn.casework.presenters import plans as presenters
from cairn.casework.selectors.plans import (
    action_get,
    family_network_for_child,
    outcome_get,
    plan_get,
    plan_version_get,
)
from cairn.casework.services import plans as services
from cairn.core import clock
from cairn.core.audit import record_access
from cairn.core.records import ConcurrentEditError
from cairn.frontdoor.selectors import episode_get_open
from cairn.people.selectors import person_get

VIEW, WRITE, AUTHORISE = "casework.view_record", "casework.write_record", "casework.authorise"


def check_permission(request: HttpRequest, perm: str, child, *, log: bool = False) -> None:
    """Refuse with 403 unless the user has `perm` on the child; log views of the record."""
    allowed = request.user.has_perm(perm, child)
    if log:
        record_access(actor=request.user, person=child, page=request.path, granted=allowed)
    if not allowed:
        raise PermissionDenied


def _plan_or_404(pk: int):
    plan = plan_get(pk=pk)
    if plan is None:
        raise Http404
    return plan


def _version_or_404(pk: int):
    version = plan_version_get(pk=pk)
    if version is None:
        raise Http404
    return version


def _plan_url(plan_id: int) -> str:
    return reverse("casework:plan_detail", args=[plan_id])


def _form_page(request, *, form, title: str, version, caption: str = "", intro: str = ""):
    plan = version.plan
    return render(
        request,
        "casework/plans/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": caption or f"{plan.child.full_name}: {plan.get_kind_display().lower()}",
            "intro": intro,
            "back_url": _plan_url(plan.pk),
            "their_changes": (
                presenters.their_changes(form, form.conflicting_record)
                if getattr(form, "conflicting_record", None) is not None
                else None
            ),
        },
    )


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    check_permission(request, VIEW, plan.child, log=True)
    page = presenters.plan_page(plan)
    return render(
        request,
        "casework/plans/plan_detail.html",
        {
            "page": page,
            "can_write": request.user.has_perm(WRITE, plan.child),
            "can_authorise": request.user.has_perm(AUTHORISE, plan.child),
        },
    )


@require_GET
def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    check_permission(request, VIEW, plan.child, log=True)
    return render(request, "casework/plans/plan_print.html", {"plan": presenters.family_plan(plan)})


@require_http_methods(["GET", "POST"])
def plan_start(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Start a CIN plan for the child's open episode (refused before an assessment outcome)."""
    child = person_get(pk=child_pk)
    if child is None or not child.is_child:
        raise Http404
    check_permission(request, WRITE, child)
    form = ConfirmForm(request.POST if request.method == "POST" else None, submit="Start the plan")
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                actor=request.user, child=child, episode=episode_get_open(child=child)
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Child in need plan started as a draft")
            return redirect("casework:plan_detail", pk=plan.pk)
    return render(
        request,
        "casework/plans/plan_start.html",
        {
            "form": form,
            "child": child,
            "back_url": reverse("casework:child_detail", args=[child.pk]),
        },
    )


@require_http_methods(["GET", "POST"])
def outcome_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(pk)
    check_permission(request, WRITE, version.plan.child)
    form = OutcomeForm(request.POST or None, submit="Add outcome")
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_add(actor=request.user, version=version, **_outcome_data(form))
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Outcome added")
            return redirect(_plan_url(version.plan_id))
    return _form_page(request, form=form, title="Add an outcome", version=version)


def _outcome_data(form) -> dict:
    data = form.cleaned_data
    return {
        "text": data["text"],
        "measure_source": data["measure_source"],
        "indicator": data["indicator"],
        "baseline": data["baseline"],
    }


@require_http_methods(["GET", "POST"])
def outcome_edit(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = outcome_get(pk=pk)
    if outcome is None:
        raise Http404
    version = outcome.plan_version
    check_permission(request, WRITE, version.plan.child)
    initial = {
        "text": outcome.text,
        "measure_source": outcome.measure_source,
        "indicator": outcome.indicator,
        "baseline": outcome.baseline,
    }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_update(
                actor=request.user,
                outcome=outcome,
                expected_version=_expected(request, outcome),
                **_outcome_data(form),
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Outcome changed")
            return redirect(_plan_url(version.plan_id))
    form.helper.form_action = f"?v={outcome.version}"
    return _form_page(request, form=form, title="Change an outcome", version=version)


def _expected(request: HttpRequest, record) -> int:
    """The record's edit counter when the form was opened (carried in the form's address)."""
    try:
        return int(request.GET.get("v", record.version))
    except ValueError:
        return record.version


@require_http_methods(["GET", "POST"])
def outcome_remove(request: HttpRequest, pk: int) -> HttpResponse:
    outcome = outcome_get(pk=pk)
    if outcome is None:
        raise Http404
    version = outcome.plan_version
    check_permission(request, WRITE, version.plan.child)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.outcome_remove(
                actor=request.user, outcome=outcome, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, ValidationError(_renamed(error, removal_reason="reason")))
        else:
            messages.success(request, "Outcome removed")
            return redirect(_plan_url(version.plan_id))
    return _form_page(
        request, form=form, title="Remove an outcome", version=version, intro=outcome.text
    )


def _renamed(error: ValidationError, **names) -> dict:
    return {names.get(k, k): v for k, v in error.message_dict.items()}


def _action_people(child) -> list:
    return [child, *family_network_for_child(child=child)]


@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(pk)
    child = version.plan.child
    check_permission(request, WRITE, child)
    form = ActionForm(request.POST or None, people=_action_people(child), submit="Add action")
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=request.user, version=version, **_action_data(form))
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action added")
            return redirect(_plan_url(version.plan_id))
    return _form_page(request, form=form, title="Add an action", version=version)


def _action_data(form) -> dict:
    data = form.cleaned_data
    return {
        "what": data["what"],
        "who_person": form.person(),
        "who_agency": data["who_agency"],
        "due_on": data["due_on"],
        "status": data["status"],
    }


@require_http_methods(["GET", "POST"])
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = action_get(pk=pk)
    if action is None:
        raise Http404
    version = action.plan_version
    child = version.plan.child
    check_permission(request, WRITE, child)
    initial = {
        "what": action.what,
        "who_person": action.who_person_id,
        "who_agency": action.who_agency,
        "due_on": action.due_on,
        "status": action.status,
    }
    form = ActionForm(request.POST or None, initial=initial, people=_action_people(child))
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                actor=request.user,
                action=action,
                expected_version=_expected(request, action),
                **_action_data(form),
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Action changed")
            return redirect(_plan_url(version.plan_id))
    form.helper.form_action = f"?v={action.version}"
    intro = (
        "This version is in force: only the status can change now. Other changes go in the "
        "next version, made at a review."
        if version.authorised_on
        else ""
    )
    return _form_page(request, form=form, title="Change an action", version=version, intro=intro)


@require_http_methods(["GET", "POST"])
def contingency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(pk)
    check_permission(request, WRITE, version.plan.child)
    contingency = presenters.contingency_of(version)
    initial = {}
    if contingency is not None:
        initial = {
            "triggers": contingency.triggers,
            "response": contingency.response,
            "who_acts": contingency.who_acts,
            "fgc_status": contingency.fgc_status,
            "fgc_on": contingency.fgc_on,
            "fgc_reason": contingency.fgc_reason,
        }
    form = ContingencyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contingency_update(
                actor=request.user,
                version=version,
                expected_version=_expected(request, contingency) if contingency else None,
                **form.cleaned_data,
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Contingency arrangements saved")
            return redirect(_plan_url(version.plan_id))
    if contingency is not None:
        form.helper.form_action = f"?v={contingency.version}"
    return _form_page(
        request,
        form=form,
        title="Contingency arrangements",
        version=version,
        intro="What would show the plan is not working, what will then happen and who acts. "
        "Add the family network considered on its own page.",
    )


@require_http_methods(["GET", "POST"])
def network_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(pk)
    child = version.plan.child
    check_permission(request, WRITE, child)
    people = family_network_for_child(child=child)
    form = NetworkMemberForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        try:
            services.contingency_network_add(
                actor=request.user,
                version=version,
                person=form.chosen(),
                how_considered=form.cleaned_data["how_considered"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Added to the family network considered")
            return redirect(_plan_url(version.plan_id))
    intro = (
        ""
        if people
        else "No family network is recorded for this child. Record relationships on the "
        "child's record first."
    )
    return _form_page(
        request, form=form, title="Family network considered", version=version, intro=intro
    )


@require_http_methods(["GET", "POST"])
def plan_authorise(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager authorises the draft version (refused with the missing parts named)."""
    version = _version_or_404(pk)
    check_permission(request, AUTHORISE, version.plan.child)
    form = AuthoriseForm(request.POST or None, initial={"authorised_on": clock.today()})
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_version_authorise(
                actor=request.user,
                version=version,
                authorised_on=form.cleaned_data["authorised_on"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Version {version.number} authorised")
            return redirect(_plan_url(version.plan_id))
    return _form_page(
        request,
        form=form,
        title=f"Authorise version {version.number} of the plan",
        version=version,
        intro="Check the outcomes, their measures and the contingency arrangements first. "
        "A plan cannot be authorised without a complete contingency.",
    )
