"""The child's chronology, built from every record about them (issue 3, item 8).

One query per record type, whatever the number of entries: contacts and threshold decisions
(ContactChild), referrals and closures (Episode), assessments, plans, meetings (reviews), visits,
significant events, significant case notes, level transitions and early help episodes, plus one
for the workers' analysis of entries. Entries are dated records; a record with two dates (a
referral and its closure, say) makes two entries.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from django.db import models
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from cairn.casework.models import (
    Assessment,
    AssessmentStatus,
    CaseNote,
    CaseNoteStatus,
    ChronologyAnalysis,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    SignificantEvent,
    Visit,
)
from cairn.core import clock
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ContactChild, Episode, LevelTransition
from cairn.people.models import Person


class ChronologyKind(models.TextChoices):
    CONTACT = "contact", "Contact"
    THRESHOLD_DECISION = "threshold_decision", "Threshold decision"
    REFERRAL = "referral", "Referral"
    CLOSURE = "closure", "Case closure"
    ASSESSMENT_STARTED = "assessment_started", "Assessment started"
    ASSESSMENT_AUTHORISED = "assessment_authorised", "Assessment authorised"
    PLAN_STARTED = "plan_started", "Plan started"
    PLAN_ENDED = "plan_ended", "Plan ended"
    REVIEW = "review", "Review or meeting"
    VISIT = "visit", "Visit"
    SIGNIFICANT_EVENT = "significant_event", "Significant event"
    CASE_NOTE = "case_note", "Significant case note"
    LEVEL_CHANGE = "level_change", "Change of level"
    EARLY_HELP_STARTED = "early_help_started", "Early help started"
    EARLY_HELP_ENDED = "early_help_ended", "Early help ended"


@dataclass
class ChronologyEntry:
    date: dt.date
    kind: str
    record_id: int
    title: str
    summary: str
    by: str = ""
    link: str = ""
    analyses: list[ChronologyAnalysis] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return ChronologyKind(self.kind).label

    @property
    def key(self) -> tuple[str, int]:
        return (self.kind, self.record_id)


# Chronology entry kinds and the model holding their record: analysis is added against these.
ENTRY_MODELS: dict[str, type[models.Model]] = {
    ChronologyKind.CONTACT: ContactChild,
    ChronologyKind.THRESHOLD_DECISION: ContactChild,
    ChronologyKind.REFERRAL: Episode,
    ChronologyKind.CLOSURE: Episode,
    ChronologyKind.ASSESSMENT_STARTED: Assessment,
    ChronologyKind.ASSESSMENT_AUTHORISED: Assessment,
    ChronologyKind.PLAN_STARTED: Plan,
    ChronologyKind.PLAN_ENDED: Plan,
    ChronologyKind.REVIEW: Meeting,
    ChronologyKind.VISIT: Visit,
    ChronologyKind.SIGNIFICANT_EVENT: SignificantEvent,
    ChronologyKind.CASE_NOTE: CaseNote,
    ChronologyKind.LEVEL_CHANGE: LevelTransition,
    ChronologyKind.EARLY_HELP_STARTED: EarlyHelpEpisode,
    ChronologyKind.EARLY_HELP_ENDED: EarlyHelpEpisode,
}


def entry_record_exists(*, child: Person, entry_kind: str, entry_id: int) -> bool:
    """Whether `entry_kind` names a chronology entry kind and record `entry_id` is the child's."""
    model = ENTRY_MODELS.get(entry_kind)
    if model is None:
        return False
    if model is Meeting:
        return _meetings_of(child).filter(pk=entry_id).exists()
    return model.objects.filter(pk=entry_id, child=child).exists()


def _url(name: str, pk: int) -> str:
    """A link to a record's page, or none while that page does not exist."""
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


def _name(user) -> str:
    return user.get_full_name() if user else ""


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(value) if value else None


@dataclass(frozen=True)
class _Window:
    start: dt.date | None
    end: dt.date | None
    limit: int | None

    def q(self, *date_fields: str) -> Q:
        """Rows with any of `date_fields` in the window (all rows without a window)."""
        query = Q()
        for name in date_fields:
            in_window = Q(**{f"{name}__isnull": False})
            if self.start:
                in_window &= Q(**{f"{name}__gte": self.start})
            if self.end:
                in_window &= Q(**{f"{name}__lte": self.end})
            query |= in_window
        return query

    def take(self, queryset: QuerySet, *order_by: str) -> QuerySet:
        """The latest `limit` rows when only the latest entries are wanted."""
        if self.limit is None:
            return queryset
        return queryset.order_by(*order_by)[: self.limit]

    def contains(self, day: dt.date | None) -> bool:
        return (
            day is not None
            and (self.start is None or day >= self.start)
            and (self.end is None or day <= self.end)
        )


def _meetings_of(child: Person) -> QuerySet[Meeting]:
    """Meetings about the child or reviewing one of the child's plans.

    Two semi-joins rather than an OR across joins with DISTINCT, which PostgreSQL plans as a
    scan of every meeting (about 120 ms per page on the large council)."""
    about_child = MeetingChild.objects.filter(child=child).values("meeting_id")
    reviewing_plan = Plan.objects.filter(child=child).values("pk")
    return Meeting.objects.filter(Q(pk__in=about_child) | Q(plan_id__in=reviewing_plan))


def _contacts(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = ContactChild.objects.filter(child=child, contact__removed_at__isnull=True).filter(
        window.q("contact__received_at__date", "decided_at__date")
    )
    rows = window.take(rows.select_related("contact", "decided_by"), "-contact__received_at")
    for row in rows:
        contact = row.contact
        if ChronologyKind.CONTACT in kinds:
            yield ChronologyEntry(
                date=_local_date(contact.received_at),
                kind=ChronologyKind.CONTACT,
                record_id=row.pk,
                title=f"Contact from {contact.get_source_display()}",
                summary=contact.concerns,
                by=", ".join(
                    p for p in (contact.referrer_name, contact.referrer_organisation) if p
                ),
                link=_url("frontdoor:contact_detail", contact.pk),
            )
        if row.decided_at and ChronologyKind.THRESHOLD_DECISION in kinds:
            yield ChronologyEntry(
                date=_local_date(row.decided_at),
                kind=ChronologyKind.THRESHOLD_DECISION,
                record_id=row.pk,
                title=f"Threshold decision: {row.get_next_step_display().lower()}",
                summary=row.rationale,
                by=_name(row.decided_by),
                link=_url("frontdoor:contact_detail", contact.pk),
            )


def _episodes(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = Episode.objects.filter(child=child).filter(window.q("referral_date", "closed_on"))
    for episode in window.take(rows, "-referral_date"):
        if ChronologyKind.REFERRAL in kinds:
            yield ChronologyEntry(
                date=episode.referral_date,
                kind=ChronologyKind.REFERRAL,
                record_id=episode.pk,
                title="Re-referral" if episode.is_re_referral else "Referral",
                summary=f"Source: {episode.get_source_display()}"
                + (
                    f". Primary need: {episode.get_primary_need_display()}"
                    if episode.primary_need
                    else ""
                )
                + (". Closed with no further action" if episode.referral_nfa else ""),
                link=_url("frontdoor:episode_detail", episode.pk),
            )
        if episode.closed_on and ChronologyKind.CLOSURE in kinds:
            yield ChronologyEntry(
                date=episode.closed_on,
                kind=ChronologyKind.CLOSURE,
                record_id=episode.pk,
                title="Case closed",
                summary=episode.get_closure_reason_display(),
                link=_url("frontdoor:episode_detail", episode.pk),
            )


def _assessments(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = Assessment.objects.filter(child=child).filter(window.q("started_on", "authorised_on"))
    rows = window.take(rows.select_related("authorised_by", "created_by"), "-started_on")
    for assessment in rows:
        link = _url("casework:assessment_detail", assessment.pk)
        kind_of = "Updated assessment" if assessment.previous_id else "Assessment"
        if ChronologyKind.ASSESSMENT_STARTED in kinds:
            yield ChronologyEntry(
                date=assessment.started_on,
                kind=ChronologyKind.ASSESSMENT_STARTED,
                record_id=assessment.pk,
                title=f"{kind_of} started",
                summary=f"Target date {assessment.target_date.day} {assessment.target_date:%B %Y}",
                by=_name(assessment.created_by),
                link=link,
            )
        authorised = assessment.status == AssessmentStatus.AUTHORISED and assessment.authorised_on
        if authorised and ChronologyKind.ASSESSMENT_AUTHORISED in kinds:
            yield ChronologyEntry(
                date=assessment.authorised_on,
                kind=ChronologyKind.ASSESSMENT_AUTHORISED,
                record_id=assessment.pk,
                title=f"{kind_of} authorised: {assessment.get_outcome_display().lower()}",
                summary=assessment.analysis,
                by=_name(assessment.authorised_by),
                link=link,
            )


def _plans(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = Plan.objects.filter(child=child, started_on__isnull=False).filter(
        window.q("started_on", "ended_on")
    )
    for plan in window.take(rows, "-started_on"):
        link = _url("casework:plan_detail", plan.pk)
        if ChronologyKind.PLAN_STARTED in kinds:
            yield ChronologyEntry(
                date=plan.started_on,
                kind=ChronologyKind.PLAN_STARTED,
                record_id=plan.pk,
                title=f"{plan.get_kind_display()} started",
                summary="",
                link=link,
            )
        if plan.ended_on and ChronologyKind.PLAN_ENDED in kinds:
            yield ChronologyEntry(
                date=plan.ended_on,
                kind=ChronologyKind.PLAN_ENDED,
                record_id=plan.pk,
                title=f"{plan.get_kind_display()} ended",
                summary=plan.end_reason,
                link=link,
            )


def _meetings(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = _meetings_of(child).filter(held_at__lte=clock.now()).filter(window.q("held_at__date"))
    for meeting in window.take(rows.select_related("chair"), "-held_at"):
        summary = []
        if meeting.making_difference:
            summary.append(
                f"Is the plan making a difference? {meeting.get_making_difference_display()}"
            )
        if meeting.decision:
            summary.append(f"Decision: {meeting.get_decision_display().lower()}")
        yield ChronologyEntry(
            date=_local_date(meeting.held_at),
            kind=ChronologyKind.REVIEW,
            record_id=meeting.pk,
            title=meeting.get_kind_display(),
            summary=". ".join(summary),
            by=_name(meeting.chair),
            link=_url(MEETING_PAGES.get(meeting.kind, "casework:review_detail"), meeting.pk),
        )


# Child protection meetings have their own pages (protection app, issue 4).
MEETING_PAGES = {
    MeetingKind.STRATEGY: "protection:strategy_detail",
    MeetingKind.ICPC: "protection:conference_detail",
    MeetingKind.RCPC: "protection:conference_detail",
    MeetingKind.CORE_GROUP: "protection:core_group_detail",
}


def _visits(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = Visit.objects.filter(child=child).filter(window.q("visited_on"))
    for visit in window.take(rows.select_related("worker"), "-visited_on", "-id"):
        if not visit.child_seen:
            seen = "Child not seen"
        elif visit.seen_alone:
            seen = "Child seen alone"
        else:
            seen = "Child seen"
        yield ChronologyEntry(
            date=visit.visited_on,
            kind=ChronologyKind.VISIT,
            record_id=visit.pk,
            title=visit.get_kind_display(),
            summary=f"{seen} at {visit.location}. {visit.analysis}".strip(),
            by=_name(visit.worker),
            link=_url("casework:visit_detail", visit.pk),
        )


def _significant_events(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = SignificantEvent.objects.filter(child=child).filter(window.q("occurred_on"))
    for event in window.take(rows.select_related("created_by"), "-occurred_on", "-id"):
        yield ChronologyEntry(
            date=event.occurred_on,
            kind=ChronologyKind.SIGNIFICANT_EVENT,
            record_id=event.pk,
            title=f"Significant event: {event.get_type_display().lower()}",
            summary=event.description,
            by=_name(event.created_by),
        )


def _case_notes(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = CaseNote.objects.filter(
        child=child, is_significant=True, status=CaseNoteStatus.FINAL
    ).filter(window.q("occurred_on"))
    for note in window.take(rows.select_related("created_by"), "-occurred_on", "-id"):
        yield ChronologyEntry(
            date=note.occurred_on,
            kind=ChronologyKind.CASE_NOTE,
            record_id=note.pk,
            title=f"Case note: {note.subject}",
            summary=note.text,
            by=_name(note.created_by),
            link=_url("casework:case_note_detail", note.pk),
        )


def _level_changes(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = LevelTransition.objects.filter(child=child).filter(window.q("occurred_on"))
    for change in window.take(rows.select_related("decided_by"), "-occurred_on", "-id"):
        yield ChronologyEntry(
            date=change.occurred_on,
            kind=ChronologyKind.LEVEL_CHANGE,
            record_id=change.pk,
            title=f"{change.get_from_level_display()} to {change.get_to_level_display()}",
            summary=change.reason,
            by=_name(change.decided_by),
        )


def _early_help(child, window, kinds) -> Iterator[ChronologyEntry]:
    rows = EarlyHelpEpisode.objects.filter(child=child).filter(window.q("started_on", "ended_on"))
    for episode in window.take(rows, "-started_on"):
        link = _url("earlyhelp:early_help_detail", episode.pk)
        if ChronologyKind.EARLY_HELP_STARTED in kinds:
            yield ChronologyEntry(
                date=episode.started_on,
                kind=ChronologyKind.EARLY_HELP_STARTED,
                record_id=episode.pk,
                title=f"Early help started, led by {episode.lead_organisation}",
                summary=episode.reason,
                by=episode.lead_practitioner,
                link=link,
            )
        if episode.ended_on and ChronologyKind.EARLY_HELP_ENDED in kinds:
            yield ChronologyEntry(
                date=episode.ended_on,
                kind=ChronologyKind.EARLY_HELP_ENDED,
                record_id=episode.pk,
                title=f"Early help ended: {episode.get_end_reason_display().lower()}",
                summary=episode.plan_summary,
                by=episode.lead_practitioner,
                link=link,
            )


K = ChronologyKind
_Source = Callable[[Person, _Window, frozenset[str]], Iterable[ChronologyEntry]]
# Each source is one query and makes the entries of these kinds.
SOURCES: list[tuple[frozenset[str], _Source]] = [
    (frozenset({K.CONTACT, K.THRESHOLD_DECISION}), _contacts),
    (frozenset({K.REFERRAL, K.CLOSURE}), _episodes),
    (frozenset({K.ASSESSMENT_STARTED, K.ASSESSMENT_AUTHORISED}), _assessments),
    (frozenset({K.PLAN_STARTED, K.PLAN_ENDED}), _plans),
    (frozenset({K.REVIEW}), _meetings),
    (frozenset({K.VISIT}), _visits),
    (frozenset({K.SIGNIFICANT_EVENT}), _significant_events),
    (frozenset({K.CASE_NOTE}), _case_notes),
    (frozenset({K.LEVEL_CHANGE}), _level_changes),
    (frozenset({K.EARLY_HELP_STARTED, K.EARLY_HELP_ENDED}), _early_help),
]
KIND_ORDER = {kind: n for n, kind in enumerate(ChronologyKind.values)}


def chronology_for(
    *,
    child: Person,
    kinds: Collection[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    latest: int | None = None,
) -> list[ChronologyEntry]:
    """The child's chronology in date order (oldest first), optionally only some kinds of entry
    and only entries dated from `start` to `end` (inclusive). `latest` keeps only the most
    recent entries (for the child's page); each source then reads at most that many records.

    Queries: one per source asked for, plus one for the analyses, whatever the history's size.
    """
    wanted = frozenset(kinds) if kinds else frozenset(ChronologyKind.values)
    window = _Window(start=start, end=end, limit=latest)
    entries = [
        entry
        for entry in chain.from_iterable(
            source(child, window, wanted)
            for source_kinds, source in SOURCES
            if source_kinds & wanted
        )
        if window.contains(entry.date)
    ]
    entries.sort(key=lambda e: (e.date, KIND_ORDER[e.kind], e.record_id))
    if latest is not None:
        entries = entries[-latest:]
    _attach_analyses(child, entries)
    return entries


def _attach_analyses(child: Person, entries: list[ChronologyEntry]) -> None:
    if not entries:
        return
    by_entry = defaultdict(list)
    analyses = ChronologyAnalysis.objects.filter(child=child).select_related("created_by")
    for analysis in analyses.order_by("created_at", "id"):
        by_entry[(analysis.entry_kind, analysis.entry_id)].append(analysis)
    for entry in entries:
        entry.analyses = by_entry.get(entry.key, [])
