"""Pages of the edge-of-care service: the referral (from the child's page), the service's
decision, the intervention with its sessions log, the outcome, the service's list of open work
and the service report. Every page checks an `edgeofcare.*` permission on the child; the
referral page logs the view (and refused attempts)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.casework.forms.plans import add_service_errors
from cairn.casework.views.child import child_or_404
from cairn.casework.views.plans import check_permission
from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.edgeofcare import forms, presenters
from cairn.edgeofcare.selectors import outcomes
from cairn.edgeofcare.selectors import records as selectors
from cairn.edgeofcare.services import interventions, referrals


def _or_404(value):
    if value is None:
        raise Http404
    return value


def _try(form, call):
    try:
        return call()
    except (ValidationError, ConcurrentEditError) as error:
        add_service_errors(form, error)
        return None


def _form_page(request, *, form, title: str, caption: str, back_url: str, intro: str = ""):
    return render(
        request,
        "edgeofcare/form_page.html",
        {"form": form, "title": title, "caption": caption, "back_url": back_url, "intro": intro},
    )


def _referral_url(pk: int) -> str:
    return reverse("edgeofcare:referral_detail", args=[pk])


@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Refer the child to the edge-of-care service."""
    child = child_or_404(child_pk)
    check_permission(request, "edgeofcare.refer", child)
    form = forms.ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _try(
            form,
            lambda: referrals.referral_create(actor=request.user, child=child, **form.cleaned_data),
        )
        if saved is not None:
            messages.success(request, f"{child.full_name} is referred to the edge-of-care service")
            return redirect("edgeofcare:referral_detail", pk=saved.pk)
    return _form_page(
        request,
        form=form,
        title="Refer to the edge-of-care service",
        caption=child.full_name,
        intro="For a child at risk of entering care, to help them stay safely at home.",
        back_url=reverse("casework:child_detail", args=[child.pk]),
    )


@require_GET
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The referral, the decision, the intervention with its sessions log, and the outcomes at
    the end and 6 and 12 months after."""
    referral = _or_404(selectors.referral_get(pk=pk))
    child = referral.child
    check_permission(request, "edgeofcare.view_record", child, log=True)
    intervention = getattr(referral, "intervention", None)
    return render(
        request,
        "edgeofcare/referral_detail.html",
        {
            "referral": referral,
            "child": child,
            "tag": presenters.STATUS_TAGS[referral.status],
            "referral_rows": presenters.referral_rows(referral),
            "intervention": intervention,
            "intervention_rows": intervention and presenters.intervention_rows(intervention),
            "follow_up_rows": intervention
            and presenters.follow_up_rows(intervention, today=clock.today()),
            "can_view_child": request.user.has_perm("casework.view_record", child),
            "can_decide": request.user.has_perm("edgeofcare.decide", child),
            "can_work": request.user.has_perm("edgeofcare.work", child),
        },
    )


@require_http_methods(["GET", "POST"])
def referral_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The edge-of-care service accepts or declines the referral."""
    referral = _or_404(selectors.referral_get(pk=pk))
    check_permission(request, "edgeofcare.decide", referral.child)
    if request.method == "POST":
        form = forms.DecisionForm(request.POST)
    else:
        form = forms.DecisionForm(initial={"version": referral.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = _try(
            form,
            lambda: referrals.referral_decide(
                actor=request.user, referral=referral, expected_version=version, **data
            ),
        )
        if saved is not None:
            messages.success(request, f"Referral {saved.get_decision_display().lower()}")
            return redirect("edgeofcare:referral_detail", pk=referral.pk)
    return _form_page(
        request,
        form=form,
        title="Decide on the referral",
        caption=(
            f"{referral.child.full_name}, referred {presenters.long_date(referral.referred_on)}"
        ),
        back_url=_referral_url(referral.pk),
    )


@require_http_methods(["GET", "POST"])
def intervention_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Start the intervention for an accepted referral: the worker and the goals."""
    referral = _or_404(selectors.referral_get(pk=pk))
    check_permission(request, "edgeofcare.work", referral.child)
    form = forms.InterventionForm(
        request.POST or None, workers=selectors.worker_list_for_intervention()
    )
    if request.method == "POST" and form.is_valid():
        saved = _try(
            form,
            lambda: interventions.intervention_start(
                actor=request.user, referral=referral, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Intervention started")
            return redirect("edgeofcare:referral_detail", pk=referral.pk)
    return _form_page(
        request,
        form=form,
        title="Start the intervention",
        caption=referral.child.full_name,
        back_url=_referral_url(referral.pk),
    )


@require_http_methods(["GET", "POST"])
def session_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a session to the intervention's log."""
    intervention = _or_404(selectors.intervention_get(pk=pk))
    referral = intervention.referral
    check_permission(request, "edgeofcare.work", referral.child)
    form = forms.SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = _try(
            form,
            lambda: interventions.session_record(
                actor=request.user, intervention=intervention, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Session added")
            return redirect("edgeofcare:referral_detail", pk=referral.pk)
    return _form_page(
        request,
        form=form,
        title="Add a session",
        caption=referral.child.full_name,
        back_url=_referral_url(referral.pk),
    )


@require_http_methods(["GET", "POST"])
def intervention_end(request: HttpRequest, pk: int) -> HttpResponse:
    """End the intervention with the outcome at the end."""
    intervention = _or_404(selectors.intervention_get(pk=pk))
    referral = intervention.referral
    check_permission(request, "edgeofcare.work", referral.child)
    if request.method == "POST":
        form = forms.OutcomeForm(request.POST)
    else:
        form = forms.OutcomeForm(initial={"version": intervention.version})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        saved = _try(
            form,
            lambda: interventions.intervention_end(
                actor=request.user, intervention=intervention, expected_version=version, **data
            ),
        )
        if saved is not None:
            messages.success(request, "Outcome recorded")
            return redirect("edgeofcare:referral_detail", pk=referral.pk)
    return _form_page(
        request,
        form=form,
        title="Record the outcome",
        caption=referral.child.full_name,
        intro=f"Intervention started {presenters.long_date(intervention.started_on)}.",
        back_url=_referral_url(referral.pk),
    )


@require_GET
@permission_required("edgeofcare.view_service", raise_exception=True)
def referral_list(request: HttpRequest) -> HttpResponse:
    """The service's open work: referrals awaiting a decision and interventions under way."""
    return render(
        request,
        "edgeofcare/referral_list.html",
        {"rows": presenters.open_work_rows(selectors.referral_list_open(), viewer=request.user)},
    )


@require_GET
@permission_required("edgeofcare.view_report", raise_exception=True)
def service_report(request: HttpRequest) -> HttpResponse:
    """Children supported and the share remaining at home at the end and 6 and 12 months
    after, by cohort (financial year or quarter of referral) and referring team."""
    form = forms.CohortForm(request.GET or None)
    report = outcomes.service_report(today=clock.today(), by=form.cohort())
    return render(
        request,
        "edgeofcare/service_report.html",
        {"form": form, "report": presenters.report_tables(report)},
    )
