"""Pages for CIN reviews: recording one over several short pages with a check-your-answers page
before it is saved, and the review's own page.

Answers are kept in the session, per plan, until the review is saved; nothing is written to the
record before "check your answers" is submitted.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cairn.casework.forms.meetings import (
    ReviewAttendanceForm,
    ReviewDecisionForm,
    ReviewDetailsForm,
    ReviewParticipationForm,
    ReviewRatingsForm,
)
from cairn.casework.models import PlanStatus
from cairn.casework.presenters.meetings import check_answer_sections, review_page
from cairn.casework.selectors.meetings import meeting_get
from cairn.casework.selectors.plans import (
    chair_choices,
    family_network_for_child,
    plan_current_version,
    plan_get,
)
from cairn.casework.services.meetings import ChildParticipation, cin_review_record
from cairn.casework.views.plans import VIEW, WRITE, check_permission

STEPS = {
    "details": "Review details",
    "attendance": "Who was invited and who attended",
    "participation": "How the child took part",
    "ratings": "Progress on each outcome",
    "decision": "Is the plan making a difference?",
}
ORDER = list(STEPS)
# Which page to go back to for each part a refusal names.
STEP_FOR_FIELD = {
    "held_at": "details",
    "chair": "details",
    "attendance": "attendance",
    "participation": "participation",
    "ratings": "ratings",
    "making_difference": "decision",
    "what_changes": "decision",
    "decision": "decision",
}


def _session_key(plan) -> str:
    return f"cin_review:{plan.pk}"


def _stored(request: HttpRequest, plan) -> dict:
    return request.session.get(_session_key(plan), {})


def _as_querydict(data: dict | None) -> QueryDict | None:
    if data is None:
        return None
    query = QueryDict(mutable=True)
    for key, values in data.items():
        query.setlist(key, values)
    return query


def _form(step: str, plan, data=None):
    child = plan.child
    if step == "details":
        return ReviewDetailsForm(data, chairs=list(chair_choices()))
    if step == "attendance":
        people = [p for p in family_network_for_child(child=child) if not p.is_child]
        return ReviewAttendanceForm(data, people=people)
    if step == "participation":
        return ReviewParticipationForm(data, child=child)
    if step == "ratings":
        current = plan_current_version(plan)
        return ReviewRatingsForm(data, outcomes=list(current.outcomes.all()) if current else [])
    return ReviewDecisionForm(data)


def _active_plan_for_writing(request: HttpRequest, pk: int):
    plan = plan_get(pk=pk)
    if plan is None:
        raise Http404
    check_permission(request, WRITE, plan.child)
    if plan.status != PlanStatus.ACTIVE:
        raise Http404("Only an active plan can be reviewed")
    return plan


@require_http_methods(["GET", "POST"])
def review_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One page of recording a CIN review."""
    if step not in STEPS:
        raise Http404
    plan = _active_plan_for_writing(request, pk)
    stored = _stored(request, plan)
    if request.method == "POST":
        form = _form(step, plan, request.POST)
        if form.is_valid():
            kept = {k: v for k, v in request.POST.lists() if k not in ("csrfmiddlewaretoken",)}
            request.session[_session_key(plan)] = stored | {step: kept}
            return redirect(_next_url(plan, step, stored | {step: kept}))
    else:
        form = _form(step, plan, _as_querydict(stored.get(step)))
    position = ORDER.index(step)
    back = (
        reverse("casework:review_step", args=[plan.pk, ORDER[position - 1]])
        if position
        else reverse("casework:plan_detail", args=[plan.pk])
    )
    return render(
        request,
        "casework/plans/review_step.html",
        {
            "form": form,
            "title": STEPS[step],
            "caption": f"CIN review for {plan.child.full_name}",
            "step_text": f"Part {position + 1} of {len(ORDER)}",
            "back_url": back,
        },
    )


def _next_url(plan, step: str, stored: dict) -> str:
    if all(s in stored for s in ORDER):
        return reverse("casework:review_check", args=[plan.pk])
    following = ORDER[ORDER.index(step) + 1 :]
    return reverse("casework:review_step", args=[plan.pk, following[0]])


def _answers(plan, stored: dict) -> tuple[dict | None, str | None]:
    """The review's answers from the stored pages, or the first page still to complete."""
    forms = {}
    for step in ORDER:
        form = _form(step, plan, _as_querydict(stored.get(step)))
        if step not in stored or not form.is_valid():
            return None, step
        forms[step] = form
    details, decision = forms["details"], forms["decision"].cleaned_data
    participation = forms["participation"].cleaned_data
    ratings = forms["ratings"]
    by_pk = ratings.ratings()
    return {
        "held_at": details.held_at(),
        "chair": details.chosen_chair(),
        "attendees": forms["attendance"].attendees(),
        "participation": (participation["participation"], participation["participation_note"]),
        "ratings": [(o, by_pk[o.pk]) for o in ratings.outcomes],
        "making_difference": decision["making_difference"],
        "what_changes": decision["what_changes"],
        "decision": decision["decision"],
    }, None


@require_http_methods(["GET", "POST"])
def review_check(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then save the review (which makes the plan's next version)."""
    plan = _active_plan_for_writing(request, pk)
    answers, missing = _answers(plan, _stored(request, plan))
    if answers is None:
        return redirect("casework:review_step", pk=plan.pk, step=missing)
    errors = []
    if request.method == "POST":
        mode, note = answers["participation"]
        try:
            meeting = cin_review_record(
                actor=request.user,
                plan=plan,
                held_at=answers["held_at"],
                chair=answers["chair"],
                attendance=answers["attendees"],
                participation=[ChildParticipation(child=plan.child, mode=mode, note=note)],
                ratings={o.pk: r for o, r in answers["ratings"]},
                making_difference=answers["making_difference"],
                what_changes=answers["what_changes"],
                decision=answers["decision"],
            )
        except ValidationError as error:
            errors = _error_links(plan, error)
        else:
            request.session.pop(_session_key(plan), None)
            messages.success(request, "CIN review recorded. The plan's next version is a draft.")
            return redirect("casework:review_detail", pk=meeting.pk)
    return render(
        request,
        "casework/plans/review_check.html",
        {
            "sections": check_answer_sections(plan=plan, answers=answers),
            "errors": errors,
            "caption": f"CIN review for {plan.child.full_name}",
            "back_url": reverse("casework:review_step", args=[plan.pk, ORDER[-1]]),
        },
    )


def _error_links(plan, error: ValidationError) -> list[tuple[str, str]]:
    links = []
    for field_name, problems in error.message_dict.items():
        step = STEP_FOR_FIELD.get(field_name)
        url = (
            reverse("casework:review_step", args=[plan.pk, step])
            if step
            else reverse("casework:plan_detail", args=[plan.pk])
        )
        links += [(problem, url) for problem in problems]
    return links


@require_GET
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_get(pk=pk)
    if meeting is None or meeting.plan is None:
        raise Http404
    check_permission(request, VIEW, meeting.plan.child, log=True)
    return render(request, "casework/plans/review_detail.html", {"page": review_page(meeting)})
