"""Early help episodes and the step-up/step-down between early help and children's social care.

Every change of level is a frontdoor.LevelTransition (date, from, to, reason, decided by). A
step-down carries the current plan and the family network into the early help record.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.casework.models import Plan, PlanKind, PlanStatus, PlanVersion
from cairn.casework.workflows import PLAN
from cairn.core.records import record_create, record_update
from cairn.core.workflows import TransitionRefused
from cairn.earlyhelp.models import EarlyHelpEndReason, EarlyHelpEpisode
from cairn.frontdoor.models import Episode, Level, LevelTransition
from cairn.frontdoor.selectors import child_current_level, episode_get_open
from cairn.frontdoor.services._checks import long_date, past_date_error
from cairn.frontdoor.services.episodes import episode_close_errors, episode_close_write
from cairn.frontdoor.services.levels import (
    level_transition_errors,
    level_transition_record,
    transition_write,
)
from cairn.people.models import Person

__all__ = [
    "child_step_down_to_early_help",
    "child_step_up_from_early_help",
    "early_help_episode_end",
    "early_help_episode_start",
    "level_transition_record",
]

# DfE 2990: RC9 (closed after assessment, referred to early help) must have no CIN or CP plan;
# a step-down from a plan closes with RC7 (services ceased, child no longer in need).
STEP_DOWN_AFTER_ASSESSMENT = "RC9"
STEP_DOWN_AFTER_PLAN = "RC7"


def _required(errors: dict[str, str], **values: tuple[str, str]) -> None:
    for field, (value, message) in values.items():
        if not (value or "").strip():
            errors[field] = message


def _start_errors(
    *, child: Person, started_on, lead_organisation: str, lead_practitioner: str, reason: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if problem := past_date_error(started_on, what="start date"):
        errors["started_on"] = problem
    _required(
        errors,
        lead_organisation=(lead_organisation, "Enter the lead organisation"),
        lead_practitioner=(lead_practitioner, "Enter the lead practitioner"),
        reason=(reason, "Enter the reason for early help"),
    )
    if current := EarlyHelpEpisode.objects.filter(child=child, ended_on__isnull=True).first():
        errors["child"] = (
            f"{child.full_name} already has an open early help episode (from "
            f"{long_date(current.started_on)})"
        )
    return errors


@transaction.atomic
def early_help_episode_start(
    *,
    actor: User,
    child: Person,
    started_on: dt.date,
    lead_organisation: str,
    lead_practitioner: str,
    reason: str,
    plan_summary: str = "",
    via: str = "web",
) -> EarlyHelpEpisode:
    """Start early help (with consent, below the statutory threshold) and record the move to
    early help. Refused while the child is open to social care: step down from the plan."""
    errors = _start_errors(
        child=child,
        started_on=started_on,
        lead_organisation=lead_organisation,
        lead_practitioner=lead_practitioner,
        reason=reason,
    )
    if episode := episode_get_open(child=child):
        errors["episode"] = (
            f"{child.full_name} is open to children's social care (referral of "
            f"{long_date(episode.referral_date)}): step down from the plan or close the episode"
        )
    if "started_on" not in errors and child_current_level(child=child) != Level.EARLY_HELP:
        transition = level_transition_errors(
            child=child, occurred_on=started_on, to_level=Level.EARLY_HELP, reason=reason or "-"
        )
        if "occurred_on" in transition:
            errors["started_on"] = transition["occurred_on"]
    if errors:
        raise ValidationError(errors)
    early_help = record_create(
        model=EarlyHelpEpisode,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        started_on=started_on,
        lead_organisation=lead_organisation.strip(),
        lead_practitioner=lead_practitioner.strip(),
        reason=reason.strip(),
        plan_summary=plan_summary.strip(),
    )
    if child_current_level(child=child) != Level.EARLY_HELP:
        transition_write(
            actor=actor,
            child=child,
            occurred_on=started_on,
            to_level=Level.EARLY_HELP,
            reason=reason,
            via=via,
        )
    return early_help


def _end_errors(early_help: EarlyHelpEpisode, ended_on, *, what: str) -> dict[str, str]:
    if early_help.ended_on is not None:
        return {
            "early_help": "This early help episode already ended on "
            f"{long_date(early_help.ended_on)}"
        }
    if problem := past_date_error(ended_on, what=what):
        return {"ended_on": problem}
    if ended_on < early_help.started_on:
        return {
            "ended_on": f"The {what} cannot be before early help started "
            f"({long_date(early_help.started_on)})"
        }
    return {}


@transaction.atomic
def early_help_episode_end(
    *,
    actor: User,
    early_help: EarlyHelpEpisode,
    ended_on: dt.date,
    end_reason: str,
    via: str = "web",
) -> EarlyHelpEpisode:
    """End early help (outcomes met, consent withdrawn, moved away, other) and record the move
    to closed. A step-up to social care is recorded with child_step_up_from_early_help."""
    early_help = EarlyHelpEpisode.objects.select_for_update().get(pk=early_help.pk)
    errors = _end_errors(early_help, ended_on, what="end date")
    if end_reason == EarlyHelpEndReason.STEPPED_UP:
        errors["end_reason"] = "Record a step-up to children's social care with 'Step up'"
    elif end_reason not in EarlyHelpEndReason.values:
        errors["end_reason"] = "Select why early help ended"
    if "ended_on" not in errors and child_current_level(child=early_help.child) not in (
        Level.CLOSED,
        Level.NONE,
    ):
        transition = level_transition_errors(
            child=early_help.child, occurred_on=ended_on, to_level=Level.CLOSED, reason="-"
        )
        if "occurred_on" in transition:
            errors["ended_on"] = transition["occurred_on"]
    if errors:
        raise ValidationError(errors)
    early_help = record_update(
        instance=early_help,
        actor=actor,
        expected_version=early_help.version,
        audit_subject=early_help.child,
        via=via,
        ended_on=ended_on,
        end_reason=end_reason,
    )
    if child_current_level(child=early_help.child) == Level.EARLY_HELP:
        transition_write(
            actor=actor,
            child=early_help.child,
            occurred_on=ended_on,
            to_level=Level.CLOSED,
            reason=f"Early help ended: {early_help.get_end_reason_display().lower()}",
            via=via,
        )
    return early_help


def plan_current_version(plan: Plan) -> PlanVersion | None:
    """The latest authorised version (the latest of any, if none is authorised yet)."""
    versions = plan.versions.order_by("-number")
    return versions.filter(authorised_on__isnull=False).first() or versions.first()


def _who(action) -> str:
    return action.who_person.full_name if action.who_person else action.who_agency


def step_down_summary(plan: Plan) -> str:
    """The plan and family network carried into the early help record, as plain text."""
    version = plan_current_version(plan)
    if version is None:
        return f"Stepped down from the {plan.get_kind_display().lower()} (no version recorded)."
    lines = [f"Stepped down from the {plan.get_kind_display().lower()}, version {version.number}."]
    lines.append("Outcomes (what will be different for the child):")
    lines += [f"- {o.text}" for o in version.outcomes.all()] or ["- none recorded"]
    lines.append("Actions:")
    lines += [
        f"- {a.what} (who: {_who(a)}; by {long_date(a.due_on)}; {a.get_status_display().lower()})"
        for a in version.actions.select_related("who_person")
    ] or ["- none recorded"]
    lines.append("Family network considered in the contingency:")
    contingency = getattr(version, "contingency", None)
    members = list(contingency.network.select_related("person")) if contingency else []
    lines += [f"- {m.person.full_name}: {m.how_considered}" for m in members] or ["- none recorded"]
    return "\n".join(lines)


# A CP plan steps down at a review conference's decision (protection.services.conferences).
STEPS_DOWN_TO_EARLY_HELP = frozenset({PlanKind.CIN, PlanKind.CP})


def _step_down_errors(
    *, plan: Plan, occurred_on, reason: str, lead_organisation: str, lead_practitioner: str
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if plan.kind not in STEPS_DOWN_TO_EARLY_HELP:
        errors["plan"] = (
            "Only a child in need plan, or a child protection plan ended at a review "
            "conference, steps down to early help"
        )
    elif plan.status == PlanStatus.ENDED:
        errors["plan"] = f"This plan already ended on {long_date(plan.ended_on)}"
    else:
        try:
            PLAN.check(plan.status, PlanStatus.ENDED)
        except TransitionRefused as refused:
            errors["plan"] = refused.message_dict["status"][0]
    if problem := past_date_error(occurred_on, what="date of the step-down"):
        errors["occurred_on"] = problem
    elif plan.started_on and occurred_on < plan.started_on:
        errors["occurred_on"] = (
            f"The step-down cannot be before the plan started ({long_date(plan.started_on)})"
        )
    _required(
        errors,
        reason=(reason, "Enter the reason for the step-down"),
        lead_organisation=(lead_organisation, "Enter the lead organisation for early help"),
        lead_practitioner=(lead_practitioner, "Enter the lead practitioner for early help"),
    )
    if current := EarlyHelpEpisode.objects.filter(child=plan.child, ended_on__isnull=True).first():
        errors["child"] = (
            f"{plan.child.full_name} already has an open early help episode (from "
            f"{long_date(current.started_on)})"
        )
    if "occurred_on" not in errors:
        transition = level_transition_errors(
            child=plan.child, occurred_on=occurred_on, to_level=Level.EARLY_HELP, reason="-"
        )
        for key in ("to_level", "occurred_on"):
            if key in transition:
                errors.setdefault("occurred_on", transition[key])
    return errors


def _episode_to_close(
    plan: Plan, occurred_on, errors: dict[str, str]
) -> tuple[Episode | None, str]:
    """The episode the step-down closes and its reason, or (None, '') when another plan stays
    open. Adds to `errors` what would stop the closure."""
    episode = plan.episode or episode_get_open(child=plan.child)
    if episode is None or not episode.is_open or "occurred_on" in errors:
        return None, ""
    had_plan = episode.plans.filter(kind__in=(PlanKind.CIN, PlanKind.CP)).exists()
    reason = STEP_DOWN_AFTER_PLAN if had_plan else STEP_DOWN_AFTER_ASSESSMENT
    closing = episode_close_errors(
        episode=episode, closed_on=occurred_on, reason=reason, ignore_plan=plan
    )
    if "plan" in closing:  # another plan stays open: the episode stays open with it
        return None, ""
    for key, message in closing.items():
        errors.setdefault("occurred_on" if key == "closed_on" else key, message)
    return episode, reason


@transaction.atomic
def child_step_down_to_early_help(
    *,
    actor: User,
    plan: Plan,
    occurred_on: dt.date,
    reason: str,
    lead_organisation: str,
    lead_practitioner: str,
    via: str = "web",
) -> EarlyHelpEpisode:
    """Step a child down from a CIN plan to early help.

    Ends the plan, starts early help carrying the plan's current outcomes and actions and the
    contingency's family network, records child in need -> early help, and closes the CIN
    episode when no other plan stays open (RC7 after a plan; RC9 only without one, DfE 2990).
    """
    plan = Plan.objects.select_for_update().select_related("child").get(pk=plan.pk)
    child = plan.child
    errors = _step_down_errors(
        plan=plan,
        occurred_on=occurred_on,
        reason=reason,
        lead_organisation=lead_organisation,
        lead_practitioner=lead_practitioner,
    )
    episode, closure_reason = _episode_to_close(plan, occurred_on, errors)
    if errors:
        raise ValidationError(errors)
    record_update(
        instance=plan,
        actor=actor,
        expected_version=plan.version,
        audit_subject=child,
        via=via,
        status=PlanStatus.ENDED,
        ended_on=occurred_on,
        end_reason=f"Stepped down to early help: {reason.strip()}"[:200],
    )
    early_help = record_create(
        model=EarlyHelpEpisode,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        started_on=occurred_on,
        lead_organisation=lead_organisation.strip(),
        lead_practitioner=lead_practitioner.strip(),
        reason=reason.strip(),
        plan_summary=step_down_summary(plan),
        stepped_down_from=plan,
    )
    transition_write(
        actor=actor,
        child=child,
        occurred_on=occurred_on,
        to_level=Level.EARLY_HELP,
        reason=f"Step-down to early help: {reason.strip()}",
        via=via,
    )
    if episode is not None:
        episode_close_write(
            actor=actor,
            episode=episode,
            closed_on=occurred_on,
            reason=closure_reason,
            record_level=False,
            via=via,
        )
    return early_help


@transaction.atomic
def child_step_up_from_early_help(
    *,
    actor: User,
    child: Person,
    occurred_on: dt.date,
    reason: str,
    via: str = "web",
) -> LevelTransition:
    """Step a child up from early help to children's social care: early help ends (stepped up)
    and early help -> child in need is recorded. A referral follows (referral_create_direct,
    source 5D, or through a contact)."""
    early_help = (
        EarlyHelpEpisode.objects.select_for_update()
        .filter(child=child, ended_on__isnull=True)
        .first()
    )
    errors: dict[str, str] = {}
    if early_help is None:
        errors["child"] = f"{child.full_name} has no open early help episode to step up from"
    else:
        errors |= _end_errors(early_help, occurred_on, what="date of the step-up")
    if "ended_on" in errors:
        errors["occurred_on"] = errors.pop("ended_on")
    _required(errors, reason=(reason, "Enter the reason for the step-up"))
    if "occurred_on" not in errors and occurred_on is not None:
        transition = level_transition_errors(
            child=child, occurred_on=occurred_on, to_level=Level.CIN, reason="-"
        )
        for key in ("to_level", "occurred_on"):
            if key in transition:
                errors.setdefault("occurred_on", transition[key])
    if errors:
        raise ValidationError(errors)
    record_update(
        instance=early_help,
        actor=actor,
        expected_version=early_help.version,
        audit_subject=child,
        via=via,
        ended_on=occurred_on,
        end_reason=EarlyHelpEndReason.STEPPED_UP,
    )
    return transition_write(
        actor=actor,
        child=child,
        occurred_on=occurred_on,
        to_level=Level.CIN,
        reason=f"Step-up from early help: {reason.strip()}",
        via=via,
    )
