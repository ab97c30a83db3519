"""A child's audit: the page, grading, submission, moderation, grade changes, themes and the
worker's and manager's reflection."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.quality.forms import (
    AuditForm,
    FindingForm,
    GradeChangeForm,
    ModerateForm,
    ReflectionForm,
    SubmitForm,
)
from cairn.quality.models import AuditStatus, Domain
from cairn.quality.presenters import audit_view
from cairn.quality.selectors.audits import questions_for, theme_list
from cairn.quality.selectors.records import record_items_for_child
from cairn.quality.services.audits import (
    DomainInput,
    audit_finding_add,
    audit_grade_change,
    audit_grades_save,
    audit_moderate,
    audit_reflection_record,
    audit_submit,
    evidence_refs,
    tagging_permission,
)
from cairn.quality.views.common import (
    add_service_errors,
    audit_or_404,
    check_can_view_audit,
    done,
    require_perm,
)


def _forms_for(request, audit, *, finding_form=None, reflection_form=None, submit_form=None):
    user = request.user
    can = {
        "grade": user.has_perm("quality.grade_audit", audit)
        and audit.status == AuditStatus.ALLOCATED,
        "moderate": user.has_perm("quality.moderate_audit", audit)
        and audit.status == AuditStatus.SUBMITTED,
        "change_grade": user.has_perm("quality.change_grade", audit)
        and audit.status == AuditStatus.MODERATED,
        "recommend": user.has_perm("quality.follow_up_audit", audit)
        and audit.status != AuditStatus.TO_ALLOCATE,
        "follow_up": user.has_perm("quality.follow_up_audit", audit)
        and audit.status == AuditStatus.MODERATED
        and not hasattr(audit, "follow_up"),
        "reflect": user.has_perm("quality.reflect_on_audit", audit)
        and audit.status != AuditStatus.TO_ALLOCATE,
    }
    can["tag"] = can["grade"] or can["change_grade"]
    forms = {}
    if can["tag"]:
        forms["finding"] = finding_form or FindingForm(themes=theme_list())
        forms["finding"].helper.form_action = reverse("quality:audit_finding", args=[audit.pk])
    if can["reflect"]:
        forms["reflection"] = reflection_form or ReflectionForm(initial={"version": audit.version})
        forms["reflection"].helper.form_action = reverse(
            "quality:audit_reflection", args=[audit.pk]
        )
    if can["grade"]:
        forms["submit"] = submit_form or SubmitForm(initial={"version": audit.version})
        forms["submit"].helper.form_action = reverse("quality:audit_submit", args=[audit.pk])
    return can, forms


def _render_detail(request, audit, **forms):
    can, page_forms = _forms_for(request, audit, **forms)
    return render(
        request,
        "quality/audit_detail.html",
        {
            "audit": audit,
            "child": audit.child,
            "view": audit_view(audit, clock.today()),
            "can": can,
            "forms": page_forms,
        },
    )


@require_GET
def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_or_404(pk)
    check_can_view_audit(request, audit)
    return _render_detail(request, audit)


def _initial(audit) -> dict:
    initial = {
        "overall_grade": audit.overall_grade,
        "summary": audit.summary,
        "family_feedback": audit.family_feedback,
        "version": audit.version,
    }
    for grade in audit.grades.all():
        initial[f"grade_{grade.domain}"] = grade.grade
        initial[f"narrative_{grade.domain}"] = grade.narrative
        initial[f"evidence_{grade.domain}"] = [
            f"{e.record_kind}:{e.record_id}" for e in grade.evidence.all()
        ]
    return initial


@require_http_methods(["GET", "POST"])
def audit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The audit tool for this child: each domain's questions, grade, narrative and evidence."""
    audit = audit_or_404(pk)
    require_perm(request, "quality.grade_audit", audit)
    check_can_view_audit(request, audit)
    items = record_items_for_child(child=audit.child)
    form = AuditForm(
        request.POST or None,
        initial=_initial(audit),
        questions=questions_for(audit.cycle.tool_version),
        evidence=[(i.key, i.choice_label) for i in items],
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        domains = {
            d: DomainInput(
                grade=data[f"grade_{d}"],
                narrative=data[f"narrative_{d}"],
                evidence=evidence_refs(data[f"evidence_{d}"]),
            )
            for d in Domain.values
        }
        try:
            audit_grades_save(
                actor=request.user,
                audit=audit,
                expected_version=data["version"] or audit.version,
                domains=domains,
                overall_grade=data["overall_grade"],
                summary=data["summary"],
                family_feedback=data["family_feedback"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, "Audit saved")
            return redirect("quality:audit_detail", pk=audit.pk)
    return render(
        request, "quality/audit_form.html", {"audit": audit, "child": audit.child, "form": form}
    )


@require_POST
def audit_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_or_404(pk)
    require_perm(request, "quality.grade_audit", audit)
    form = SubmitForm(request.POST)
    if form.is_valid():
        try:
            audit_submit(
                actor=request.user,
                audit=audit,
                expected_version=form.cleaned_data["version"] or audit.version,
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, "Audit submitted for moderation")
            return redirect("quality:audit_detail", pk=audit.pk)
    check_can_view_audit(request, audit)
    return _render_detail(request, audit, submit_form=form)


@require_http_methods(["GET", "POST"])
def audit_moderate_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A second QA officer agrees or changes each grade, with the reason for any change."""
    audit = audit_or_404(pk)
    require_perm(request, "quality.moderate_audit", audit)
    check_can_view_audit(request, audit)
    grades = {g.domain: g.grade for g in audit.grades.all()}
    domains = [d for d in Domain.values if d in grades]
    initial = {f"grade_{d}": g for d, g in grades.items()} | {
        "overall_grade": audit.overall_grade,
        "version": audit.version,
    }
    form = ModerateForm(request.POST or None, initial=initial, domains=domains)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit_moderate(
                actor=request.user,
                audit=audit,
                expected_version=data["version"] or audit.version,
                grades={d: data[f"grade_{d}"] for d in domains},
                overall_grade=data["overall_grade"],
                reason=data["reason"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, "Audit moderated")
            return redirect("quality:audit_detail", pk=audit.pk)
    return render(
        request,
        "quality/audit_moderate.html",
        {
            "audit": audit,
            "child": audit.child,
            "form": form,
            "view": audit_view(audit, clock.today()),
        },
    )


@require_http_methods(["GET", "POST"])
def audit_grade_change_view(request: HttpRequest, pk: int) -> HttpResponse:
    """After moderation, a grade changes only by a recorded change with its reason."""
    audit = audit_or_404(pk)
    require_perm(request, "quality.change_grade", audit)
    check_can_view_audit(request, audit)
    form = GradeChangeForm(request.POST or None, initial={"version": audit.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            audit_grade_change(
                actor=request.user,
                audit=audit,
                expected_version=data["version"] or audit.version,
                domain=data["domain"],
                to_grade=data["to_grade"],
                reason=data["reason"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, "Grade change recorded")
            return redirect("quality:audit_detail", pk=audit.pk)
    return render(
        request,
        "quality/grade_change_form.html",
        {"audit": audit, "child": audit.child, "form": form},
    )


@require_POST
def audit_finding(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_or_404(pk)
    require_perm(request, tagging_permission(audit), audit)
    themes = {t.pk: t for t in theme_list()}
    form = FindingForm(request.POST, themes=themes.values())
    if form.is_valid():
        try:
            audit_finding_add(
                actor=request.user,
                audit=audit,
                theme=themes[form.cleaned_data["theme"]],
                finding=form.cleaned_data["finding"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, "Theme tagged")
            return redirect("quality:audit_detail", pk=audit.pk)
    check_can_view_audit(request, audit)
    return _render_detail(request, audit, finding_form=form)


@require_POST
def audit_reflection(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_or_404(pk)
    require_perm(request, "quality.reflect_on_audit", audit)
    form = ReflectionForm(request.POST)
    if form.is_valid():
        try:
            audit_reflection_record(
                actor=request.user,
                audit=audit,
                expected_version=form.cleaned_data["version"] or audit.version,
                reflection=form.cleaned_data["reflection"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, "Your reflection is added to the audit")
            return redirect("quality:audit_detail", pk=audit.pk)
    check_can_view_audit(request, audit)
    return _render_detail(request, audit, reflection_form=form)
