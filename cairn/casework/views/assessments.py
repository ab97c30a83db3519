"""Assessment pages: the child's assessments, an assessment's overview, one section per page,
identity, views, factors, check your answers and submit, the manager's decision, significant
events. Every page checks its permission on the child and logs the view of the child's record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cairn.casework.forms import assessments as forms
from cairn.casework.models import Assessment, AssessmentStatus
from cairn.casework.presenters import assessments as present
from cairn.casework.selectors import assessments as selectors
from cairn.casework.services import assessments as services
from cairn.core.audit import record_access
from cairn.core.records import ConcurrentEditError
from cairn.frontdoor.selectors import episode_get_open
from cairn.people.models import Person

VIEW, WRITE, AUTHORISE = "casework.view_record", "casework.write_record", "casework.authorise"
EDITABLE = services.EDITABLE


def _guard(request: HttpRequest, child: Person, perm: str) -> None:
    """Refuse (and log the refused attempt) unless the user has `perm` on the child; log the
    view of the child's record."""
    if not request.user.has_perm(perm, child):
        record_access(actor=request.user, person=child, page=request.path, granted=False)
        raise PermissionDenied
    record_access(actor=request.user, person=child, page=request.path)


def _child(request: HttpRequest, child_pk: int, perm: str) -> Person:
    child = selectors.child_get(pk=child_pk)
    if child is None:
        raise Http404
    _guard(request, child, perm)
    return child


def _assessment(request: HttpRequest, pk: int, perm: str) -> Assessment:
    assessment = selectors.assessment_get(pk=pk)
    if assessment is None:
        raise Http404
    _guard(request, assessment.child, perm)
    return assessment


def _show_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _detail(assessment: Assessment):
    return redirect("casework:assessment_detail", pk=assessment.pk)


@require_GET
def assessment_list(request: HttpRequest, child_pk: int) -> HttpResponse:
    """The child's assessments, the significant events recorded, and any update now due."""
    child = _child(request, child_pk, VIEW)
    can_write = request.user.has_perm(WRITE, child)
    episode = episode_get_open(child=child)
    can_start = (
        can_write
        and episode is not None
        and selectors.assessment_in_progress(episode=episode) is None
    )
    due = selectors.assessment_update_due(child=child)
    return render(
        request,
        "casework/assessments/assessment_list.html",
        {
            "child": child,
            "rows": present.assessment_rows(selectors.assessment_list_for_child(child=child)),
            "due_rows": present.update_due_rows(child, due, can_start=can_start),
            "event_rows": present.event_rows(
                selectors.significant_event_list_for_child(child=child)
            ),
            "start_url": reverse("casework:assessment_start", args=[child.pk]) if can_start else "",
            "event_url": reverse("casework:significant_event_record", args=[child.pk])
            if can_write
            else "",
            "has_open_referral": episode is not None,
        },
    )


def _start_context(request: HttpRequest, child: Person):
    """For an updated assessment: the event that prompted it and the assessment it updates."""
    event = None
    if event_pk := request.GET.get("event"):
        event = selectors.significant_event_get(pk=int(event_pk)) if event_pk.isdigit() else None
        if event is None or event.child_id != child.pk:
            raise Http404
    previous = None
    if event is not None or request.GET.get("update"):
        previous = selectors.assessment_latest_authorised(child=child)
    return event, previous


@require_http_methods(["GET", "POST"])
def assessment_start(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Start an assessment in the child's open referral; ?event=<id> starts an updated one,
    pre-filled from the latest authorised assessment."""
    child = _child(request, child_pk, WRITE)
    episode = episode_get_open(child=child)
    event, previous = _start_context(request, child)
    button = "Start updated assessment" if previous else "Start assessment"
    form = forms.StartForm(request.POST or None, button=button)
    if request.method == "POST" and episode is not None and form.is_valid():
        try:
            assessment = services.assessment_start(
                actor=request.user,
                episode=episode,
                started_on=form.cleaned_data["started_on"],
                previous=previous,
                prompted_by=event,
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "Assessment started")
            return _detail(assessment)
    return render(
        request,
        "casework/assessments/assessment_start.html",
        {
            "child": child,
            "form": form,
            "episode": episode,
            "referral_date": present.format_date(episode.referral_date) if episode else "",
            "previous_authorised": present.format_date(previous.authorised_on) if previous else "",
            "event": f"{event.get_type_display()} on {present.format_date(event.occurred_on)}"
            if event
            else "",
            "back_url": reverse("casework:assessment_list", args=[child.pk]),
        },
    )


@require_GET
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An assessment's overview: status, timeliness, sections, identity, views and factors."""
    assessment = _assessment(request, pk, VIEW)
    child = assessment.child
    editable = assessment.status in EDITABLE and request.user.has_perm(WRITE, child)
    can_decide = request.user.has_perm(AUTHORISE, child)
    timeliness = selectors.assessment_timeliness(assessment)
    history = present.history_rows(assessment)
    return render(
        request,
        "casework/assessments/assessment_detail.html",
        {
            "assessment": assessment,
            "child": child,
            "status": present.status_tag(assessment),
            "timeliness": present.timeliness_tag(timeliness),
            "timeliness_rows": present.timeliness_rows(assessment, timeliness),
            "section_rows": present.section_rows(assessment, editable=editable),
            "identity_rows": present.identity_rows(assessment, editable=editable),
            "view_rows": present.view_rows(assessment),
            "factors": present.factor_labels(assessment),
            "history": history,
            "returned_comment": history[-1].comment
            if assessment.status == AssessmentStatus.RETURNED and history
            else "",
            "editable": editable,
            "previous_url": reverse("casework:assessment_detail", args=[assessment.previous_id])
            if assessment.previous_id
            else "",
            "decide_url": reverse("casework:assessment_decide", args=[pk])
            if can_decide and assessment.status == AssessmentStatus.SUBMITTED
            else "",
            "target_url": reverse("casework:assessment_target", args=[pk])
            if can_decide and assessment.status != AssessmentStatus.AUTHORISED
            else "",
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_section(request: HttpRequest, pk: int, section: str) -> HttpResponse:
    """One section of the assessment on its own page."""
    if section not in forms.SECTIONS:
        raise Http404
    assessment = _assessment(request, pk, WRITE)
    name, heading, _field = forms.SECTIONS[section]
    initial = {name: getattr(assessment, name), "version": assessment.version}
    form = forms.SectionForm(request.POST or None, section=section, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_update(
                actor=request.user,
                assessment=assessment,
                expected_version=form.cleaned_data["version"],
                **{name: form.cleaned_data[name]},
            )
        except ValidationError as error:
            _show_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            return _detail(assessment)
    return _form_page(request, "assessment_section.html", assessment, form, heading=heading)


def _form_page(request, template: str, assessment: Assessment, form, **extra) -> HttpResponse:
    return render(
        request,
        f"casework/assessments/{template}",
        {
            "assessment": assessment,
            "child": assessment.child,
            "form": form,
            "back_url": reverse("casework:assessment_detail", args=[assessment.pk]),
            **extra,
        },
    )


@require_http_methods(["GET", "POST"])
def assessment_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """Each aspect of the child's identity: what was found, or why it is not relevant."""
    assessment = _assessment(request, pk, WRITE)
    initial = {}
    for row in assessment.identity.all():
        initial[f"{row.aspect}_content"] = row.content
        initial[f"{row.aspect}_reason"] = row.not_relevant_reason
    form = forms.IdentityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_identity_update(
                actor=request.user, assessment=assessment, answers=form.answers()
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            return _detail(assessment)
    return _form_page(request, "assessment_identity.html", assessment, form)


@require_http_methods(["GET", "POST"])
def assessment_views(request: HttpRequest, pk: int) -> HttpResponse:
    """The views recorded so far, and a form to add the child's, a parent's or a
    professional's."""
    assessment = _assessment(request, pk, WRITE)
    network = list(selectors.family_network(child=assessment.child))
    form = forms.ViewForm(request.POST or None, network=network)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_view_add(
                actor=request.user,
                assessment=assessment,
                holder=data["holder"],
                person=next((p for p in network if p.pk == data["person"]), None),
                professional_name=data["professional_name"],
                agency=data["agency"],
                how_obtained=data["how_obtained"],
                content=data["content"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "View added")
            return redirect("casework:assessment_views", pk=pk)
    return _form_page(
        request,
        "assessment_views.html",
        assessment,
        form,
        view_rows=present.view_rows(assessment),
    )


@require_http_methods(["GET", "POST"])
def assessment_factors(request: HttpRequest, pk: int) -> HttpResponse:
    """The factors identified (CIN census codes), as checkboxes."""
    assessment = _assessment(request, pk, WRITE)
    initial = {"codes": [f.code for f in assessment.factors.all()]}
    form = forms.FactorsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_factors_set(
                actor=request.user, assessment=assessment, codes=form.cleaned_data["codes"]
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            return _detail(assessment)
    return _form_page(request, "assessment_factors.html", assessment, form)


@require_http_methods(["GET", "POST"])
def assessment_target(request: HttpRequest, pk: int) -> HttpResponse:
    """A manager sets a target shorter than 45 working days."""
    assessment = _assessment(request, pk, AUTHORISE)
    form = forms.TargetForm(request.POST or None, initial={"target_date": assessment.target_date})
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_set_target(
                actor=request.user,
                assessment=assessment,
                target_date=form.cleaned_data["target_date"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "Target date set")
            return _detail(assessment)
    return _form_page(
        request,
        "assessment_target.html",
        assessment,
        form,
        deadline=present.format_date(selectors.assessment_standard_deadline(assessment)),
    )


def _answers_context(assessment: Assessment) -> dict:
    return {
        "section_rows": present.section_rows(assessment, editable=True),
        "identity_rows": present.identity_rows(assessment, editable=True),
        "view_rows": present.view_rows(assessment),
        "factors": present.factor_labels(assessment),
        "views_url": reverse("casework:assessment_views", args=[assessment.pk]),
        "factors_url": reverse("casework:assessment_factors", args=[assessment.pk]),
    }


@require_http_methods(["GET", "POST"])
def assessment_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Check your answers, then submit the assessment for a manager's authorisation."""
    assessment = _assessment(request, pk, WRITE)
    form = forms.ConfirmForm(request.POST or None, button="Submit for authorisation")
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            services.assessment_submit(actor=request.user, assessment=assessment)
        except ValidationError as error:
            errors = present.problem_links(assessment, error.message_dict)
        else:
            messages.success(request, "Assessment submitted for authorisation")
            return _detail(assessment)
    missing = selectors.assessment_missing_for_submission(assessment)
    return _form_page(
        request,
        "assessment_submit.html",
        assessment,
        form,
        errors=errors,
        missing=present.problem_links(assessment, {k: [v] for k, v in missing.items()}),
        can_submit=assessment.status in EDITABLE and not missing,
        **_answers_context(assessment),
    )


def _decide(request: HttpRequest, assessment: Assessment, data: dict) -> None:
    if data["decision"] == forms.Decision.AUTHORISE:
        services.assessment_authorise(
            actor=request.user, assessment=assessment, authorised_on=data["authorised_on"]
        )
        messages.success(request, "Assessment authorised")
    else:
        services.assessment_return(
            actor=request.user, assessment=assessment, comments=data["comments"]
        )
        messages.success(request, "Assessment returned for more work")


@require_http_methods(["GET", "POST"])
def assessment_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The manager's page: authorise the assessment, or return it for more work."""
    assessment = _assessment(request, pk, AUTHORISE)
    form = forms.DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _decide(request, assessment, form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            return _detail(assessment)
    timeliness = selectors.assessment_timeliness(assessment)
    return _form_page(
        request,
        "assessment_decide.html",
        assessment,
        form,
        timeliness=present.timeliness_tag(timeliness),
        timeliness_rows=present.timeliness_rows(assessment, timeliness),
        **_answers_context(assessment),
    )


@require_http_methods(["GET", "POST"])
def significant_event_record(request: HttpRequest, child_pk: int) -> HttpResponse:
    """Record a significant change in the child's circumstances."""
    child = _child(request, child_pk, WRITE)
    form = forms.SignificantEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.significant_event_record(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "Significant event recorded")
            return redirect("casework:assessment_list", child_pk=child.pk)
    return render(
        request,
        "casework/assessments/significant_event_record.html",
        {
            "child": child,
            "form": form,
            "back_url": reverse("casework:assessment_list", args=[child.pk]),
        },
    )
