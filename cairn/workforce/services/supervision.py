"""Recording supervision: one session, and an oversight entry on the record of each child
discussed, in one transaction (the case decisions go onto each child's record, so nothing is
typed twice; glossary: Supervision)."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.core import clock
from cairn.core.records import record_create
from cairn.people.models import Person
from cairn.workforce.models import OversightKind, SupervisionKind, SupervisionSession
from cairn.workforce.selectors.supervision import may_supervise
from cairn.workforce.services.oversight import (
    ActionInput,
    oversight_entry_errors,
    oversight_entry_write,
)


@dataclass(frozen=True)
class ChildDiscussed:
    """A child discussed in supervision: the discussion and decision go onto their record."""

    child: Person
    reflection: str
    decision: str = ""
    plan_making_difference: str = ""
    what_will_change: str = ""
    actions: Sequence[ActionInput] = ()


@transaction.atomic
def supervision_record(
    *,
    actor: User,
    worker: User,
    held_on: dt.date | None,
    kind: str,
    notes: str = "",
    children: Sequence[ChildDiscussed] = (),
    via: str = "web",
) -> SupervisionSession:
    """Record a supervision session held by `actor` (the worker's line manager or a manager of
    their team) with `worker`, and one oversight entry (kind: supervision discussion) on the
    record of each child discussed, each audited with the child as its subject.

    Refused: supervising yourself or someone outside your teams, a date in the future, a child
    discussed twice or outside your teams, a child discussed with no note. Errors on a child
    are keyed `child_<child id>_<field>` so the form shows them against that child.
    """
    errors: dict[str, str] = {}
    if not may_supervise(supervisor=actor, worker=worker):
        errors["worker"] = (
            "You cannot record your own supervision"
            if actor.pk == worker.pk
            else f"{worker.get_full_name()} is not in a team you manage"
        )
    if held_on is None:
        errors["held_on"] = "Enter the date of the supervision"
    elif held_on > clock.today():
        errors["held_on"] = "The date of the supervision must be today or in the past"
    if kind not in SupervisionKind.values:
        errors["kind"] = "Select the type of supervision"
    seen: set[int] = set()
    for discussed in children:
        prefix = f"child_{discussed.child.pk}_"
        if discussed.child.pk in seen:
            errors[f"{prefix}child"] = f"{discussed.child.full_name} is listed twice"
            continue
        seen.add(discussed.child.pk)
        problems = oversight_entry_errors(
            actor=actor,
            child=discussed.child,
            recorded_on=held_on,
            kind=OversightKind.SUPERVISION,
            reflection=discussed.reflection,
            plan_making_difference=discussed.plan_making_difference,
            actions=list(discussed.actions),
            prefix=prefix,
        )
        # The date and the manager are the session's: reported once, on the session's fields.
        problems.pop(f"{prefix}recorded_on", None)
        problems.pop(f"{prefix}manager", None)
        errors.update(problems)
    if errors:
        raise ValidationError(errors)
    session = record_create(
        model=SupervisionSession,
        actor=actor,
        via=via,
        worker=worker,
        supervisor=actor,
        held_on=held_on,
        kind=kind,
        notes=notes.strip(),
    )
    for discussed in children:
        oversight_entry_write(
            actor=actor,
            child=discussed.child,
            recorded_on=held_on,
            kind=OversightKind.SUPERVISION,
            reflection=discussed.reflection,
            decision=discussed.decision,
            plan_making_difference=discussed.plan_making_difference,
            what_will_change=discussed.what_will_change,
            actions=list(discussed.actions),
            supervision_session=session,
            via=via,
        )
    return session
