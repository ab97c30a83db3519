"""Pages for care proceedings (the application, after a step decision or a legal planning
meeting that decided to issue; interim orders; what a hearing decided; each child's care
plans) and for looked-after periods. Writes are for managers with the
child in scope (`legal.write_record`); refusals from the services show on the form."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cairn.casework.views.child import child_or_404
from cairn.legal import forms as legal_forms
from cairn.legal.forms import orders as forms
from cairn.legal.presenters import long_date
from cairn.legal.selectors import records as selectors
from cairn.legal.services import looked_after, proceedings
from cairn.legal.views._common import (
    WRITE,
    check_all,
    check_permission,
    children_of,
    form_page,
    or_404,
    proceedings_form_view,
    try_service,
)


def _issue_page(request, *, children, back_url: str, **source) -> HttpResponse:
    check_all(request, WRITE, children)
    form = legal_forms.IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        cp = try_service(
            form,
            lambda: proceedings.proceedings_issue(
                actor=request.user, children=children, **source, **form.cleaned_data
            ),
        )
        if cp:
            messages.success(request, "Care proceedings recorded")
            return redirect("legal:proceedings_detail", pk=cp.pk)
    return form_page(
        request,
        form=form,
        title="Record the application for care proceedings",
        caption=", ".join(c.full_name for c in children),
        back_url=back_url,
    )


@require_http_methods(["GET", "POST"])
def proceedings_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the application for care proceedings after a step decision to issue."""
    pp = or_404(selectors.pre_proceedings_get(pk=pk))
    return _issue_page(
        request,
        children=children_of(pp.children),
        back_url=reverse("legal:pre_proceedings_detail", args=[pp.pk]),
        pre_proceedings=pp,
    )


@require_http_methods(["GET", "POST"])
def legal_planning_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the application for care proceedings a legal planning meeting decided on
    without pre-proceedings (the risk is too high to wait)."""
    detail = or_404(selectors.legal_planning_get(pk=pk))
    return _issue_page(
        request,
        children=[mc.child for mc in detail.meeting.children.all()],
        back_url=reverse("legal:legal_planning_detail", args=[pk]),
        legal_planning=detail,
    )


@require_http_methods(["GET", "POST"])
def interim_order_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an interim care or supervision order made for a child in the proceedings."""
    return proceedings_form_view(
        request,
        pk,
        forms.InterimOrderForm,
        "Interim order",
        lambda cp, _children, data: proceedings.interim_order_record(
            actor=request.user, proceedings=cp, **data
        ),
        form_kwargs=lambda _cp, children: {"children": children},
    )


def _version_form(request, form_class, instance, initial: dict):
    """The form bound to what was posted, or filled from the record and its version."""
    if request.method == "POST":
        return form_class(request.POST)
    return form_class(initial={**initial, "version": instance.version})


@require_http_methods(["GET", "POST"])
def hearing_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """Record what a hearing that has been held decided."""
    hearing = or_404(selectors.hearing_get(pk=pk))
    cp = hearing.proceedings
    children = children_of(cp.children)
    check_all(request, WRITE, children)
    form = _version_form(request, forms.HearingOutcomeForm, hearing, {"outcome": hearing.outcome})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = try_service(
            form,
            lambda: proceedings.hearing_outcome_record(
                actor=request.user,
                hearing=hearing,
                expected_version=data["version"],
                outcome=data["outcome"],
            ),
        )
        if saved is not None:
            messages.success(request, "Hearing outcome recorded")
            return redirect("legal:proceedings_detail", pk=cp.pk)
    return form_page(
        request,
        form=form,
        title=f"Outcome of the {hearing.get_kind_display().lower()}",
        intro=f"Held on {long_date(hearing.held_on)}.",
        caption=f"{cp.case_number}: " + ", ".join(c.full_name for c in children),
        back_url=reverse("legal:proceedings_detail", args=[cp.pk]),
    )


@require_http_methods(["GET", "POST"])
def care_plan(request: HttpRequest, pk: int, row_pk: int) -> HttpResponse:
    """Record the council's initial and final care plans for a child in the proceedings."""
    row = or_404(selectors.proceedings_child_get(proceedings_pk=pk, pk=row_pk))
    check_permission(request, WRITE, row.child)
    form = _version_form(
        request,
        forms.CarePlanForm,
        row,
        {
            "initial_care_plan": row.initial_care_plan,
            "initial_plan_approved_on": row.initial_plan_approved_on,
            "final_care_plan": row.final_care_plan,
            "final_plan_approved_on": row.final_plan_approved_on,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = try_service(
            form,
            lambda: proceedings.proceedings_care_plan_record(
                actor=request.user, row=row, expected_version=version, **data
            ),
        )
        if saved is not None:
            messages.success(request, f"Care plans for {row.child.full_name} saved")
            return redirect("legal:proceedings_detail", pk=pk)
    return form_page(
        request,
        form=form,
        title=f"Care plans for {row.child.full_name}",
        caption=f"Care proceedings {row.proceedings.case_number}",
        back_url=reverse("legal:proceedings_detail", args=[pk]),
    )


@require_http_methods(["GET", "POST"])
def looked_after_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Record that the child became looked after, with their SSDA903 legal status."""
    child = child_or_404(child_pk)
    check_permission(request, WRITE, child)
    form = forms.LookedAfterStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = try_service(
            form,
            lambda: looked_after.looked_after_start(
                actor=request.user, child=child, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, f"{child.full_name} is recorded as looked after")
            return redirect("casework:child_detail", pk=child.pk)
    return form_page(
        request,
        form=form,
        title="Record that the child became looked after",
        caption=child.full_name,
        back_url=reverse("casework:child_detail", args=[child.pk]),
    )


@require_http_methods(["GET", "POST"])
def looked_after_cease(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the date and SSDA903 reason a looked-after period ceased."""
    period = or_404(selectors.looked_after_get(pk=pk))
    child = period.child
    check_permission(request, WRITE, child)
    form = _version_form(request, forms.LookedAfterCeaseForm, period, {})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = try_service(
            form,
            lambda: looked_after.looked_after_cease(
                actor=request.user, period=period, expected_version=version, **data
            ),
        )
        if saved is not None:
            messages.success(request, "The looked-after period is recorded as ceased")
            return redirect("casework:child_detail", pk=child.pk)
    return form_page(
        request,
        form=form,
        title="Record that the child ceased to be looked after",
        caption=f"{child.full_name}, looked after from {long_date(period.started_on)}",
        back_url=reverse("casework:child_detail", args=[child.pk]),
    )
