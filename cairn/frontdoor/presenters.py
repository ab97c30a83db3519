"""Shape front-door records for templates: contact children with their decisions, timeliness,
episodes and allocation history, and the child's journey across levels."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from cairn.core.codelists import label
from cairn.core.working_days import WorkingDayCalendar, council_calendar
from cairn.frontdoor.models import (
    Contact,
    ContactChild,
    Episode,
    Level,
    LevelTransition,
    NextStep,
)
from cairn.frontdoor.selectors import Timeliness, contact_decision_timeliness
from cairn.governance.access import RESTRICTED_NAME, restricted_ids_hidden_from
from cairn.people.presenters import born_text

NOT_RECORDED = "Not recorded"
# Moves up the continuum (towards statutory intervention) and down (towards universal services).
LEVEL_RANK = {
    Level.NONE: 0,
    Level.CLOSED: 0,
    Level.EARLY_HELP: 1,
    Level.CIN: 2,
    Level.CP: 3,
    Level.PRE_PROCEEDINGS: 4,
    Level.LOOKED_AFTER: 5,
}


def long_date(value: dt.date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else NOT_RECORDED


def date_time(value: dt.datetime | None) -> str:
    if value is None:
        return NOT_RECORDED
    local = timezone.localtime(value)
    return f"{long_date(local.date())} at {local:%H:%M}"


def _days(n: int) -> str:
    return f"{n} working day" + ("" if n == 1 else "s")


def timeliness_text(t: Timeliness) -> tuple[str, str]:
    """(tag text, tag colour class) for CONTACT_DECISION_1WD."""
    if t.decided_on is not None:
        taken = _days(t.working_days_taken)
        if t.met:
            return f"Decided in {taken}: in time", "govuk-tag--green"
        return f"Decided in {taken}: late (due {long_date(t.deadline)})", "govuk-tag--red"
    if t.met is False:
        return f"Overdue: due {long_date(t.deadline)}", "govuk-tag--red"
    return f"Due by {long_date(t.deadline)}", "govuk-tag--yellow"


@dataclass(frozen=True)
class ContactChildRow:
    name: str
    child_url: str
    la_child_id: str
    decided: bool
    level: str
    next_step: str
    rationale: str
    decided_by: str
    decided_at: str
    timeliness: str
    timeliness_class: str
    decide_url: str
    referral_url: str  # when the decision calls for a referral and none exists yet
    episode_url: str


def _referral_url(cc: ContactChild) -> str:
    needs_referral = cc.next_step in (NextStep.REFERRAL, NextStep.STRATEGY)
    if not needs_referral or getattr(cc, "episode", None) is not None:
        return ""
    return reverse("frontdoor:referral_create", args=[cc.pk])


def contact_candidate_choices(candidates, *, viewer) -> list[tuple[str, str]]:
    """The children a contact may be recorded for, as checkbox choices: name, birth date and LA
    child ID; a restricted child `viewer` may not open is "Restricted record" with only the LA
    child ID (ADR 0023), so the contact can still be recorded for them."""
    hidden = restricted_ids_hidden_from(user=viewer, people=candidates)
    return [
        (
            str(child.pk),
            f"{RESTRICTED_NAME} ({child.la_child_id})"
            if child.pk in hidden
            else f"{child.full_name}, born {born_text(child)} ({child.la_child_id})",
        )
        for child in candidates
    ]


def contact_child_rows(
    contact: Contact, *, calendar: WorkingDayCalendar | None = None
) -> list[ContactChildRow]:
    calendar = calendar or council_calendar()
    rows = []
    for cc in contact.children.all():
        cc.contact = contact  # already loaded: no query per child
        tag, colour = timeliness_text(contact_decision_timeliness(cc, calendar=calendar))
        episode = getattr(cc, "episode", None)
        decided = cc.decided_at is not None
        rows.append(
            ContactChildRow(
                name=cc.child.full_name,
                child_url=reverse("people:person_detail", args=[cc.child_id]),
                la_child_id=cc.child.la_child_id or "",
                decided=decided,
                level=str(cc.threshold_level) if cc.threshold_level else "",
                next_step=cc.get_next_step_display() if decided else "",
                rationale=cc.rationale,
                decided_by=cc.decided_by.get_full_name() if cc.decided_by else "",
                decided_at=date_time(cc.decided_at) if decided else "",
                timeliness=tag,
                timeliness_class=colour,
                decide_url="" if decided else reverse("frontdoor:threshold_decide", args=[cc.pk]),
                referral_url=_referral_url(cc),
                episode_url=reverse("frontdoor:episode_detail", args=[episode.pk])
                if episode
                else "",
            )
        )
    return rows


def contact_summary_rows(contact: Contact) -> list[tuple[str, str]]:
    referrer = ", ".join(
        part
        for part in (
            contact.referrer_name,
            contact.referrer_role,
            contact.referrer_organisation,
        )
        if part
    )
    return [
        ("Received", date_time(contact.received_at)),
        ("Source", f"{contact.source}: {label('referral_source', contact.source)}"),
        ("Referrer", referrer or NOT_RECORDED),
        ("Consent", contact.get_consent_display()),
        ("Concerns", contact.concerns),
        ("Taken by", f"{contact.team.name} ({contact.created_by.get_full_name()})"),
    ]


def episode_summary_rows(episode: Episode) -> list[tuple[str, str]]:
    rows = [
        ("Referral date", long_date(episode.referral_date)),
        ("Source", f"{episode.source}: {label('referral_source', episode.source)}"),
        (
            "Re-referral",
            "Yes (within 12 months of a previous referral)" if episode.is_re_referral else "No",
        ),
        (
            "Primary need",
            f"{episode.primary_need}: {label('primary_need', episode.primary_need)}"
            if episode.primary_need
            else "Not yet known",
        ),
    ]
    if episode.contact_child_id:
        rows.append(("From the contact of", date_time(episode.contact_child.contact.received_at)))
    if episode.referral_nfa:
        rows.append(("Referral NFA", "Yes: no further action at referral"))
    if episode.closed_on:
        rows += [
            ("Closed", long_date(episode.closed_on)),
            (
                "Reason for closure",
                f"{episode.closure_reason}: {label('closure_reason', episode.closure_reason)}",
            ),
        ]
    else:
        rows.append(("Status", "Open"))
    return rows


@dataclass(frozen=True)
class AllocationRow:
    team: str
    worker: str
    started: str
    ended: str
    reason: str


def allocation_rows(allocations: Iterable) -> list[AllocationRow]:
    return [
        AllocationRow(
            team=a.team.name,
            worker=a.worker.get_full_name() if a.worker else "Not allocated to a worker",
            started=long_date(a.started_on),
            ended=long_date(a.ended_on) if a.ended_on else "Current",
            reason=a.reason or NOT_RECORDED,
        )
        for a in allocations
    ]


@dataclass(frozen=True)
class JourneyRow:
    """One move on the child's journey across levels (for a timeline)."""

    date: str
    iso_date: str
    from_level: str
    to_level: str
    direction: str  # "Step-up", "Step-down" or "Closed"
    reason: str
    decided_by: str


def _direction(t: LevelTransition) -> str:
    if t.to_level == Level.CLOSED:
        return "Closed"
    if LEVEL_RANK[t.to_level] > LEVEL_RANK[t.from_level]:
        return "Step-up"
    return "Step-down"


def journey_rows(transitions: Iterable[LevelTransition]) -> list[JourneyRow]:
    """The journey across levels, in the order given (level_transition_list: oldest first)."""
    return [
        JourneyRow(
            date=long_date(t.occurred_on),
            iso_date=t.occurred_on.isoformat(),
            from_level=t.get_from_level_display(),
            to_level=t.get_to_level_display(),
            direction=_direction(t),
            reason=t.reason,
            decided_by=t.decided_by.get_full_name(),
        )
        for t in transitions
    ]


def level_text(level: str) -> str:
    return Level(level).label
