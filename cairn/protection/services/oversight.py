"""The CP chair's oversight between conferences (issue 4, item 8): midpoint reviews and
practice alerts (the chair's challenge) with their escalation stages.

Glossary: a practice alert is a chair's formal escalation of drift or poor practice, in stages
(team manager -> service manager -> head of service), each with a response deadline
(CHAIR_ALERT_RESPONSE_DUE, 5 working days), closed when the chair resolves it.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from cairn.casework.models import Plan
from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.core.working_days import WorkingDayCalendar, council_calendar
from cairn.people.models import Person
from cairn.protection import chair_rules  # noqa: F401  (registers the permissions)
from cairn.protection.models import (
    AlertConcern,
    EscalationStage,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    PracticeAlertStatus,
    ProgressRating,
)
from cairn.protection.selectors.chair import (
    alert_current_stage,
    alert_recipient_default,
    cp_plan_get_open,
    practice_alert_get,
    practice_alert_list_to_escalate,
)

ALERT_RESPONSE_WORKING_DAYS = 5  # CHAIR_ALERT_RESPONSE_DUE local default
PROGRESS_NEEDING_CONCERNS = frozenset({ProgressRating.NONE, ProgressRating.WORSE})


def _format(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _require_chair(actor, child: Person, doing: str) -> None:
    if not actor.has_perm("protection.chair_oversight", child):
        raise PermissionDenied(f"Only a child protection chair can {doing}")


def _check_date(errors: dict, name: str, day: dt.date, *, earliest: dt.date, what: str) -> None:
    if day > clock.today():
        errors[name] = f"The date of the {what} must be today or in the past"
    elif day < earliest:
        errors[name] = f"The date of the {what} must be on or after {_format(earliest)}"


# ---------------------------------------------------------------------------------------------
# Midpoint reviews


@transaction.atomic
def midpoint_review_record(
    *,
    actor,
    child: Person,
    reviewed_on: dt.date,
    progress: str,
    concerns: str = "",
    actions: str = "",
    alert_raised: bool = False,
) -> MidpointReview:
    """Record the chair's midpoint review of the child's open CP plan (MIDPOINT_REVIEW_DUE).

    Refused without an open CP plan, for a date in the future or before the plan started, and
    without concerns when the plan is not progressing or risks have increased.
    """
    _require_chair(actor, child, "record a midpoint review")
    plan = cp_plan_get_open(child=child)
    errors: dict[str, str] = {}
    if plan is None:
        raise ValidationError(
            {"child": f"{child.full_name} has no open child protection plan to review"}
        )
    _check_date(errors, "reviewed_on", reviewed_on, earliest=plan.started_on, what="review")
    if progress not in ProgressRating.values:
        errors["progress"] = "Select how the plan is progressing"
    elif progress in PROGRESS_NEEDING_CONCERNS and not concerns.strip():
        errors["concerns"] = "Enter the concerns: the plan is not progressing"
    if alert_raised and not concerns.strip():
        errors.setdefault("concerns", "Enter the concerns the practice alert will raise")
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=MidpointReview,
        actor=actor,
        audit_subject=child,
        plan=plan,
        child=child,
        chair=actor,
        reviewed_on=reviewed_on,
        progress=progress,
        concerns=concerns.strip(),
        actions=actions.strip(),
        alert_raised=alert_raised,
    )


# ---------------------------------------------------------------------------------------------
# Practice alerts


def _start_stage(
    *,
    actor,
    alert: PracticeAlert,
    stage: int,
    recipient,
    started_on: dt.date,
    calendar: WorkingDayCalendar,
    via: str = "web",
) -> PracticeAlertStage:
    return record_create(
        model=PracticeAlertStage,
        actor=actor,
        audit_subject=alert.child,
        via=via,
        alert=alert,
        stage=stage,
        recipient=recipient,
        started_on=started_on,
        response_due_on=calendar.add_working_days(started_on, ALERT_RESPONSE_WORKING_DAYS),
    )


def _no_recipient_message(child: Person, stage: int) -> str:
    who = EscalationStage(stage).label.lower()
    return f"There is no {who} to address this to for {child.full_name}: check their allocation"


@transaction.atomic
def practice_alert_raise(
    *,
    actor,
    child: Person,
    concern: str,
    concern_detail: str,
    recipient=None,
    midpoint_review: MidpointReview | None = None,
) -> PracticeAlert:
    """Raise a practice alert on the child's case to a named team manager (stage 1): by default
    a team manager of the child's allocated team; the chair may name another. The response is
    due in 5 working days (council calendar)."""
    _require_chair(actor, child, "raise a practice alert")
    today = clock.today()
    errors: dict[str, str] = {}
    if concern not in AlertConcern.values:
        errors["concern"] = "Select the concern"
    if not concern_detail.strip():
        errors["concern_detail"] = "Enter what the concern is and what needs to change"
    recipient = recipient or alert_recipient_default(
        child=child, stage=EscalationStage.TEAM_MANAGER
    )
    if recipient is None:
        errors["recipient"] = _no_recipient_message(child, EscalationStage.TEAM_MANAGER)
    elif not recipient.has_perm("protection.receive_alerts"):
        errors["recipient"] = f"{recipient} is not a manager an alert can be addressed to"
    if midpoint_review is not None and midpoint_review.child_id != child.pk:
        errors["midpoint_review"] = "The midpoint review is for another child"
    if errors:
        raise ValidationError(errors)
    plan: Plan | None = cp_plan_get_open(child=child)
    alert = record_create(
        model=PracticeAlert,
        actor=actor,
        audit_subject=child,
        child=child,
        plan=plan,
        midpoint_review=midpoint_review,
        raised_by=actor,
        raised_on=today,
        concern=concern,
        concern_detail=concern_detail.strip(),
        stage=EscalationStage.TEAM_MANAGER,
    )
    _start_stage(
        actor=actor,
        alert=alert,
        stage=EscalationStage.TEAM_MANAGER,
        recipient=recipient,
        started_on=today,
        calendar=council_calendar(),
    )
    return alert


def _reload(alert: PracticeAlert) -> PracticeAlert:
    return practice_alert_get(pk=alert.pk)


def _require_open(alert: PracticeAlert) -> None:
    if alert.status != PracticeAlertStatus.OPEN:
        raise ValidationError(
            f"This practice alert was resolved on {_format(alert.resolved_on)}: "
            "it cannot change any more"
        )


@transaction.atomic
def practice_alert_respond(
    *,
    actor,
    alert: PracticeAlert,
    response: str,
    agreed_actions: str = "",
    expected_version: int,
) -> PracticeAlertStage:
    """The current stage's recipient responds, with the remedial actions agreed. Only the named
    recipient may, once, while the alert is open."""
    alert = _reload(alert)
    _require_open(alert)
    if not actor.has_perm("protection.respond_alert", alert):
        raise PermissionDenied("Only the manager this stage is addressed to can respond")
    errors = {}
    if not response.strip():
        errors["response"] = "Enter your response to the chair's concern"
    if not agreed_actions.strip():
        errors["agreed_actions"] = "Enter the remedial actions agreed, with who and by when"
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=alert_current_stage(alert),
        actor=actor,
        expected_version=expected_version,
        audit_subject=alert.child,
        responded_on=clock.today(),
        response=response.strip(),
        agreed_actions=agreed_actions.strip(),
    )


def _escalate(
    *,
    actor,
    alert: PracticeAlert,
    on: dt.date,
    recipient,
    calendar: WorkingDayCalendar,
    expected_version: int,
    via: str = "web",
) -> PracticeAlert:
    if alert.stage >= EscalationStage.HEAD_OF_SERVICE:
        raise ValidationError(
            "This practice alert is already with the head of service: it cannot move up further"
        )
    next_stage = alert.stage + 1
    recipient = recipient or alert_recipient_default(child=alert.child, stage=next_stage)
    if recipient is None:
        raise ValidationError({"recipient": _no_recipient_message(alert.child, next_stage)})
    current = alert_current_stage(alert)
    record_update(
        instance=current,
        actor=actor,
        expected_version=current.version,
        audit_subject=alert.child,
        via=via,
        escalated_on=on,
    )
    updated = record_update(
        instance=alert,
        actor=actor,
        expected_version=expected_version,
        audit_subject=alert.child,
        via=via,
        stage=next_stage,
    )
    _start_stage(
        actor=actor,
        alert=updated,
        stage=next_stage,
        recipient=recipient,
        started_on=on,
        calendar=calendar,
        via=via,
    )
    return updated


@transaction.atomic
def practice_alert_escalate(
    *, actor, alert: PracticeAlert, expected_version: int, recipient=None
) -> PracticeAlert:
    """The chair moves an open alert up a stage (the response did not resolve the concern):
    to a service manager of the child's service area, then to the head of service."""
    alert = _reload(alert)
    _require_chair(actor, alert.child, "escalate a practice alert")
    _require_open(alert)
    return _escalate(
        actor=actor,
        alert=alert,
        on=clock.today(),
        recipient=recipient,
        calendar=council_calendar(),
        expected_version=expected_version,
    )


@transaction.atomic
def practice_alert_resolve(
    *, actor, alert: PracticeAlert, resolution: str, expected_version: int
) -> PracticeAlert:
    """The chair closes the alert, saying how the concern was resolved."""
    alert = _reload(alert)
    _require_chair(actor, alert.child, "resolve a practice alert")
    _require_open(alert)
    if not resolution.strip():
        raise ValidationError({"resolution": "Enter how the concern was resolved"})
    return record_update(
        instance=alert,
        actor=actor,
        expected_version=expected_version,
        audit_subject=alert.child,
        status=PracticeAlertStatus.RESOLVED,
        resolved_on=clock.today(),
        resolution=resolution.strip(),
    )


@dataclass
class EscalationRun:
    escalated: list[PracticeAlert] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def practice_alerts_escalate_unanswered(*, actor, as_of: dt.date) -> EscalationRun:
    """The daily job: every open alert whose current stage had no response by its due date
    (as_of is after it) moves up a stage, with a new stage row and recipient, until the head of
    service. An alert with the head of service stays there; an alert with no one to move to is
    reported, not skipped silently. Each alert is its own transaction."""
    calendar = council_calendar()
    run = EscalationRun()
    for alert in practice_alert_list_to_escalate(as_of=as_of):
        if alert.stage >= EscalationStage.HEAD_OF_SERVICE:
            continue
        try:
            with transaction.atomic():
                run.escalated.append(
                    _escalate(
                        actor=actor,
                        alert=alert,
                        on=as_of,
                        recipient=None,
                        calendar=calendar,
                        expected_version=alert.version,
                        via="escalate_practice_alerts",
                    )
                )
        except ValidationError as error:
            run.problems.append(f"Alert {alert.pk} ({alert.child}): {' '.join(error.messages)}")
    return run
