"""Pages for legal records and the senior oversight trackers.

Every page checks a legal permission on the child whose record it is (the first child of a
sibling group; writes check every child); pages that show a record log the view. Refusals from
the services show on the form.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.casework.models import AttendeeRole, MeetingKind
from cairn.casework.selectors.plans import family_network_for_child
from cairn.casework.services.meetings import Attendee
from cairn.casework.views.child import child_or_404
from cairn.core import clock
from cairn.legal import forms as legal_forms
from cairn.legal import presenters
from cairn.legal.models import LegalDecision, RequestedFrom
from cairn.legal.selectors import records as selectors
from cairn.legal.selectors.trackers import (
    PLO_DEFAULT_WEEKS,
    pre_proceedings_tracker,
    proceedings_tracker,
)
from cairn.legal.services import legal_planning, pre_proceedings, proceedings
from cairn.legal.views._common import (
    VIEW,
    WRITE,
    check_all,
    check_permission,
    children_of,
    form_page,
    or_404,
    proceedings_form_view,
    try_service,
)
from cairn.timescales.values import rule_value

# --- legal planning ---------------------------------------------------------------------------


def _request_source(request, child):
    """What asked for the meeting: ?conference=<meeting id> or ?alert=<id>, else a manager.
    Returns (requested_from, conference, alert, intro for the page)."""
    source = request.GET.get("conference") or request.POST.get("conference")
    if source:
        conference = or_404(selectors.conference_for_child(meeting_id=source, child=child))
        when = presenters.long_date(conference.meeting.held_at)
        return (
            RequestedFrom.CONFERENCE,
            conference,
            None,
            f"Asked for by the review child protection conference on {when}.",
        )
    source = request.GET.get("alert") or request.POST.get("alert")
    if source:
        alert = or_404(selectors.practice_alert_for_child(pk=source, child=child))
        when = presenters.long_date(alert.raised_on)
        concern = alert.get_concern_display().lower()
        return (
            RequestedFrom.PRACTICE_ALERT,
            None,
            alert,
            f"Asked for by the chair's practice alert raised on {when}: {concern}.",
        )
    return RequestedFrom.MANAGER, None, None, ""


@require_http_methods(["GET", "POST"])
def legal_planning_new(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Record a legal planning meeting about the child and any brothers and sisters."""
    child = child_or_404(child_pk)
    check_permission(request, WRITE, child)
    requested_from, conference, alert, intro = _request_source(request, child)
    siblings = [
        p
        for p in family_network_for_child(child=child)
        if p.is_child and request.user.has_perm(WRITE, p)
    ]
    form = legal_forms.LegalPlanningForm(request.POST or None, children=[child, *siblings])
    if request.method == "GET":
        form.initial["children"] = [str(child.pk)]
    if request.method == "POST" and form.is_valid():
        detail = try_service(
            form,
            lambda: legal_planning.legal_planning_record(
                actor=request.user,
                requested_from=requested_from,
                conference=conference,
                practice_alert=alert,
                **form.service_fields(),
            ),
        )
        if detail:
            messages.success(request, "Legal planning meeting recorded")
            return redirect("legal:legal_planning_detail", pk=detail.meeting_id)
    return form_page(
        request,
        form=form,
        title="Record a legal planning meeting",
        caption=child.full_name,
        back_url=reverse("casework:child_detail", args=[child.pk]),
        intro=intro,
    )


@require_GET
def legal_planning_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = or_404(selectors.legal_planning_get(pk=pk))
    children = [mc.child for mc in detail.meeting.children.all()]
    check_all(request, VIEW, children, log=True)
    return render(
        request,
        "legal/legal_planning_detail.html",
        {
            "detail": detail,
            "rows": presenters.legal_planning_rows(detail),
            "child": children[0],
            "pre_proceedings": detail.pre_proceedings.all(),
            "care_proceedings": detail.care_proceedings.all(),
            "can_issue": detail.decision == LegalDecision.ISSUE_PROCEEDINGS
            and not detail.care_proceedings.all()
            and all(request.user.has_perm(WRITE, c) for c in children),
        },
    )


# --- pre-proceedings --------------------------------------------------------------------------


@require_GET
def pre_proceedings_detail(request: HttpRequest, pk: int) -> HttpResponse:
    pp = or_404(selectors.pre_proceedings_get(pk=pk))
    children = children_of(pp.children)
    check_all(request, VIEW, children, log=True)
    return render(
        request,
        "legal/pre_proceedings_detail.html",
        {
            "pp": pp,
            "rows": presenters.pre_proceedings_rows(pp),
            "meetings": presenters.pre_proceedings_meeting_rows(pp),
            "child": children[0],
            "can_write": request.user.has_perm(WRITE, children[0]) and not pp.outcome,
            "can_issue": request.user.has_perm(WRITE, children[0])
            and pp.outcome == "issue"
            and not pp.care_proceedings.exists(),
        },
    )


def _pp_form_view(request, pk, form_class, title, submit_call, **form_kwargs):
    pp = or_404(selectors.pre_proceedings_get(pk=pk))
    children = children_of(pp.children)
    check_all(request, WRITE, children)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        if try_service(form, lambda: submit_call(pp, form.cleaned_data)) is not None:
            messages.success(request, f"{title} recorded")
            return redirect("legal:pre_proceedings_detail", pk=pp.pk)
    return form_page(
        request,
        form=form,
        title=title,
        caption=", ".join(c.full_name for c in children),
        back_url=reverse("legal:pre_proceedings_detail", args=[pp.pk]),
    )


@require_http_methods(["GET", "POST"])
def pre_proceedings_letter(request: HttpRequest, pk: int) -> HttpResponse:
    return _pp_form_view(
        request,
        pk,
        legal_forms.LetterForm,
        "Letter before proceedings",
        lambda pp, d: pre_proceedings.pre_proceedings_letter_record(
            actor=request.user, pp=pp, expected_version=pp.version, **d
        ),
    )


@require_http_methods(["GET", "POST"])
def pre_proceedings_fgdm(request: HttpRequest, pk: int) -> HttpResponse:
    return _pp_form_view(
        request,
        pk,
        legal_forms.FgdmForm,
        "Family group decision-making",
        lambda pp, d: pre_proceedings.pre_proceedings_fgdm_record(
            actor=request.user,
            pp=pp,
            expected_version=pp.version,
            offered=d["offered"] == "yes",
            offered_on=d["offered_on"],
            held_on=d["held_on"],
            not_reason=d["not_reason"],
        ),
    )


@require_http_methods(["GET", "POST"])
def pre_proceedings_meeting(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    if kind not in (MeetingKind.PP_INITIAL, MeetingKind.PP_REVIEW):
        raise Http404
    initial = kind == MeetingKind.PP_INITIAL

    def submit(pp, d):
        attendance = [
            Attendee(role=AttendeeRole.OTHER, name=line.strip(), attended=True)
            for line in d["parents"].splitlines()
            if line.strip()
        ]
        return pre_proceedings.pre_proceedings_meeting_record(
            actor=request.user,
            pp=pp,
            kind=kind,
            held_at=legal_forms.held_at(d),
            attendance=attendance,
            parents_legal_rep=d.get("parents_legal_rep", ""),
            progress=d.get("progress", ""),
        )

    return _pp_form_view(
        request,
        pk,
        legal_forms.PreProceedingsMeetingForm,
        MeetingKind(kind).label,
        submit,
        initial_meeting=initial,
    )


@require_http_methods(["GET", "POST"])
def pre_proceedings_step(request: HttpRequest, pk: int) -> HttpResponse:
    return _pp_form_view(
        request,
        pk,
        legal_forms.StepDecisionForm,
        "Step decision",
        lambda pp, d: pre_proceedings.pre_proceedings_step_decide(
            actor=request.user, pp=pp, expected_version=pp.version, **d
        ),
    )


# --- care proceedings -------------------------------------------------------------------------


@require_GET
def proceedings_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cp = or_404(selectors.proceedings_get(pk=pk))
    children = children_of(cp.children)
    check_all(request, VIEW, children, log=True)
    return render(
        request,
        "legal/proceedings_detail.html",
        {
            "cp": cp,
            "rows": presenters.proceedings_rows(cp),
            "hearings": presenters.hearing_rows(cp, today=clock.today()),
            "children": presenters.proceedings_children_rows(cp),
            "child": children[0],
            "can_change": request.user.has_perm(WRITE, children[0]),
            "can_write": request.user.has_perm(WRITE, children[0]) and cp.concluded_on is None,
        },
    )


@require_http_methods(["GET", "POST"])
def hearing_new(request: HttpRequest, pk: int) -> HttpResponse:
    return proceedings_form_view(
        request,
        pk,
        legal_forms.HearingForm,
        "Hearing",
        lambda cp, _c, d: proceedings.hearing_record(actor=request.user, proceedings=cp, **d),
    )


@require_http_methods(["GET", "POST"])
def extension_new(request: HttpRequest, pk: int) -> HttpResponse:
    return proceedings_form_view(
        request,
        pk,
        legal_forms.ExtensionForm,
        "Extension",
        lambda cp, _c, d: proceedings.proceedings_extension_grant(
            actor=request.user, proceedings=cp, **d
        ),
    )


@require_http_methods(["GET", "POST"])
def proceedings_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    def submit(cp, children, d):
        orders = [
            proceedings.ChildOrder(
                child=c,
                final_order=d.get(f"order_{c.pk}", ""),
                final_care_plan=d.get(f"plan_{c.pk}", ""),
            )
            for c in children
        ]
        return proceedings.proceedings_conclude(
            actor=request.user,
            proceedings=cp,
            expected_version=cp.version,
            concluded_on=d["concluded_on"],
            orders=orders,
        )

    return proceedings_form_view(
        request,
        pk,
        legal_forms.ConcludeForm,
        "Conclusion and final orders",
        submit,
        form_kwargs=lambda cp, _children: {"rows": list(cp.children.all())},
    )


# --- trackers ---------------------------------------------------------------------------------


@require_GET
@permission_required("legal.view_trackers", raise_exception=True)
def pre_proceedings_tracker_page(request: HttpRequest) -> HttpResponse:
    """Every child in pre-proceedings the manager may see, against the local limit."""
    today = clock.today()
    limit = rule_value("PLO_DURATION") or PLO_DEFAULT_WEEKS
    rows = pre_proceedings_tracker(user=request.user, today=today, limit_weeks=limit)
    return render(
        request,
        "legal/pre_proceedings_tracker.html",
        {
            "lines": presenters.tracker_lines(rows, viewer=request.user),
            "rows": rows,
            "flagged": sum(1 for row in rows if row.flags),
            "limit": limit,
            "today": presenters.long_date(today),
        },
    )


@require_GET
@permission_required("legal.view_trackers", raise_exception=True)
def proceedings_tracker_page(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    rows = proceedings_tracker(user=request.user, today=today)
    return render(
        request,
        "legal/proceedings_tracker.html",
        {
            "lines": presenters.tracker_lines(rows, viewer=request.user),
            "rows": rows,
            "flagged": sum(1 for row in rows if row.flags),
            "today": presenters.long_date(today),
        },
    )
