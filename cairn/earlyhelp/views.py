"""Early help and step-up/step-down pages, and the child's journey across levels."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from cairn.core.audit import record_access
from cairn.earlyhelp import presenters, selectors, services
from cairn.earlyhelp.forms import (
    EarlyHelpEndForm,
    EarlyHelpStartForm,
    LevelTransitionForm,
    StepDownForm,
    StepUpForm,
)
from cairn.frontdoor.forms import apply_service_errors
from cairn.frontdoor.presenters import journey_rows, level_text
from cairn.frontdoor.selectors import (
    child_current_level,
    episode_get_open,
    episode_list_for_child,
    level_transition_list,
)
from cairn.people.models import Person
from cairn.people.presenters import child_rows
from cairn.people.selectors import person_get

FORM_PAGE = "frontdoor/form_page.html"


def _allowed(request: HttpRequest, perm: str, child: Person, *, log: bool = False) -> None:
    granted = request.user.has_perm(perm, child)
    if log or not granted:
        record_access(actor=request.user, person=child, page=request.path, granted=granted)
    if not granted:
        raise PermissionDenied


def _child(request: HttpRequest, pk: int, perm: str = "earlyhelp.manage") -> Person:
    child = person_get(pk=pk)
    if child is None or not child.is_child:
        raise Http404
    _allowed(request, perm, child)
    return child


def _journey_url(child_pk: int) -> str:
    return reverse("earlyhelp:journey", args=[child_pk])


def _form_page(request, form, *, title: str, caption: str, back_url: str, **extra):
    context = {"form": form, "title": title, "caption": caption, "back_url": back_url}
    return render(request, FORM_PAGE, context | extra)


@require_GET
def journey(request: HttpRequest, pk: int) -> HttpResponse:
    """The child's journey across levels, early help and referrals, and the moves to make."""
    child = person_get(pk=pk)
    if child is None or not child.is_child:
        raise Http404
    _allowed(request, "earlyhelp.view", child, log=True)
    open_early_help = selectors.early_help_get_open(child=child) is not None
    open_episode = episode_get_open(child=child) is not None
    return render(
        request,
        "earlyhelp/journey.html",
        {
            "child": child_rows([child])[0],
            "child_pk": child.pk,
            "current_level": level_text(child_current_level(child=child)),
            "journey": journey_rows(level_transition_list(child=child)),
            "early_help": presenters.early_help_rows(
                selectors.early_help_list_for_child(child=child)
            ),
            "episodes": presenters.episode_rows(episode_list_for_child(child=child)),
            "step_downs": presenters.step_down_rows(selectors.plan_list_to_step_down(child=child)),
            "can_manage": request.user.has_perm("earlyhelp.manage", child),
            "can_start_early_help": not (open_early_help or open_episode),
            "can_step_up": open_early_help,
            "can_refer": not open_episode,
        },
    )


@require_http_methods(["GET", "POST"])
def early_help_start(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    form = EarlyHelpStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            early_help = services.early_help_episode_start(
                actor=request.user, child=child, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Early help started")
            return redirect("earlyhelp:early_help_detail", pk=early_help.pk)
    return _form_page(
        request,
        form,
        title="Start early help",
        caption=child.full_name,
        back_url=_journey_url(child.pk),
    )


def _early_help_or_404(pk: int):
    early_help = selectors.early_help_get(pk=pk)
    if early_help is None:
        raise Http404
    return early_help


@require_GET
def early_help_detail(request: HttpRequest, pk: int) -> HttpResponse:
    early_help = _early_help_or_404(pk)
    _allowed(request, "earlyhelp.view", early_help.child, log=True)
    return render(
        request,
        "earlyhelp/early_help_detail.html",
        {
            "early_help": early_help,
            "child": child_rows([early_help.child])[0],
            "journey_url": _journey_url(early_help.child_id),
            "summary_rows": presenters.early_help_summary_rows(early_help),
            "can_manage": request.user.has_perm("earlyhelp.manage", early_help.child),
        },
    )


@require_http_methods(["GET", "POST"])
def early_help_end(request: HttpRequest, pk: int) -> HttpResponse:
    early_help = _early_help_or_404(pk)
    _allowed(request, "earlyhelp.manage", early_help.child)
    form = EarlyHelpEndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.early_help_episode_end(
                actor=request.user, early_help=early_help, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Early help ended")
            return redirect("earlyhelp:early_help_detail", pk=early_help.pk)
    return _form_page(
        request,
        form,
        title="End early help",
        caption=early_help.child.full_name,
        back_url=reverse("earlyhelp:early_help_detail", args=[early_help.pk]),
    )


@require_http_methods(["GET", "POST"])
def level_transition_record(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    form = LevelTransitionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.level_transition_record(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Change of level recorded")
            return redirect(_journey_url(child.pk))
    return _form_page(
        request,
        form,
        title="Record a change of level",
        caption=child.full_name,
        back_url=_journey_url(child.pk),
        intro=f"Current level: {level_text(child_current_level(child=child))}.",
    )


@require_http_methods(["GET", "POST"])
def step_down(request: HttpRequest, pk: int) -> HttpResponse:
    """Step down from a CIN plan to early help, carrying the plan and the family network."""
    plan = selectors.plan_get(pk=pk)
    if plan is None:
        raise Http404
    _allowed(request, "earlyhelp.manage", plan.child)
    form = StepDownForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            early_help = services.child_step_down_to_early_help(
                actor=request.user, plan=plan, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if request.user.has_perm("earlyhelp.view", plan.child):
                messages.success(request, "Stepped down to early help")
                return redirect("earlyhelp:early_help_detail", pk=early_help.pk)
            # Closing the episode ended the allocation: the record has left the user's scope.
            messages.success(
                request,
                f"Stepped down to early help. The referral is closed, so {plan.child.full_name} "
                "is no longer allocated to you or your team.",
            )
            return redirect("home")
    return _form_page(
        request,
        form,
        title="Step down to early help",
        caption=plan.child.full_name,
        back_url=_journey_url(plan.child_id),
        intro="The plan ends; its outcomes, actions and the family network considered in the "
        "contingency go to the early help record. The episode closes if no other plan is open.",
    )


@require_http_methods(["GET", "POST"])
def step_up(request: HttpRequest, pk: int) -> HttpResponse:
    """Step up from early help; the referral (source 5D) is the next page."""
    child = _child(request, pk)
    form = StepUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_step_up_from_early_help(
                actor=request.user, child=child, **form.cleaned_data
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Stepped up: now create the referral")
            return redirect("frontdoor:referral_create_direct", child_pk=child.pk)
    return _form_page(
        request,
        form,
        title="Step up to children's social care",
        caption=child.full_name,
        back_url=_journey_url(child.pk),
        intro="Early help ends (stepped up). Create the referral on the next page.",
    )
