"""Recommendations and follow-up: the auditor makes them, the worker records the action with
its evidence, the auditor verifies; the impact follow-up; and the worker's "your audit actions"
list (their notifications)."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from cairn.accounts.models import User
from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.quality.forms import CompleteForm, FollowUpForm, RecommendationForm, VerifyForm
from cairn.quality.models import RecommendationStatus
from cairn.quality.presenters import audit_rows, recommendation_rows, recommendation_view
from cairn.quality.selectors.audits import audit_actions_for, theme_list
from cairn.quality.selectors.records import record_items_for_child
from cairn.quality.services.audits import evidence_refs
from cairn.quality.services.recommendations import (
    impact_follow_up_record,
    recommendation_complete,
    recommendation_make,
    recommendation_return,
    recommendation_verify,
)
from cairn.quality.views.common import (
    add_service_errors,
    audit_or_404,
    check_can_view_audit,
    done,
    recommendation_or_404,
    require_perm,
)


def _owners(audit) -> list[User]:
    return [u for u in (audit.worker, audit.manager) if u is not None]


@require_http_methods(["GET", "POST"])
def recommendation_new(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_or_404(pk)
    require_perm(request, "quality.follow_up_audit", audit)
    check_can_view_audit(request, audit)
    owners = {u.pk: u for u in _owners(audit)}
    themes = {t.pk: t for t in theme_list()}
    form = RecommendationForm(request.POST or None, owners=owners.values(), themes=themes.values())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation_make(
                actor=request.user,
                audit=audit,
                action=data["action"],
                owner=owners.get(data["owner"]),
                due_on=data["due_on"],
                theme=themes.get(int(data["theme"])) if data["theme"] else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, "Recommendation made: it shows in the owner's audit actions")
            return redirect("quality:audit_detail", pk=audit.pk)
    return render(
        request,
        "quality/recommendation_form.html",
        {"audit": audit, "child": audit.child, "form": form},
    )


def _can_view(request, recommendation) -> None:
    check_can_view_audit(request, recommendation.audit)


def _render_recommendation(request, recommendation, complete_form=None, verify_form=None):
    user = request.user
    r = recommendation
    forms = {}
    if r.status == RecommendationStatus.OPEN and user.has_perm(
        "quality.complete_recommendation", r
    ):
        items = record_items_for_child(child=r.child, made_since=r.created_at)
        forms["complete"] = complete_form or CompleteForm(
            initial={"version": r.version},
            evidence=[(i.key, i.choice_label) for i in items if i.date >= r.made_on],
        )
        forms["complete"].helper.form_action = reverse(
            "quality:recommendation_complete", args=[r.pk]
        )
    if r.status == RecommendationStatus.AWAITING_VERIFICATION and user.has_perm(
        "quality.verify_recommendation", r
    ):
        forms["verify"] = verify_form or VerifyForm(initial={"version": r.version})
        forms["verify"].helper.form_action = reverse("quality:recommendation_verify", args=[r.pk])
    return render(
        request,
        "quality/recommendation_detail.html",
        {
            "recommendation": r,
            "child": r.child,
            "view": recommendation_view(r, clock.today()),
            "forms": forms,
        },
    )


@require_GET
def recommendation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = recommendation_or_404(pk)
    _can_view(request, recommendation)
    return _render_recommendation(request, recommendation)


@require_POST
def recommendation_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    r = recommendation_or_404(pk)
    require_perm(request, "quality.complete_recommendation", r)
    items = record_items_for_child(child=r.child, made_since=r.created_at)
    form = CompleteForm(request.POST, evidence=[(i.key, i.choice_label) for i in items])
    if form.is_valid():
        refs = evidence_refs([form.cleaned_data["evidence"]])
        kind, record_id = refs[0] if refs else ("", None)
        try:
            recommendation_complete(
                actor=request.user,
                recommendation=r,
                expected_version=form.cleaned_data["version"] or r.version,
                evidence_kind=kind,
                evidence_id=record_id,
                note=form.cleaned_data["note"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, "Action recorded: the auditor will verify it")
            return redirect("quality:recommendation_detail", pk=r.pk)
    _can_view(request, r)
    return _render_recommendation(request, r, complete_form=form)


@require_POST
def recommendation_verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    r = recommendation_or_404(pk)
    require_perm(request, "quality.verify_recommendation", r)
    form = VerifyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        expected = data["version"] or r.version
        try:
            if data["decision"] == "verify":
                recommendation_verify(
                    actor=request.user, recommendation=r, expected_version=expected
                )
                message = "Action verified"
            else:
                recommendation_return(
                    actor=request.user,
                    recommendation=r,
                    expected_version=expected,
                    reason=data["reason"],
                )
                message = "Sent back to the owner"
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, message)
            return redirect("quality:recommendation_detail", pk=r.pk)
    _can_view(request, r)
    return _render_recommendation(request, r, verify_form=form)


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Some weeks after moderation: is the impact for the child evident?"""
    audit = audit_or_404(pk)
    require_perm(request, "quality.follow_up_audit", audit)
    check_can_view_audit(request, audit)
    items = [
        i
        for i in record_items_for_child(child=audit.child, made_since=audit.created_at)
        if audit.audited_on and i.date >= audit.audited_on
    ]
    form = FollowUpForm(request.POST or None, evidence=[(i.key, i.choice_label) for i in items])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        refs = evidence_refs([data["evidence"]]) if data["evidence"] else []
        kind, record_id = refs[0] if refs else ("", None)
        try:
            impact_follow_up_record(
                actor=request.user,
                audit=audit,
                answer=data["answer"],
                narrative=data["narrative"],
                evidence_kind=kind,
                evidence_id=record_id,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, "Impact follow-up recorded")
            return redirect("quality:audit_detail", pk=audit.pk)
    return render(
        request,
        "quality/follow_up_form.html",
        {"audit": audit, "child": audit.child, "form": form},
    )


@require_GET
@permission_required("quality.view_own_actions", raise_exception=True)
def audit_actions(request: HttpRequest) -> HttpResponse:
    """Your audit actions: recommendations to act on and audits to take part in."""
    recommendations, audits = audit_actions_for(user=request.user)
    return render(
        request,
        "quality/audit_actions.html",
        {
            "recommendations": recommendation_rows(recommendations, clock.today(), with_child=True),
            "audits": audit_rows(audits, viewer=request.user),
        },
    )
