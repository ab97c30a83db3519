"""Reads about contacts, referrals (CIN episodes) and where a child sits on the continuum of
need. Pages check the permission on the child; these reads are bounded in queries."""

import datetime as dt
from calendar import monthrange
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cairn.core import clock
from cairn.core.working_days import WorkingDayCalendar, council_calendar
from cairn.frontdoor.models import (
    Contact,
    ContactChild,
    Episode,
    Level,
    LevelTransition,
    ThresholdLevel,
)
from cairn.people.models import Person
from cairn.people.search import person_search
from cairn.people.selectors import child_list_visible_to
from cairn.workforce.models import Allocation

CONTACT_DECISION_WORKING_DAYS = 1  # CONTACT_DECISION_1WD (Working Together: 1 working day)


def episode_get_open(*, child: Person) -> Episode | None:
    """The child's open CIN episode, if the child is open to children's social care."""
    return Episode.objects.filter(child=child, closed_on__isnull=True).first()


def child_current_level(*, child: Person) -> str:
    """The level the child's latest recorded transition moved them to (none if never moved)."""
    latest = LevelTransition.objects.filter(child=child).order_by("-occurred_on", "-id").first()
    return latest.to_level if latest else Level.NONE


def level_transition_list(*, child: Person) -> QuerySet[LevelTransition]:
    """The child's journey across levels, oldest first, with who decided each move."""
    return (
        LevelTransition.objects.filter(child=child)
        .select_related("decided_by")
        .order_by("occurred_on", "id")
    )


def _months_before(day: dt.date, months: int) -> dt.date:
    """Calendar months back (timescales.md): 29 Feb 2028 - 12 months = 28 Feb 2027."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return dt.date(year, month, min(day.day, monthrange(year, month)[1]))


def referral_is_re_referral(*, child: Person, referral_date: dt.date) -> bool:
    """DfE: a referral within 12 months of a previous referral for the same child."""
    return Episode.objects.filter(
        child=child,
        referral_date__lte=referral_date,
        referral_date__gte=_months_before(referral_date, 12),
    ).exists()


def contact_get(*, pk: int) -> Contact | None:
    """A contact with its children, their decisions and any referral, in a fixed number of
    queries however many children it covers."""
    children = ContactChild.objects.select_related(
        "child", "threshold_level", "decided_by", "episode"
    ).order_by("child__family_name", "child__given_name")
    return (
        Contact.objects.filter(pk=pk)
        .select_related("team", "created_by")
        .prefetch_related(Prefetch("children", queryset=children))
        .first()
    )


def contact_child_get(*, pk: int) -> ContactChild | None:
    return (
        ContactChild.objects.filter(pk=pk)
        .select_related("contact", "contact__team", "child", "threshold_level", "decided_by")
        .first()
    )


def contact_list_for_child(*, child: Person) -> QuerySet[ContactChild]:
    return (
        ContactChild.objects.filter(child=child)
        .select_related("contact", "threshold_level")
        .order_by("-contact__received_at")
    )


def episode_get(*, pk: int) -> Episode | None:
    """An episode with its allocation history, in a fixed number of queries."""
    allocations = Allocation.objects.select_related("team", "worker").order_by("-started_on", "-id")
    return (
        Episode.objects.filter(pk=pk)
        .select_related("child", "contact_child__contact")
        .prefetch_related(Prefetch("allocations", queryset=allocations))
        .first()
    )


def episode_list_for_child(*, child: Person) -> QuerySet[Episode]:
    return Episode.objects.filter(child=child).order_by("-referral_date", "-id")


@dataclass(frozen=True)
class Timeliness:
    """How a contact decision stands against CONTACT_DECISION_1WD."""

    received_on: dt.date
    deadline: dt.date
    decided_on: dt.date | None
    working_days_taken: int  # to the decision, or so far when undecided
    met: bool | None  # None while undecided and not yet late

    @property
    def overdue(self) -> bool:
        return self.decided_on is None and self.met is False


def contact_decision_timeliness(
    contact_child: ContactChild, *, calendar: WorkingDayCalendar | None = None
) -> Timeliness:
    """CONTACT_DECISION_1WD: the decision is due by the contact date + 1 working day (the
    contact date is day 0; timescales.md). Met if decided on or before the deadline."""
    calendar = calendar or council_calendar()
    received_on = timezone.localtime(contact_child.contact.received_at).date()
    deadline = calendar.add_working_days(received_on, CONTACT_DECISION_WORKING_DAYS)
    if contact_child.decided_at is not None:
        decided_on = timezone.localtime(contact_child.decided_at).date()
        return Timeliness(
            received_on=received_on,
            deadline=deadline,
            decided_on=decided_on,
            working_days_taken=calendar.working_days_between(received_on, decided_on),
            met=decided_on <= deadline,
        )
    today = clock.today()
    return Timeliness(
        received_on=received_on,
        deadline=deadline,
        decided_on=None,
        working_days_taken=calendar.working_days_between(received_on, today),
        met=False if today > deadline else None,
    )


def threshold_level_list() -> QuerySet[ThresholdLevel]:
    """The council's continuum of need, lowest level first."""
    return ThresholdLevel.objects.order_by("number")


def contact_candidate_children(*, user, chosen_ids, text: str = "", limit: int = 20) -> list:
    """Children a contact may be recorded for: those already chosen (kept across searches) and
    the matches for `text`, both limited to the children `user` may see."""
    ids = [int(i) for i in chosen_ids if str(i).isdigit()]
    chosen = list(child_list_visible_to(user=user).filter(pk__in=ids).order_by("family_name"))
    found = [
        p for p in (person_search(user=user, text=text, limit=limit) if text else []) if p.is_child
    ]
    chosen_pks = {c.pk for c in chosen}
    return chosen + [p for p in found if p.pk not in chosen_pks]
