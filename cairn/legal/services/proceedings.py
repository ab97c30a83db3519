"""Care proceedings: the application (issue), hearings, interim orders, extensions of the
26-week limit and the conclusion with a final order for each child. Source: Children Act 1989
s32(1)(a) as amended by the Children and Families Act 2014 s14 (proceedings to finish within 26
weeks of issue; extensions of up to 8 weeks at a time when necessary to resolve them justly).

Impossible sequences are refused: issue before the step decision to issue, a hearing, order
or extension before issue, anything after conclusion, a final order without a conclusion date.
"""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.legal.models import (
    CarePlan,
    CareProceedings,
    CareProceedingsChild,
    FinalOrder,
    Hearing,
    HearingKind,
    InterimOrder,
    InterimOrderKind,
    LegalDecision,
    LegalPlanningDetail,
    LegalRepresentation,
    PreProceedings,
    PreProceedingsOutcome,
    ProceedingsExtension,
)
from cairn.legal.services._common import date_errors, format_date, meeting_day
from cairn.people.models import Person

MAX_EXTENSION_WEEKS = 8  # Children Act 1989 s32(8): up to eight weeks at a time


def _children(proceedings: CareProceedings) -> list[Person]:
    return [r.child for r in proceedings.children.select_related("child").order_by("id")]


def _open_errors(proceedings: CareProceedings) -> dict:
    if proceedings.concluded_on is not None:
        return {"proceedings": "The proceedings have concluded"}
    return {}


def _source_errors(
    children: list[Person],
    pre_proceedings: PreProceedings | None,
    legal_planning: LegalPlanningDetail | None,
) -> tuple[dict, tuple | None]:
    """Proceedings follow a step decision to issue, or a legal gateway decision to issue."""
    if pre_proceedings is not None:
        if pre_proceedings.outcome != PreProceedingsOutcome.ISSUE:
            return {
                "pre_proceedings": "Pre-proceedings have no step decision to issue care proceedings"
            }, None
        return {}, (pre_proceedings.step_decided_on, "the step decision to issue")
    if legal_planning is not None:
        if legal_planning.decision != LegalDecision.ISSUE_PROCEEDINGS:
            return {
                "legal_planning": "The legal planning meeting did not decide to issue "
                "care proceedings"
            }, None
        return {}, (meeting_day(legal_planning.meeting.held_at), "the legal planning meeting")
    return {}, None


@transaction.atomic
def proceedings_issue(  # noqa: PLR0913
    *,
    actor,
    children: list[Person],
    issued_on: dt.date | None,
    court: str,
    case_number: str,
    pre_proceedings: PreProceedings | None = None,
    legal_planning: LegalPlanningDetail | None = None,
    parents_letter_sent_on: dt.date | None = None,
    short_notice: bool = False,
    short_notice_reason: str = "",
    parents_legal_rep: str = "",
    via: str = "web",
) -> CareProceedings:
    """Record the application for care proceedings (issue) for the children.

    Refused: no children; no court or case number; a future issue date, or one before the step
    decision (or legal planning meeting) that decided to issue; pre-proceedings without a step
    decision to issue; a letter to the parents after issue; short notice without a reason; a
    child already in proceedings that have not concluded.
    """
    children = list(children)
    errors, before = _source_errors(children, pre_proceedings, legal_planning)
    errors |= date_errors("issued_on", issued_on, what="date of issue", not_before=before)
    if not children:
        errors["children"] = "Choose the children in the proceedings"
    busy = set(
        CareProceedingsChild.objects.filter(
            child__in=children, proceedings__concluded_on__isnull=True
        ).values_list("child_id", flat=True)
    )
    if busy:
        errors["children"] = [
            f"{c.full_name} is already in care proceedings" for c in children if c.pk in busy
        ]
    if not court.strip():
        errors["court"] = "Enter the court"
    if not case_number.strip():
        errors["case_number"] = "Enter the court case number"
    if parents_letter_sent_on and issued_on and parents_letter_sent_on > issued_on:
        errors["parents_letter_sent_on"] = "The letter to the parents cannot be after issue"
    if short_notice and not short_notice_reason.strip():
        errors["short_notice_reason"] = "Say why the application was made at short notice"
    if parents_legal_rep and parents_legal_rep not in LegalRepresentation.values:
        errors["parents_legal_rep"] = "Choose whether the parents had legal representation"
    if errors:
        raise ValidationError(errors)
    proceedings = record_create(
        model=CareProceedings,
        actor=actor,
        audit_subject=children[0],
        via=via,
        pre_proceedings=pre_proceedings,
        legal_planning=legal_planning,
        parents_letter_sent_on=parents_letter_sent_on,
        issued_on=issued_on,
        court=court.strip(),
        case_number=case_number.strip(),
        short_notice=short_notice,
        short_notice_reason=short_notice_reason.strip(),
        parents_legal_rep=parents_legal_rep,
    )
    for child in children:
        record_create(
            model=CareProceedingsChild,
            actor=actor,
            audit_subject=child,
            via=via,
            proceedings=proceedings,
            child=child,
        )
    return proceedings


@transaction.atomic
def hearing_record(
    *,
    actor,
    proceedings: CareProceedings,
    kind: str,
    held_on: dt.date | None,
    outcome: str = "",
    via: str = "web",
) -> Hearing:
    """Record a hearing (to come, or held with its outcome). Refused: proceedings concluded; no
    kind; no date or one before issue; an outcome for a hearing still to come."""
    errors = _open_errors(proceedings)
    if kind not in HearingKind.values:
        errors["kind"] = "Choose the kind of hearing"
    if held_on is None:
        errors["held_on"] = "Enter the date of the hearing"
    elif held_on < proceedings.issued_on:
        issued = format_date(proceedings.issued_on)
        errors["held_on"] = f"A hearing cannot be before the proceedings were issued ({issued})"
    elif outcome.strip() and held_on > clock.today():
        errors["outcome"] = "A hearing still to come has no outcome yet"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=Hearing,
        actor=actor,
        audit_subject=_children(proceedings)[0],
        via=via,
        proceedings=proceedings,
        kind=kind,
        held_on=held_on,
        outcome=outcome.strip(),
    )


@transaction.atomic
def hearing_outcome_record(
    *, actor, hearing: Hearing, expected_version: int, outcome: str, via: str = "web"
) -> Hearing:
    """Record what a held hearing decided. Refused: the hearing is still to come; no outcome."""
    errors = {}
    if hearing.held_on > clock.today():
        errors = {"outcome": "A hearing still to come has no outcome yet"}
    elif not outcome.strip():
        errors = {"outcome": "Enter the outcome of the hearing"}
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=hearing,
        actor=actor,
        expected_version=expected_version,
        audit_subject=_children(hearing.proceedings)[0],
        via=via,
        outcome=outcome.strip(),
    )


@transaction.atomic
def interim_order_record(
    *,
    actor,
    proceedings: CareProceedings,
    child: Person,
    kind: str,
    made_on: dt.date | None,
    note: str = "",
    via: str = "web",
) -> InterimOrder:
    """Record an interim order for a child in the proceedings. Refused: proceedings concluded;
    a child not in them; no kind; a date in the future or before issue."""
    errors = _open_errors(proceedings) | date_errors(
        "made_on",
        made_on,
        what="date the order was made",
        not_before=(proceedings.issued_on, "the proceedings were issued"),
    )
    if child.pk not in {c.pk for c in _children(proceedings)}:
        errors["child"] = "Choose a child in these proceedings"
    if kind not in InterimOrderKind.values:
        errors["kind"] = "Choose the kind of interim order"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=InterimOrder,
        actor=actor,
        audit_subject=child,
        via=via,
        proceedings=proceedings,
        child=child,
        kind=kind,
        made_on=made_on,
        note=note.strip(),
    )


@transaction.atomic
def proceedings_extension_grant(
    *,
    actor,
    proceedings: CareProceedings,
    granted_on: dt.date | None,
    weeks: int | None,
    reason: str,
    via: str = "web",
) -> ProceedingsExtension:
    """Record an extension of the 26-week limit granted by the court. Refused: proceedings
    concluded; a date in the future or before issue; weeks outside 1 to 8; no reason."""
    errors = _open_errors(proceedings) | date_errors(
        "granted_on",
        granted_on,
        what="date the extension was granted",
        not_before=(proceedings.issued_on, "the proceedings were issued"),
    )
    if not weeks or not 1 <= weeks <= MAX_EXTENSION_WEEKS:
        errors["weeks"] = f"An extension is from 1 to {MAX_EXTENSION_WEEKS} weeks"
    if not reason.strip():
        errors["reason"] = "Enter the court's reason for the extension"
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=ProceedingsExtension,
        actor=actor,
        audit_subject=_children(proceedings)[0],
        via=via,
        proceedings=proceedings,
        granted_on=granted_on,
        weeks=weeks,
        reason=reason.strip(),
    )


@dataclass(frozen=True)
class ChildOrder:
    """The final order for a child, and the council's final care plan for them."""

    child: Person
    final_order: str
    final_care_plan: str = ""


@transaction.atomic
def proceedings_conclude(
    *,
    actor,
    proceedings: CareProceedings,
    expected_version: int,
    concluded_on: dt.date | None,
    orders: list[ChildOrder],
    via: str = "web",
) -> CareProceedings:
    """Conclude the proceedings with a final order (or no order, or withdrawn) for every child.

    A final care plan given here that was not recorded before (or differs from the one
    recorded) is taken as approved on the conclusion date, when the court makes the final
    order; none given keeps the plan already recorded.

    Refused: already concluded; no conclusion date (an outcome needs one), a future date, or
    one before issue or the last hearing; a child without a final order; an unknown care plan.
    """
    errors = _open_errors(proceedings)
    last = proceedings.hearings.order_by("-held_on").first()
    before = (
        (last.held_on, "the last hearing")
        if last and last.held_on > proceedings.issued_on
        else (proceedings.issued_on, "the proceedings were issued")
    )
    if concluded_on is None:
        errors["concluded_on"] = "Enter the date the proceedings concluded: a final order needs one"
    else:
        errors |= date_errors(
            "concluded_on", concluded_on, what="conclusion date", not_before=before
        )
    by_child = {o.child.pk: o for o in orders}
    missing = [
        f"Choose the final order for {c.full_name}"
        for c in _children(proceedings)
        if by_child.get(c.pk) is None or by_child[c.pk].final_order not in FinalOrder.values
    ]
    missing += [
        f"Choose the final care plan for {o.child.full_name} from the list"
        for o in orders
        if o.final_care_plan and o.final_care_plan not in CarePlan.values
    ]
    if missing:
        errors["orders"] = missing
    if errors:
        raise ValidationError(errors)
    for row in proceedings.children.all():
        order = by_child[row.child_id]
        plan = order.final_care_plan or row.final_care_plan
        kept = plan == row.final_care_plan and row.final_plan_approved_on is not None
        approved = row.final_plan_approved_on if kept else (concluded_on if plan else None)
        record_update(
            instance=row,
            actor=actor,
            expected_version=row.version,
            audit_subject=row.child,
            via=via,
            final_order=order.final_order,
            final_care_plan=plan,
            final_plan_approved_on=approved,
        )
    return record_update(
        instance=proceedings,
        actor=actor,
        expected_version=expected_version,
        audit_subject=_children(proceedings)[0],
        via=via,
        concluded_on=concluded_on,
    )


@transaction.atomic
def proceedings_care_plan_record(  # noqa: PLR0913
    *,
    actor,
    row: CareProceedingsChild,
    expected_version: int,
    initial_care_plan: str,
    initial_plan_approved_on: dt.date | None,
    final_care_plan: str = "",
    final_plan_approved_on: dt.date | None = None,
    via: str = "web",
) -> CareProceedingsChild:
    """Record the council's initial (and later final) care plan for a child in proceedings and
    when each was approved. Refused: an unknown plan; an approval date in the future or before
    issue; a final plan approved before the initial one."""
    issued = row.proceedings.issued_on
    errors = {}
    for plan, field in (
        (initial_care_plan, "initial_care_plan"),
        (final_care_plan, "final_care_plan"),
    ):
        if plan and plan not in CarePlan.values:
            errors[field] = "Choose the care plan"
    if not initial_care_plan:
        errors["initial_care_plan"] = "Choose the initial care plan"
    errors |= date_errors(
        "initial_plan_approved_on",
        initial_plan_approved_on,
        what="date the initial care plan was approved",
        not_before=(issued, "the proceedings were issued"),
    )
    if final_care_plan or final_plan_approved_on:
        errors |= date_errors(
            "final_plan_approved_on",
            final_plan_approved_on,
            what="date the final care plan was approved",
            not_before=(initial_plan_approved_on, "the initial care plan was approved"),
        )
        if not final_care_plan:
            errors["final_care_plan"] = "Choose the final care plan"
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=row,
        actor=actor,
        expected_version=expected_version,
        audit_subject=row.child,
        via=via,
        initial_care_plan=initial_care_plan,
        initial_plan_approved_on=initial_plan_approved_on,
        final_care_plan=final_care_plan,
        final_plan_approved_on=final_plan_approved_on,
    )
