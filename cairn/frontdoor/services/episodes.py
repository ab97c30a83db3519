"""Referrals (= CIN episodes): opening from a contact or a step-up, NFA, primary need, closure.

Working Together / CIN census: at most one open episode per child, never overlapping; a referral
within 12 months of a previous one is a re-referral; RC8/RC9 closures must have no CIN or CP
plan (DfE validation 2990).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.accounts.models import Team, User
from cairn.casework.models import Assessment, AssessmentStatus, Plan, PlanKind, PlanStatus
from cairn.core.codelists import is_valid, label
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import ContactChild, Episode, Level, NextStep
from cairn.frontdoor.selectors import child_current_level, referral_is_re_referral
from cairn.frontdoor.services._checks import long_date, past_date_error
from cairn.frontdoor.services.levels import level_transition_errors, transition_write
from cairn.people.models import Person
from cairn.workforce.models import Allocation
from cairn.workforce.services import allocation_change, allocation_end, worker_error

STEP_UP_SOURCE = "5D"  # LA services: early help
OPEN_PLAN = (PlanStatus.DRAFT, PlanStatus.ACTIVE)
AFTER_ASSESSMENT_ONLY = ("RC8", "RC9")


def _default_team(child: Person, fallback: Team | None) -> Team | None:
    current = Allocation.objects.filter(child=child, ended_on__isnull=True).first()
    return current.team if current else fallback


def _referral_errors(
    *,
    child: Person,
    referral_date: dt.date | None,
    source: str,
    primary_need: str,
    team: Team | None,
    worker: User | None,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    open_episode = Episode.objects.filter(child=child, closed_on__isnull=True).first()
    if open_episode is not None:
        errors["child"] = (
            f"{child.full_name} already has an open referral (from "
            f"{long_date(open_episode.referral_date)}): record the contact on it instead"
        )
    if problem := past_date_error(referral_date, what="referral date"):
        errors["referral_date"] = problem
    else:
        last_closed = (
            Episode.objects.filter(child=child, closed_on__isnull=False)
            .order_by("-closed_on")
            .first()
        )
        if last_closed is not None and referral_date < last_closed.closed_on:
            errors["referral_date"] = (
                "The referral date cannot be before the previous episode closed "
                f"({long_date(last_closed.closed_on)})"
            )
    if not is_valid("referral_source", source or ""):
        errors["source"] = "Select the source of the referral"
    if primary_need and not is_valid("primary_need", primary_need):
        errors["primary_need"] = "Select a primary need code (N0 to N9)"
    if team is None:
        errors["team"] = "Select the team the referral is allocated to"
    if problem := worker_error(worker=worker):
        errors["worker"] = problem
    if "referral_date" not in errors and child_current_level(child=child) != Level.CIN:
        transition = level_transition_errors(
            child=child, occurred_on=referral_date, to_level=Level.CIN, reason="referral"
        )
        if "occurred_on" in transition:
            errors["referral_date"] = transition["occurred_on"].replace(
                "The change of level", "The referral"
            )
    return errors


def _referral_write(
    *,
    actor: User,
    child: Person,
    referral_date: dt.date,
    source: str,
    primary_need: str,
    team: Team,
    worker: User | None,
    contact_child: ContactChild | None,
    reason: str,
    via: str,
) -> Episode:
    episode = record_create(
        model=Episode,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        contact_child=contact_child,
        referral_date=referral_date,
        source=source,
        primary_need=primary_need,
        is_re_referral=referral_is_re_referral(child=child, referral_date=referral_date),
    )
    if child_current_level(child=child) != Level.CIN:
        transition_write(
            actor=actor,
            child=child,
            occurred_on=referral_date,
            to_level=Level.CIN,
            reason=reason,
            via=via,
        )
    allocation_change(
        actor=actor,
        child=child,
        team=team,
        worker=worker,
        started_on=referral_date,
        reason=f"Referral of {long_date(referral_date)}",
        episode=episode,
        via=via,
    )
    return episode


def _decision_error(contact_child: ContactChild) -> str:
    if contact_child.decided_at is None:
        return "Record the threshold decision for this child before making a referral"
    if contact_child.next_step not in (NextStep.REFERRAL, NextStep.STRATEGY):
        return (
            f"The threshold decision for {contact_child.child.full_name} was "
            f"'{contact_child.get_next_step_display().lower()}': only a referral or a strategy "
            "discussion starts a referral"
        )
    if Episode.all_objects.filter(contact_child=contact_child).exists():
        return (
            "A referral has already been made from this contact for "
            f"{contact_child.child.full_name}"
        )
    return ""


@transaction.atomic
def referral_create(
    *,
    actor: User,
    contact_child: ContactChild,
    referral_date: dt.date,
    primary_need: str = "",
    team: Team | None = None,
    worker: User | None = None,
    via: str = "web",
) -> Episode:
    """Accept a contact for a child as a referral: open a CIN episode (source from the contact),
    record the move to child in need, and allocate the episode (to `team`, by default the child's
    current team, else the front door team that took the contact)."""
    contact_child = (
        ContactChild.objects.select_for_update()
        .select_related("contact", "contact__team", "child")
        .get(pk=contact_child.pk)
    )
    contact = contact_child.contact
    child = contact_child.child
    team = team or _default_team(child, contact.team)
    errors = _referral_errors(
        child=child,
        referral_date=referral_date,
        source=contact.source,
        primary_need=primary_need,
        team=team,
        worker=worker,
    )
    if problem := _decision_error(contact_child):
        errors["contact_child"] = problem
    received_on = timezone.localtime(contact.received_at).date()
    if "referral_date" not in errors and referral_date < received_on:
        errors["referral_date"] = (
            "The referral date cannot be before the contact was received "
            f"({long_date(received_on)})"
        )
    if errors:
        raise ValidationError(errors)
    return _referral_write(
        actor=actor,
        child=child,
        referral_date=referral_date,
        source=contact.source,
        primary_need=primary_need,
        team=team,
        worker=worker,
        contact_child=contact_child,
        reason=f"Referral from the contact of {long_date(received_on)}: {contact_child.rationale}",
        via=via,
    )


@transaction.atomic
def referral_create_direct(
    *,
    actor: User,
    child: Person,
    referral_date: dt.date,
    source: str = STEP_UP_SOURCE,
    primary_need: str = "",
    team: Team | None = None,
    worker: User | None = None,
    via: str = "web",
) -> Episode:
    """A referral without a front-door contact: a step-up from early help (source 5D)."""
    team = team or _default_team(child, actor.team)
    errors = _referral_errors(
        child=child,
        referral_date=referral_date,
        source=source,
        primary_need=primary_need,
        team=team,
        worker=worker,
    )
    if errors:
        raise ValidationError(errors)
    return _referral_write(
        actor=actor,
        child=child,
        referral_date=referral_date,
        source=source,
        primary_need=primary_need,
        team=team,
        worker=worker,
        contact_child=None,
        reason=f"Referral: {label('referral_source', source)}",
        via=via,
    )


@transaction.atomic
def episode_set_primary_need(
    *,
    actor: User,
    episode: Episode,
    primary_need: str,
    via: str = "web",
) -> Episode:
    """Record the primary need (N0-N9) once it is known; an NFA referral has none."""
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    errors: dict[str, str] = {}
    if not is_valid("primary_need", primary_need or ""):
        errors["primary_need"] = "Select a primary need code (N0 to N9)"
    if episode.referral_nfa:
        errors["episode"] = "A referral closed with no further action has no primary need"
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=episode,
        actor=actor,
        expected_version=episode.version,
        audit_subject=episode.child,
        via=via,
        primary_need=primary_need,
    )


def _closure_date_errors(episode: Episode, closed_on: dt.date | None) -> dict[str, str]:
    if not episode.is_open:
        return {"episode": f"This episode is already closed (on {long_date(episode.closed_on)})"}
    if problem := past_date_error(closed_on, what="closure date"):
        return {"closed_on": problem}
    if closed_on < episode.referral_date:
        return {
            "closed_on": "The closure date cannot be before the referral "
            f"({long_date(episode.referral_date)})"
        }
    current = Allocation.objects.filter(child=episode.child, ended_on__isnull=True).first()
    if current is not None and closed_on < current.started_on:
        return {
            "closed_on": "The closure date cannot be before the current allocation started "
            f"({long_date(current.started_on)})"
        }
    return {}


def _open_work_errors(episode: Episode, *, ignore_plan: Plan | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    open_plans = Plan.objects.filter(child=episode.child, status__in=OPEN_PLAN)
    if ignore_plan is not None:
        open_plans = open_plans.exclude(pk=ignore_plan.pk)
    if plan := open_plans.first():
        errors["plan"] = (
            f"The child has an open {plan.get_kind_display().lower()} "
            f"({plan.get_status_display().lower()}): end it before closing the episode"
        )
    unfinished = Assessment.objects.filter(episode=episode).exclude(
        status=AssessmentStatus.AUTHORISED
    )
    if assessment := unfinished.order_by("started_on").first():
        errors["assessment"] = (
            f"The assessment started {long_date(assessment.started_on)} is not authorised: "
            "it must be authorised before the episode closes"
        )
    return errors


def episode_close_errors(
    *,
    episode: Episode,
    closed_on: dt.date | None,
    reason: str,
    ignore_plan: Plan | None = None,
) -> dict[str, str]:
    """What stops the episode closing on `closed_on` for `reason` (empty when it can).

    `ignore_plan` is a plan being ended in the same step (a step-down): it no longer counts as
    open, but it still counts as a plan the episode had.
    """
    errors = _closure_date_errors(episode, closed_on)
    if not is_valid("closure_reason", reason or ""):
        errors["reason"] = "Select the reason for closure (RC1 to RC9)"
    elif (
        reason in AFTER_ASSESSMENT_ONLY
        and episode.plans.filter(kind__in=(PlanKind.CIN, PlanKind.CP)).exists()
    ):
        errors["reason"] = (
            f"{reason} is for a case closed after assessment: this episode had a child in need "
            "or child protection plan, so choose another reason"
        )
    return errors | _open_work_errors(episode, ignore_plan=ignore_plan)


def episode_close_write(
    *,
    actor: User,
    episode: Episode,
    closed_on: dt.date,
    reason: str,
    referral_nfa: bool = False,
    record_level: bool = True,
    via: str = "web",
) -> Episode:
    """Close the episode, end the allocation and (unless the child moves to another level
    at the same time) record the move to closed. Callers validate first."""
    fields = {"closed_on": closed_on, "closure_reason": reason}
    if referral_nfa:
        fields["referral_nfa"] = True
    episode = record_update(
        instance=episode,
        actor=actor,
        expected_version=episode.version,
        audit_subject=episode.child,
        via=via,
        **fields,
    )
    allocation_end(
        actor=actor,
        child=episode.child,
        ended_on=closed_on,
        reason=f"Episode closed ({reason})",
        via=via,
    )
    if record_level and child_current_level(child=episode.child) != Level.CLOSED:
        transition_write(
            actor=actor,
            child=episode.child,
            occurred_on=closed_on,
            to_level=Level.CLOSED,
            reason=f"Episode closed: {reason} {label('closure_reason', reason)}",
            via=via,
        )
    return episode


@transaction.atomic
def episode_close(
    *, actor: User, episode: Episode, closed_on: dt.date, reason: str, via: str = "web"
) -> Episode:
    """Close a CIN episode with a reason RC1-RC9.

    Refused while the child has an open plan (draft or active) or an assessment in the episode
    is not authorised; RC8/RC9 refused when the episode had a CIN or CP plan (DfE 2990); the
    date must be on or after the referral and not in the future.
    """
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    errors = episode_close_errors(episode=episode, closed_on=closed_on, reason=reason)
    if errors:
        raise ValidationError(errors)
    return episode_close_write(
        actor=actor, episode=episode, closed_on=closed_on, reason=reason, via=via
    )


NFA_CLOSURE_REASON = "RC8"


@transaction.atomic
def referral_record_nfa(
    *, actor: User, episode: Episode, decided_on: dt.date, via: str = "web"
) -> Episode:
    """Close a referral with no further action before any assessment (CIN census ReferralNFA).

    Refused once an assessment or plan exists in the episode (DfE 8831/8832/4000).
    """
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    errors = _closure_date_errors(episode, decided_on)
    if "closed_on" in errors:
        errors["decided_on"] = errors.pop("closed_on").replace("closure date", "NFA date")
    if Assessment.objects.filter(episode=episode).exists():
        errors["assessment"] = (
            "This referral has an assessment, so it cannot be no further action at referral: "
            "close the episode instead"
        )
    if episode.plans.exists():
        errors["plan"] = (
            "This referral has a plan, so it cannot be no further action at referral: "
            "close the episode instead"
        )
    if errors:
        raise ValidationError(errors)
    return episode_close_write(
        actor=actor,
        episode=episode,
        closed_on=decided_on,
        reason=NFA_CLOSURE_REASON,
        referral_nfa=True,
        via=via,
    )
