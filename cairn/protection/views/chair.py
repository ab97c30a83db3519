"""The CP chair's oversight pages: the chair's list, midpoint reviews, practice alerts (raise,
respond, escalate, resolve), the recipient's list and the chairs' alert log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.casework.views.child import child_or_404
from cairn.casework.views.visits import add_service_errors
from cairn.core import clock
from cairn.core.audit import record_access
from cairn.core.records import ConcurrentEditError
from cairn.core.working_days import council_calendar
from cairn.governance.presenters import mask_restricted_rows
from cairn.protection.forms.chair import (
    MidpointReviewForm,
    PracticeAlertEscalateForm,
    PracticeAlertRaiseForm,
    PracticeAlertResolveForm,
    PracticeAlertRespondForm,
)
from cairn.protection.models import EscalationStage, MidpointReview, PracticeAlertStatus
from cairn.protection.presenters.chair import alert_view, chair_rows
from cairn.protection.selectors.chair import (
    alert_current_stage,
    alert_recipient_default,
    chair_list,
    cp_plan_get_open,
    midpoint_review_get,
    practice_alert_get,
    practice_alert_list_for_recipient,
    practice_alert_log,
    team_manager_choices,
)
from cairn.protection.services.oversight import (
    midpoint_review_record,
    practice_alert_escalate,
    practice_alert_raise,
    practice_alert_resolve,
    practice_alert_respond,
)

CHAIR_LIST_PAGE_SIZE = 100


def _child(request: HttpRequest, pk: int):
    return child_or_404(pk)


@require_GET
@permission_required("protection.chair_oversight", raise_exception=True)
def chair_list_view(request: HttpRequest) -> HttpResponse:
    """Children whose latest conference the chair chaired (or, with ?show=all, every child on
    a CP plan), with the midpoint review due and open practice alerts."""
    everyone = request.GET.get("show") == "all"
    today = clock.today()
    entries = chair_list(user=request.user, today=today, everyone=everyone)
    page = Paginator(entries, CHAIR_LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "protection/chair/chair_list.html",
        {
            "rows": mask_restricted_rows(
                user=request.user,
                people=[entry.child for entry in page],
                rows=chair_rows(list(page), today=today, calendar=council_calendar()),
            ),
            "page": page,
            "everyone": everyone,
            "total": len(entries),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("protection.chair_oversight", fn=_child, raise_exception=True)
def midpoint_review_create(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    form = MidpointReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = midpoint_review_record(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Midpoint review saved")
            if review.alert_raised:
                raise_url = reverse("protection:practice_alert_raise", args=[child.pk])
                return redirect(f"{raise_url}?midpoint={review.pk}")
            return redirect("casework:child_detail", pk=child.pk)
    return render(
        request,
        "protection/chair/form_page.html",
        {
            "child": child,
            "form": form,
            "heading": "Midpoint review",
            "intro": "Check halfway between conferences that the plan is on track.",
            "plan": cp_plan_get_open(child=child),
        },
    )


def _midpoint_or_none(request: HttpRequest, child) -> MidpointReview | None:
    """The midpoint review the alert follows (?midpoint=), when it is this child's."""
    pk = request.GET.get("midpoint", "")
    return midpoint_review_get(pk=int(pk), child=child) if pk.isdigit() else None


@require_http_methods(["GET", "POST"])
@permission_required("protection.chair_oversight", fn=_child, raise_exception=True)
def practice_alert_raise_view(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    midpoint = _midpoint_or_none(request, child)
    default = alert_recipient_default(child=child, stage=EscalationStage.TEAM_MANAGER)
    form = PracticeAlertRaiseForm(
        request.POST or None,
        recipients=team_manager_choices(),
        initial={
            "recipient": default,
            "concern_detail": midpoint.concerns if midpoint else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            alert = practice_alert_raise(
                actor=request.user, child=child, midpoint_review=midpoint, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Practice alert raised")
            return redirect("protection:practice_alert_detail", pk=alert.pk)
    return render(
        request,
        "protection/chair/form_page.html",
        {
            "child": child,
            "form": form,
            "heading": "Raise a practice alert",
            "intro": "The manager you name is asked to respond within 5 working days. "
            "An alert with no response moves up to the service manager, then the head of "
            "service.",
            "midpoint": midpoint,
        },
    )


def _alert_or_404(pk: int):
    alert = practice_alert_get(pk=pk)
    if alert is None:
        raise Http404
    return alert


def _may_view_alert(user, alert) -> bool:
    """Chairs and alert-log readers, and anyone a stage was addressed to."""
    return (
        user.has_perm("protection.chair_oversight", alert.child)
        or user.has_perm("protection.view_alert_log")
        or any(s.recipient_id == user.pk for s in alert.stages.all())
    )


@require_GET
def practice_alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One alert: the concern, each stage (to whom, by when, the response) and what can be
    done next. A view of the child's record, so it is logged."""
    alert = _alert_or_404(pk)
    if not _may_view_alert(request.user, alert):
        record_access(actor=request.user, person=alert.child, page=request.path, granted=False)
        raise PermissionDenied
    record_access(actor=request.user, person=alert.child, page=request.path)
    is_chair = request.user.has_perm("protection.chair_oversight", alert.child)
    is_open = alert.status == PracticeAlertStatus.OPEN
    return render(
        request,
        "protection/chair/practice_alert_detail.html",
        {
            "alert": alert_view(alert),
            "child": alert.child,
            "can_respond": request.user.has_perm("protection.respond_alert", alert),
            "can_escalate": is_chair and is_open and alert.stage < EscalationStage.HEAD_OF_SERVICE,
            "can_resolve": is_chair and is_open,
        },
    )


def _alert_form_page(request, alert, form, heading: str, intro: str = "") -> HttpResponse:
    return render(
        request,
        "protection/chair/form_page.html",
        {
            "child": alert.child,
            "alert": alert_view(alert),
            "form": form,
            "heading": heading,
            "intro": intro,
        },
        status=400 if form.errors else 200,
    )


def _alert_action(request, alert, form, action, success: str) -> HttpResponse | None:
    """Call the service with the form's data; None (and the errors on the form) if refused."""
    data = dict(form.cleaned_data)
    expected = data.pop("version")
    try:
        action(actor=request.user, alert=alert, expected_version=expected, **data)
    except ValidationError as error:
        add_service_errors(form, error)
    except ConcurrentEditError as error:
        form.add_error(None, str(error))
    else:
        messages.success(request, success)
        return redirect("protection:practice_alert_detail", pk=alert.pk)
    return None


@require_http_methods(["GET", "POST"])
def practice_alert_respond_view(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert_or_404(pk)
    if not request.user.has_perm("protection.respond_alert", alert):
        raise PermissionDenied
    current = alert_current_stage(alert)
    form = PracticeAlertRespondForm(request.POST or None, initial={"version": current.version})
    if request.method == "POST" and form.is_valid():
        done = _alert_action(request, alert, form, practice_alert_respond, "Response sent")
        if done:
            return done
    return _alert_form_page(request, alert, form, "Respond to the practice alert")


@require_http_methods(["GET", "POST"])
def practice_alert_escalate_view(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert_or_404(pk)
    if not request.user.has_perm("protection.chair_oversight", alert.child):
        raise PermissionDenied
    next_stage = EscalationStage(min(alert.stage + 1, EscalationStage.HEAD_OF_SERVICE))
    form = PracticeAlertEscalateForm(
        request.POST or None,
        initial={"version": alert.version},
        stage_label=next_stage.label.lower(),
    )
    if request.method == "POST" and form.is_valid():
        done = _alert_action(
            request, alert, form, practice_alert_escalate, "Practice alert escalated"
        )
        if done:
            return done
    recipient = alert_recipient_default(child=alert.child, stage=next_stage)
    who = recipient.get_full_name() if recipient else f"no {next_stage.label.lower()} found"
    return _alert_form_page(
        request,
        alert,
        form,
        "Escalate the practice alert",
        f"It will go to the {next_stage.label.lower()} ({who}), who is asked to respond "
        "within 5 working days.",
    )


@require_http_methods(["GET", "POST"])
def practice_alert_resolve_view(request: HttpRequest, pk: int) -> HttpResponse:
    alert = _alert_or_404(pk)
    if not request.user.has_perm("protection.chair_oversight", alert.child):
        raise PermissionDenied
    form = PracticeAlertResolveForm(request.POST or None, initial={"version": alert.version})
    if request.method == "POST" and form.is_valid():
        done = _alert_action(
            request, alert, form, practice_alert_resolve, "Practice alert resolved"
        )
        if done:
            return done
    return _alert_form_page(request, alert, form, "Resolve the practice alert")


@require_GET
@permission_required("protection.receive_alerts", raise_exception=True)
def practice_alerts_for_me(request: HttpRequest) -> HttpResponse:
    """Alerts addressed to the signed-in manager: those waiting for their response first."""
    alerts = [alert_view(a) for a in practice_alert_list_for_recipient(user=request.user)]
    return render(
        request,
        "protection/chair/practice_alerts_for_me.html",
        {
            "waiting": [a for a in alerts if a.is_open],
            "closed": [a for a in alerts if not a.is_open],
        },
    )


@require_GET
@permission_required("protection.view_alert_log", raise_exception=True)
def practice_alert_log_view(request: HttpRequest) -> HttpResponse:
    """The chairs' alert log: every alert with its stage history (?status=open|resolved)."""
    status = request.GET.get("status")
    if status not in PracticeAlertStatus.values:
        status = None
    return render(
        request,
        "protection/chair/practice_alert_log.html",
        {
            "alerts": [alert_view(a) for a in practice_alert_log(status=status)],
            "status": status,
        },
    )
