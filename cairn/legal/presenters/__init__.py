"""Shaping legal records for templates: summary-list rows, formatted dates, tags."""

import datetime as dt

from django.utils import timezone

from cairn.casework.models import MeetingKind
from cairn.governance.access import RESTRICTED_NAME, restricted_ids_hidden_from
from cairn.legal.selectors import records


def long_date(value) -> str:
    if value is None:
        return "Not recorded"
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return f"{value.day} {value:%B %Y}"


def _names(children) -> str:
    return ", ".join(c.full_name for c in children)


def tracker_lines(rows, *, viewer) -> list[tuple]:
    """Each tracker row with its children's names, restricted children `viewer` may not open
    shown as "Restricted record" (ADR 0023). One check for the whole page: two queries,
    whatever the number of rows."""
    hidden = restricted_ids_hidden_from(
        user=viewer, people=[child for row in rows for child in row.children]
    )
    return [
        (row, ", ".join(RESTRICTED_NAME if c.pk in hidden else c.full_name for c in row.children))
        for row in rows
    ]


def legal_planning_rows(detail) -> list[tuple[str, str]]:
    meeting = detail.meeting
    attendees = "; ".join(f"{a.name} ({a.agency})" for a in meeting.attendance.all())
    decision = detail.get_decision_display()
    if detail.decision_other:
        decision += f": {detail.decision_other}"
    return [
        ("Date", long_date(meeting.held_at)),
        ("Children", _names(mc.child for mc in meeting.children.all())),
        ("Who took part", attendees),
        ("Asked for by", detail.get_requested_from_display()),
        ("Concerns", detail.concerns),
        ("Decision", decision),
        ("Reasons", detail.rationale),
    ]


def pre_proceedings_rows(pp) -> list[tuple[str, str]]:
    fgdm = "Not recorded"
    if pp.fgdm_offered is True:
        fgdm = f"Offered {long_date(pp.fgdm_offered_on)}; " + (
            f"held {long_date(pp.fgdm_held_on)}"
            if pp.fgdm_held_on
            else f"not held: {pp.fgdm_not_reason}"
        )
    elif pp.fgdm_offered is False:
        fgdm = f"Not offered: {pp.fgdm_not_reason}"
    outcome = pp.get_outcome_display() or "Open"
    if pp.step_down_to:
        outcome += f" to {pp.get_step_down_to_display().lower()}"
    return [
        ("Children", _names(r.child for r in pp.children.all())),
        ("Decision to start", long_date(pp.decided_on)),
        ("Letter before proceedings sent", long_date(pp.letter_sent_on)),
        ("What the letter asks to change", pp.letter_changes or "Not recorded"),
        ("Family group decision-making", fgdm),
        (
            "Extensions",
            "; ".join(
                f"{e.weeks} weeks on {long_date(e.decided_on)}: {e.reason}"
                for e in pp.extensions.all()
            )
            or "None",
        ),
        (
            "Step decision",
            f"{outcome} ({long_date(pp.step_decided_on)})" if pp.outcome else outcome,
        ),
    ]


def pre_proceedings_meeting_rows(pp) -> list[dict]:
    return [
        {
            "kind": m.meeting.get_kind_display(),
            "date": long_date(m.meeting.held_at),
            "detail": (
                f"Parents' legal representation: {m.get_parents_legal_rep_display()}"
                if m.meeting.kind == MeetingKind.PP_INITIAL
                else m.progress
            ),
        }
        for m in pp.meetings.all()
    ]


def proceedings_rows(cp) -> list[tuple[str, str]]:
    return [
        ("Children", _names(r.child for r in cp.children.all())),
        ("Issued", long_date(cp.issued_on)),
        ("Court", cp.court),
        ("Case number", cp.case_number),
        (
            "Interim orders",
            "; ".join(
                f"{o.get_kind_display()} for {o.child.full_name}, {long_date(o.made_on)}"
                for o in cp.interim_orders.all()
            )
            or "None",
        ),
        (
            "Extensions",
            "; ".join(
                f"{e.weeks} weeks granted {long_date(e.granted_on)}: {e.reason}"
                for e in cp.extensions.all()
            )
            or "None",
        ),
        ("Concluded", long_date(cp.concluded_on) if cp.concluded_on else "Not concluded"),
    ]


def _plan(label: str, approved_on) -> str:
    if not label:
        return "Not recorded"
    return f"{label} (approved {long_date(approved_on)})" if approved_on else label


def proceedings_children_rows(cp) -> list[dict]:
    """Each child in the proceedings: initial and final care plans and the final order."""
    return [
        {
            "pk": r.pk,
            "name": r.child.full_name,
            "initial_plan": _plan(r.get_initial_care_plan_display(), r.initial_plan_approved_on),
            "final_plan": _plan(r.get_final_care_plan_display(), r.final_plan_approved_on),
            "final_order": r.get_final_order_display() or "None yet",
        }
        for r in cp.children.all()
    ]


def hearing_rows(cp, *, today: dt.date) -> list[dict]:
    """Hearings in date order; one held without an outcome says so, and may be given one."""
    rows = []
    for h in cp.hearings.all():
        held = h.held_on <= today
        rows.append(
            {
                "pk": h.pk,
                "kind": h.get_kind_display(),
                "date": long_date(h.held_on),
                "outcome": h.outcome or ("Outcome not recorded" if held else "To come"),
                "can_have_outcome": held,
                "has_outcome": bool(h.outcome),
            }
        )
    return rows


def child_legal_context(*, user, child) -> dict | None:
    """The child's legal section: legal planning meetings, pre-proceedings, care proceedings
    and looked-after periods. Only called for the child's page, which has already checked
    `casework.view_record` (the same predicate as `legal.view_record`): four queries, plus
    the prefetches of rows that exist."""
    looked_after = list(records.looked_after_for_child(child=child))
    return {
        "meetings": list(records.legal_meetings_for_child(child=child)),
        "pre_proceedings": list(records.pre_proceedings_for_child(child=child)),
        "proceedings": list(records.proceedings_for_child(child=child)),
        "looked_after": looked_after,
        "looked_after_now": any(p.ceased_on is None for p in looked_after),
        "can_write": user.has_perm("legal.write_record", child),
    }
