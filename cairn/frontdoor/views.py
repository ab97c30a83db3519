"""Front-door pages: record a contact, decide the threshold per child, open and manage a
referral (CIN episode). Views parse, call one service or selector, and render or redirect."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.core.audit import record_access
from cairn.frontdoor import presenters, selectors, services
from cairn.frontdoor.forms import (
    AllocateForm,
    CloseEpisodeForm,
    ContactForm,
    PrimaryNeedForm,
    ReferralForm,
    ReferralNfaForm,
    ThresholdDecisionForm,
    apply_service_errors,
)
from cairn.people.presenters import child_rows
from cairn.people.selectors import person_get
from cairn.workforce.services import episode_allocate

FORM_PAGE = "frontdoor/form_page.html"


def _allowed(request: HttpRequest, perm: str, child, *, log: bool = False) -> None:
    """Refuse (403) unless the user has `perm` on the child; log views of the child's record."""
    granted = request.user.has_perm(perm, child)
    if log or not granted:
        record_access(actor=request.user, person=child, page=request.path, granted=granted)
    if not granted:
        raise PermissionDenied


def _form_page(request, form, *, title: str, caption: str, back_url: str, intro: str = ""):
    return render(
        request,
        FORM_PAGE,
        {"form": form, "title": title, "caption": caption, "back_url": back_url, "intro": intro},
    )


@require_http_methods(["GET", "POST"])
@permission_required("frontdoor.record_contact", raise_exception=True)
def contact_record(request: HttpRequest) -> HttpResponse:
    """Record a contact about one or more children found by search (no JavaScript needed)."""
    text = request.GET.get("q", "").strip()
    chosen = request.POST.getlist("children") if request.method == "POST" else None
    chosen = chosen if chosen is not None else request.GET.getlist("child")
    candidates = selectors.contact_candidate_children(
        user=request.user, chosen_ids=chosen, text=text
    )
    choices = presenters.contact_candidate_choices(candidates, viewer=request.user)
    if request.method == "POST":
        form = ContactForm(request.POST, choices=choices)
        if form.is_valid():
            data = form.cleaned_data
            by_pk = {str(c.pk): c for c in candidates}
            try:
                contact = services.contact_record(
                    actor=request.user,
                    received_at=data["received_at"],
                    source=data["source"],
                    referrer_name=data["referrer_name"],
                    referrer_role=data["referrer_role"],
                    referrer_organisation=data["referrer_organisation"],
                    concerns=data["concerns"],
                    consent=data["consent"],
                    team=request.user.team,
                    children=[by_pk[pk] for pk in data["children"]],
                )
            except ValidationError as error:
                apply_service_errors(form, error, {"received_at": "received_on"})
            else:
                messages.success(request, "Contact recorded")
                return redirect("frontdoor:contact_detail", pk=contact.pk)
    else:
        form = ContactForm(choices=choices, initial={"children": chosen})
    return render(
        request,
        "frontdoor/contact_record.html",
        {
            "form": form,
            "q": text,
            "chosen": [str(c) for c in chosen if str(c).isdigit()],
            "has_candidates": bool(candidates),
            "searched": bool(text),
        },
    )


@require_GET
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact and, for each child, the threshold decision and its timeliness."""
    contact = selectors.contact_get(pk=pk)
    if contact is None:
        raise Http404
    for cc in contact.children.all():
        _allowed(request, "frontdoor.view_episode", cc.child, log=True)
    return render(
        request,
        "frontdoor/contact_detail.html",
        {
            "contact": contact,
            "summary_rows": presenters.contact_summary_rows(contact),
            "child_rows": presenters.contact_child_rows(contact),
        },
    )


def _contact_child_or_404(pk: int):
    contact_child = selectors.contact_child_get(pk=pk)
    if contact_child is None:
        raise Http404
    return contact_child


@require_http_methods(["GET", "POST"])
def threshold_decide(request: HttpRequest, pk: int) -> HttpResponse:
    contact_child = _contact_child_or_404(pk)
    _allowed(request, "frontdoor.decide_threshold", contact_child.child)
    back = reverse("frontdoor:contact_detail", args=[contact_child.contact_id])
    form = ThresholdDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.threshold_decide(
                actor=request.user,
                contact_child=contact_child,
                level=form.cleaned_data["threshold_level"],
                rationale=form.cleaned_data["rationale"],
                next_step=form.cleaned_data["next_step"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Decision recorded for {contact_child.child.full_name}")
            return redirect(back)
    return _form_page(
        request,
        form,
        title="Threshold decision",
        caption=contact_child.child.full_name,
        back_url=back,
        intro=f"Contact received {presenters.date_time(contact_child.contact.received_at)}.",
    )


@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest, pk: int) -> HttpResponse:
    """Accept the contact as a referral for the child: a new CIN episode."""
    contact_child = _contact_child_or_404(pk)
    _allowed(request, "frontdoor.manage_episode", contact_child.child)
    form = ReferralForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            episode = services.referral_create(
                actor=request.user,
                contact_child=contact_child,
                referral_date=data["referral_date"],
                primary_need=data["primary_need"],
                team=data["team"],
                worker=data["worker"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Referral created for {contact_child.child.full_name}")
            return redirect("frontdoor:episode_detail", pk=episode.pk)
    return _form_page(
        request,
        form,
        title="Create a referral",
        caption=contact_child.child.full_name,
        back_url=reverse("frontdoor:contact_detail", args=[contact_child.contact_id]),
        intro="The referral starts a child in need episode. Its source is the contact's.",
    )


def _child_or_404(pk: int):
    child = person_get(pk=pk)
    if child is None or not child.is_child:
        raise Http404
    return child


@require_http_methods(["GET", "POST"])
def referral_create_direct(request: HttpRequest, child_pk: int) -> HttpResponse:
    """A referral without a front-door contact, such as a step-up from early help (5D)."""
    child = _child_or_404(child_pk)
    _allowed(request, "frontdoor.manage_episode", child)
    form = ReferralForm(request.POST or None, with_source=True)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            episode = services.referral_create_direct(
                actor=request.user,
                child=child,
                referral_date=data["referral_date"],
                source=data["source"],
                primary_need=data["primary_need"],
                team=data["team"],
                worker=data["worker"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, f"Referral created for {child.full_name}")
            return redirect("frontdoor:episode_detail", pk=episode.pk)
    return _form_page(
        request,
        form,
        title="Create a referral",
        caption=child.full_name,
        back_url=reverse("earlyhelp:journey", args=[child.pk]),
        intro="For a step-up from early help the source is LA services: early help (5D).",
    )


def _episode_or_404(pk: int):
    episode = selectors.episode_get(pk=pk)
    if episode is None:
        raise Http404
    return episode


@require_GET
def episode_detail(request: HttpRequest, pk: int) -> HttpResponse:
    episode = _episode_or_404(pk)
    _allowed(request, "frontdoor.view_episode", episode.child, log=True)
    return render(
        request,
        "frontdoor/episode_detail.html",
        {
            "episode": episode,
            "child": child_rows([episode.child])[0],
            "summary_rows": presenters.episode_summary_rows(episode),
            "allocation_rows": presenters.allocation_rows(episode.allocations.all()),
            "can_manage": request.user.has_perm("frontdoor.manage_episode", episode.child),
        },
    )


def _episode_form(request, pk: int, form_class, *, title: str, intro: str = ""):
    """Shared shape of the episode's one-thing-per-page forms."""
    episode = _episode_or_404(pk)
    _allowed(request, "frontdoor.manage_episode", episode.child)
    form = form_class(request.POST or None)
    context = {
        "title": title,
        "caption": (
            f"{episode.child.full_name}: referral of {presenters.long_date(episode.referral_date)}"
        ),
        "back_url": reverse("frontdoor:episode_detail", args=[episode.pk]),
        "intro": intro,
    }
    return episode, form, context


def _done(request, episode, message: str) -> HttpResponse:
    if not request.user.has_perm("frontdoor.view_episode", episode.child):
        # Closing the episode ended the allocation: the record has left the user's scope.
        messages.success(
            request,
            f"{message}. {episode.child.full_name} is no longer allocated to you or your team.",
        )
        return redirect("home")
    messages.success(request, message)
    return redirect("frontdoor:episode_detail", pk=episode.pk)


@require_http_methods(["GET", "POST"])
def episode_set_primary_need(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form, context = _episode_form(request, pk, PrimaryNeedForm, title="Primary need")
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_set_primary_need(
                actor=request.user, episode=episode, primary_need=form.cleaned_data["primary_need"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _done(request, episode, "Primary need saved")
    return _form_page(request, form, **context)


@require_http_methods(["GET", "POST"])
def episode_allocate_view(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form, context = _episode_form(
        request,
        pk,
        AllocateForm,
        title="Allocate the episode",
        intro="The current allocation ends the day the new one starts; the history is kept.",
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            episode_allocate(
                actor=request.user,
                episode=episode,
                team=data["team"],
                worker=data["worker"],
                reason=data["reason"],
                started_on=data["started_on"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _done(request, episode, "Episode allocated")
    return _form_page(request, form, **context)


@require_http_methods(["GET", "POST"])
def episode_close(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form, context = _episode_form(request, pk, CloseEpisodeForm, title="Close the episode")
    if request.method == "POST" and form.is_valid():
        try:
            services.episode_close(
                actor=request.user,
                episode=episode,
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            return _done(request, episode, "Episode closed")
    return _form_page(request, form, **context)


@require_http_methods(["GET", "POST"])
def referral_record_nfa(request: HttpRequest, pk: int) -> HttpResponse:
    episode, form, context = _episode_form(
        request,
        pk,
        ReferralNfaForm,
        title="No further action at referral",
        intro="The referral closes before any assessment (reason RC8): a referral NFA.",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_record_nfa(
                actor=request.user, episode=episode, decided_on=form.cleaned_data["decided_on"]
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"closed_on": "decided_on"})
        else:
            return _done(request, episode, "Referral closed with no further action")
    return _form_page(request, form, **context)
