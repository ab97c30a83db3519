"""Case-level management oversight on a child's record: the manager's reflection and decision,
the drift check ("is the plan making a difference? what will change?") and actions with an
owner and a due date (`CASE_OVERSIGHT_DUE`, timescales.md)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.casework.rules import MANAGERS
from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.people.models import Person
from cairn.people.selectors import person_is_visible_to
from cairn.workforce.models import (
    OversightAction,
    OversightActionStatus,
    OversightEntry,
    OversightKind,
    PlanDifference,
    SupervisionSession,
)


def _format(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class ActionInput:
    what: str
    owner: User | None
    due_on: dt.date | None


def _action_errors(
    actions: Sequence[ActionInput], recorded_on: dt.date | None, prefix: str
) -> dict[str, str]:
    """Errors keyed `<prefix>action_<n>_<field>` (1-based), so a form shows them on its row."""
    errors: dict[str, str] = {}
    for n, action in enumerate(actions, start=1):
        if not action.what.strip():
            errors[f"{prefix}action_{n}_what"] = f"Enter what action {n} is"
        if action.owner is None:
            errors[f"{prefix}action_{n}_owner"] = f"Select who owns action {n}"
        elif not action.owner.is_active:
            errors[f"{prefix}action_{n}_owner"] = (
                f"{action.owner.get_full_name()} is no longer active: choose another owner"
            )
        if action.due_on is None:
            errors[f"{prefix}action_{n}_due_on"] = f"Enter the date action {n} is due"
        elif recorded_on is not None and action.due_on < recorded_on:
            errors[f"{prefix}action_{n}_due_on"] = (
                f"Action {n} must be due on or after the date of the entry, {_format(recorded_on)}"
            )
    return errors


def oversight_entry_errors(
    *,
    actor: User,
    child: Person,
    recorded_on: dt.date | None,
    kind: str,
    reflection: str,
    plan_making_difference: str,
    actions: Sequence[ActionInput],
    prefix: str = "",
) -> dict[str, str]:
    """Why an oversight entry cannot be recorded (field -> message; empty when it can)."""
    errors: dict[str, str] = {}
    if actor.role not in MANAGERS:
        errors[f"{prefix}manager"] = (
            "Only a team or service manager can record management oversight"
        )
    elif not person_is_visible_to(user=actor, person=child):
        errors[f"{prefix}child"] = f"{child.full_name} is not in a team you manage"
    if recorded_on is None:
        errors[f"{prefix}recorded_on"] = "Enter the date of the oversight"
    elif recorded_on > clock.today():
        errors[f"{prefix}recorded_on"] = "The date of the oversight must be today or in the past"
    if kind not in OversightKind.values:
        errors[f"{prefix}kind"] = "Select the type of oversight"
    if not reflection.strip():
        errors[f"{prefix}reflection"] = (
            f"Enter your reflection on {child.full_name}'s case"
            if prefix
            else "Enter your reflection on the case"
        )
    if plan_making_difference and plan_making_difference not in PlanDifference.values:
        errors[f"{prefix}plan_making_difference"] = "Select whether the plan is making a difference"
    errors.update(_action_errors(actions, recorded_on, prefix))
    return errors


def oversight_entry_write(
    *,
    actor: User,
    child: Person,
    recorded_on: dt.date,
    kind: str,
    reflection: str,
    decision: str = "",
    plan_making_difference: str = "",
    what_will_change: str = "",
    actions: Sequence[ActionInput] = (),
    supervision_session: SupervisionSession | None = None,
    via: str = "web",
) -> OversightEntry:
    """Write an entry and its actions, each audited on the child's record. Callers validate."""
    entry = record_create(
        model=OversightEntry,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        manager=actor,
        recorded_on=recorded_on,
        kind=kind,
        reflection=reflection.strip(),
        decision=decision.strip(),
        plan_making_difference=plan_making_difference,
        what_will_change=what_will_change.strip(),
        supervision_session=supervision_session,
    )
    for action in actions:
        record_create(
            model=OversightAction,
            actor=actor,
            audit_subject=child,
            via=via,
            entry=entry,
            what=action.what.strip(),
            owner=action.owner,
            due_on=action.due_on,
        )
    return entry


@transaction.atomic
def oversight_entry_record(
    *,
    actor: User,
    child: Person,
    recorded_on: dt.date | None,
    kind: str,
    reflection: str,
    decision: str = "",
    plan_making_difference: str = "",
    what_will_change: str = "",
    actions: Sequence[ActionInput] = (),
) -> OversightEntry:
    """Record management oversight on a child's record (a team or service manager of the
    child's team): not in the future; each action has what, an active owner and a due date on
    or after the entry. A supervision discussion is recorded through the supervision session
    (`supervision_record`), which writes the entry itself."""
    actions = list(actions)
    errors = oversight_entry_errors(
        actor=actor,
        child=child,
        recorded_on=recorded_on,
        kind=kind,
        reflection=reflection,
        plan_making_difference=plan_making_difference,
        actions=actions,
    )
    if kind == OversightKind.SUPERVISION and "kind" not in errors:
        errors["kind"] = (
            "A supervision discussion is recorded with the supervision session: "
            "choose an oversight decision or an authorisation"
        )
    if errors:
        raise ValidationError(errors)
    return oversight_entry_write(
        actor=actor,
        child=child,
        recorded_on=recorded_on,
        kind=kind,
        reflection=reflection,
        decision=decision,
        plan_making_difference=plan_making_difference,
        what_will_change=what_will_change,
        actions=actions,
    )


@transaction.atomic
def oversight_action_complete(
    *, actor: User, action: OversightAction, expected_version: int, done_on: dt.date | None
) -> OversightAction:
    """Mark an oversight action done (its owner or a manager of the child's team): on or
    after the entry and not in the future. Raises ConcurrentEditError if it changed since read."""
    child = action.entry.child
    errors: dict[str, str] = {}
    is_manager = actor.role in MANAGERS and person_is_visible_to(user=actor, person=child)
    if actor.pk != action.owner_id and not is_manager:
        errors["action"] = "Only the owner of the action or a manager can mark it done"
    if action.status == OversightActionStatus.DONE:
        errors["action"] = f"This action was already marked done on {_format(action.done_on)}"
    if done_on is None:
        errors["done_on"] = "Enter the date the action was done"
    elif done_on > clock.today():
        errors["done_on"] = "The date the action was done must be today or in the past"
    elif done_on < action.entry.recorded_on:
        errors["done_on"] = (
            f"The action cannot be done before it was agreed, {_format(action.entry.recorded_on)}"
        )
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=action,
        actor=actor,
        expected_version=expected_version,
        audit_subject=child,
        status=OversightActionStatus.DONE,
        done_on=done_on,
    )
