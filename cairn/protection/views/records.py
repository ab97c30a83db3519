"""Pages for child protection records: strategy discussion, S47 enquiry, conferences (record,
decision, finalise, addendum), the CP plan, core groups and core group members.

Every page checks a protection permission on the child whose record it is; pages that show the
record log the view (and refused attempts). Refusals from the services show on the form.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cairn.casework.forms.plans import add_service_errors
from cairn.casework.models import MeetingKind
from cairn.casework.selectors.plans import family_network_for_child, plan_get
from cairn.casework.services.meetings import current_outcomes
from cairn.casework.views.child import child_or_404
from cairn.casework.views.plans import check_permission
from cairn.core.records import ConcurrentEditError
from cairn.core.working_days import council_calendar
from cairn.protection.forms.records import (
    AddendumForm,
    ConferenceDecisionForm,
    ConferenceForm,
    CoreGroupForm,
    CoreGroupMemberForm,
    FinaliseForm,
    S47Form,
    StrategyDiscussionForm,
)
from cairn.protection.presenters import records as presenters
from cairn.protection.selectors.records import (
    conference_get,
    core_group_get,
    cp_plan_get,
    s47_get,
    strategy_get,
)
from cairn.protection.services import conferences, core_groups, plans, s47, strategy

VIEW, WRITE = "protection.view_record", "protection.write_record"
RECORD, ADDENDUM = "protection.record_conference", "protection.add_addendum"


def _or_404(value):
    if value is None:
        raise Http404
    return value


def _form_page(request, *, form, title: str, caption: str, back_url: str, intro: str = ""):
    return render(
        request,
        "protection/form_page.html",
        {"form": form, "title": title, "caption": caption, "back_url": back_url, "intro": intro},
    )


def _child_url(child) -> str:
    return reverse("casework:child_detail", args=[child.pk])


# --- strategy discussions ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def strategy_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Record a strategy discussion about the child and any brothers and sisters."""
    child = child_or_404(child_pk)
    check_permission(request, WRITE, child)
    siblings = [
        p
        for p in family_network_for_child(child=child)
        if p.is_child and request.user.has_perm(WRITE, p)
    ]
    form = StrategyDiscussionForm(request.POST or None, children=[child, *siblings])
    if request.method == "GET":
        form.initial["children"] = [str(child.pk)]
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if not all(request.user.has_perm(WRITE, c) for c in fields["children"]):
            raise PermissionDenied
        try:
            discussion = strategy.strategy_discussion_record(actor=request.user, **fields)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Strategy discussion recorded")
            return redirect("protection:strategy_detail", pk=discussion.meeting_id)
    return _form_page(
        request,
        form=form,
        title="Record a strategy discussion",
        caption=child.full_name,
        back_url=_child_url(child),
    )


@require_GET
def strategy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _or_404(strategy_get(pk=pk))
    children = [c.child for c in meeting.children.all()]
    for child in children:
        check_permission(request, VIEW, child, log=True)
    return render(
        request,
        "protection/strategy_detail.html",
        {
            "page": presenters.strategy_page(meeting),
            "back_url": _child_url(children[0]),
            "child": children[0],
        },
    )


# --- S47 enquiries ----------------------------------------------------------------------------


@require_GET
def s47_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = _or_404(s47_get(pk=pk))
    check_permission(request, VIEW, enquiry.child, log=True)
    return render(
        request,
        "protection/s47_detail.html",
        {
            "page": presenters.s47_page(enquiry, council_calendar()),
            "can_write": request.user.has_perm(WRITE, enquiry.child),
            "can_record_conference": request.user.has_perm(RECORD, enquiry.child),
            "back_url": _child_url(enquiry.child),
        },
    )


@require_http_methods(["GET", "POST"])
def s47_edit(request: HttpRequest, pk: int) -> HttpResponse:
    enquiry = _or_404(s47_get(pk=pk))
    check_permission(request, WRITE, enquiry.child)
    initial = {
        "child_seen_on": enquiry.child_seen_on,
        "findings": enquiry.findings,
        "outcome": enquiry.outcome,
        "icpc_needed": {True: "yes", False: "no"}.get(enquiry.icpc_needed, ""),
        "icpc_not_needed_reason": enquiry.icpc_not_needed_reason,
        "ended_on": enquiry.ended_on,
        "version": enquiry.version,
    }
    form = S47Form(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            s47.s47_update(
                actor=request.user,
                s47=enquiry,
                expected_version=form.cleaned_data["version"],
                **form.service_fields(),
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "S47 enquiry saved")
            return redirect("protection:s47_detail", pk=enquiry.pk)
    return _form_page(
        request,
        form=form,
        title="S47 enquiry: findings and outcome",
        caption=enquiry.child.full_name,
        back_url=reverse("protection:s47_detail", args=[enquiry.pk]),
    )


# --- conferences ------------------------------------------------------------------------------


def _parents(child):
    return [p for p in family_network_for_child(child=child) if not p.is_child]


def _conference_form_page(request, *, child, kind, back_url, record, outcomes=(), intro=""):
    is_icpc = kind == MeetingKind.ICPC
    form = ConferenceForm(
        request.POST or None,
        child=child,
        is_icpc=is_icpc,
        parents=_parents(child),
        outcomes=outcomes,
    )
    if request.method == "POST" and form.is_valid():
        try:
            conference = record(**form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Conference recorded. Finalise it when it is complete.")
            return redirect("protection:conference_detail", pk=conference.meeting_id)
    title = (
        "Record the initial child protection conference"
        if is_icpc
        else "Record the review child protection conference"
    )
    return _form_page(
        request, form=form, title=title, caption=child.full_name, back_url=back_url, intro=intro
    )


@require_http_methods(["GET", "POST"])
def icpc_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record the ICPC that follows a S47 enquiry (a CP chair); the target date is shown."""
    enquiry = _or_404(s47_get(pk=pk))
    check_permission(request, RECORD, enquiry.child)
    page = presenters.s47_page(enquiry, council_calendar())

    def record(**fields):
        return conferences.conference_record(
            actor=request.user,
            kind=MeetingKind.ICPC,
            child=enquiry.child,
            chair=request.user,
            s47=enquiry,
            **fields,
        )

    return _conference_form_page(
        request,
        child=enquiry.child,
        kind=MeetingKind.ICPC,
        back_url=reverse("protection:s47_detail", args=[enquiry.pk]),
        record=record,
        intro=f"Target date: {page['icpc_target']} (15 working days from the strategy discussion).",
    )


@require_http_methods(["GET", "POST"])
def transfer_in_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Record a transfer-in conference: the ICPC for a child on a CP plan in another council,
    which follows no S47 enquiry here (a CP chair)."""
    child = child_or_404(child_pk)
    check_permission(request, RECORD, child)

    def record(**fields):
        return conferences.conference_record(
            actor=request.user,
            kind=MeetingKind.ICPC,
            child=child,
            chair=request.user,
            transfer_in=True,
            **fields,
        )

    return _conference_form_page(
        request,
        child=child,
        kind=MeetingKind.ICPC,
        back_url=_child_url(child),
        record=record,
        intro="A transfer-in conference: the child is subject to a child protection plan in "
        "another council.",
    )


@require_http_methods(["GET", "POST"])
def review_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a review child protection conference of the plan (a CP chair)."""
    plan = _or_404(plan_get(pk=pk))
    check_permission(request, RECORD, plan.child)

    def record(**fields):
        return conferences.conference_record(
            actor=request.user,
            kind=MeetingKind.RCPC,
            child=plan.child,
            chair=request.user,
            plan=plan,
            **fields,
        )

    return _conference_form_page(
        request,
        child=plan.child,
        kind=MeetingKind.RCPC,
        back_url=reverse("protection:cp_plan_detail", args=[plan.pk]),
        record=record,
        outcomes=current_outcomes(plan),
    )


def _conference_or_404(pk: int):
    return _or_404(conference_get(pk=pk))


@require_GET
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference_or_404(pk)
    child = conference.child
    check_permission(request, VIEW, child, log=True)
    meeting = conference.meeting
    is_chair = meeting.chair_id == request.user.pk and request.user.has_perm(RECORD, child)
    return render(
        request,
        "protection/conference_detail.html",
        {
            "page": presenters.conference_page(conference, council_calendar()),
            "can_change": is_chair and meeting.finalised_at is None,
            "can_add_addendum": meeting.finalised_at is not None
            and request.user.has_perm(ADDENDUM, child),
            "back_url": _child_url(child),
        },
    )


@require_http_methods(["GET", "POST"])
def conference_decision(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference_or_404(pk)
    check_permission(request, RECORD, conference.child)
    is_icpc = conference.meeting.kind == MeetingKind.ICPC
    initial = {
        "outcome": conference.outcome,
        "category": conference.category,
        "refer_legal_planning": conference.refer_legal_planning,
        "version": conference.version,
    }
    form = ConferenceDecisionForm(request.POST or None, initial=initial, is_icpc=is_icpc)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conferences.conference_decision_update(
                actor=request.user,
                conference=conference,
                expected_version=data["version"],
                outcome=data["outcome"],
                category=data["category"],
                refer_legal_planning=data.get("refer_legal_planning", False),
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Decision saved")
            return redirect("protection:conference_detail", pk=pk)
    return _form_page(
        request,
        form=form,
        title="Change the conference's decision",
        caption=conference.child.full_name,
        back_url=reverse("protection:conference_detail", args=[pk]),
    )


@require_http_methods(["GET", "POST"])
def conference_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    """The chair finalises the record; its decision is then carried out."""
    conference = _conference_or_404(pk)
    check_permission(request, RECORD, conference.child)
    form = FinaliseForm(request.POST or None, outcome=conference.outcome)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        step_down = conferences.StepDown(
            reason=data.get("reason", ""),
            lead_organisation=data.get("lead_organisation", ""),
            lead_practitioner=data.get("lead_practitioner", ""),
            closure_reason=data.get("closure_reason", ""),
        )
        try:
            conferences.conference_finalise(
                actor=request.user, conference=conference, step_down=step_down
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Conference record finalised")
            return redirect("protection:conference_detail", pk=pk)
    decision = conference.get_outcome_display() or "none recorded yet"
    return _form_page(
        request,
        form=form,
        title="Finalise the conference record",
        caption=conference.child.full_name,
        back_url=reverse("protection:conference_detail", args=[pk]),
        intro=f"Decision: {decision}. After finalising, the record changes only by addendum, "
        "and the decision is carried out.",
    )


@require_http_methods(["GET", "POST"])
def addendum_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = _conference_or_404(pk)
    check_permission(request, ADDENDUM, conference.child)
    form = AddendumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            conferences.meeting_addendum_add(
                actor=request.user,
                meeting=conference.meeting,
                child=conference.child,
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Addendum added")
            return redirect("protection:conference_detail", pk=pk)
    return _form_page(
        request,
        form=form,
        title="Add an addendum",
        caption=conference.child.full_name,
        back_url=reverse("protection:conference_detail", args=[pk]),
    )


# --- CP plans and core groups -----------------------------------------------------------------


@require_GET
def cp_plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _or_404(cp_plan_get(pk=pk))
    check_permission(request, VIEW, plan.child, log=True)
    return render(
        request,
        "protection/cp_plan_detail.html",
        {
            "page": presenters.cp_plan_page(plan, council_calendar()),
            "can_write": request.user.has_perm(WRITE, plan.child),
            "can_record_conference": request.user.has_perm(RECORD, plan.child),
            "back_url": _child_url(plan.child),
        },
    )


@require_http_methods(["GET", "POST"])
def core_group_new(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _or_404(plan_get(pk=pk))
    check_permission(request, WRITE, plan.child)
    form = CoreGroupForm(request.POST or None, outcomes=current_outcomes(plan))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = core_groups.core_group_record(
                actor=request.user, plan=plan, **form.service_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Core group recorded")
            return redirect("protection:core_group_detail", pk=meeting.pk)
    return _form_page(
        request,
        form=form,
        title="Record a core group meeting",
        caption=plan.child.full_name,
        back_url=reverse("protection:cp_plan_detail", args=[plan.pk]),
    )


@require_GET
def core_group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _or_404(core_group_get(pk=pk))
    check_permission(request, VIEW, meeting.plan.child, log=True)
    return render(
        request,
        "protection/core_group_detail.html",
        {
            "page": presenters.core_group_page(meeting),
            "child": meeting.plan.child,
            "back_url": reverse("protection:cp_plan_detail", args=[meeting.plan_id]),
        },
    )


@require_http_methods(["GET", "POST"])
def core_group_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _or_404(plan_get(pk=pk))
    check_permission(request, WRITE, plan.child)
    form = CoreGroupMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plans.core_group_member_add(actor=request.user, plan=plan, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Core group member added")
            return redirect("protection:cp_plan_detail", pk=plan.pk)
    return _form_page(
        request,
        form=form,
        title="Add a core group member",
        caption=plan.child.full_name,
        back_url=reverse("protection:cp_plan_detail", args=[plan.pk]),
    )
