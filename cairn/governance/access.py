"""Whether a restricted record may be opened by a user (ADR 0023).

Read by `people.rules.person_in_scope`, so every permission built on it (casework, protection,
legal, edge of care, the person page and any API) honours restriction. Unrestricted people cost
no query: `Person.is_restricted` is read first.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from cairn.core import clock
from cairn.governance.models import BreakGlassAccess, RestrictionAllowance

RESTRICTED_NAME = "Restricted record"


class RestrictedRecordDenied(PermissionDenied):
    """Refused because the record is restricted (the user's scope would otherwise allow it).
    The 403 page offers to request access or break glass."""

    def __init__(self, person):
        super().__init__("This record is restricted.")
        self.person = person


def _allowed_q(user_id: int, now: dt.datetime) -> tuple[Q, Q]:
    named = Q(user_id=user_id, removed_at__isnull=True, restriction__removed_at__isnull=True)
    glass = Q(user_id=user_id, expires_at__gt=now)
    return named, glass


def restriction_permits(*, user, person) -> bool:
    """Whether the restriction on `person` (if any) lets `user` open the record: they are named
    on its allow list, or have unexpired break-glass access."""
    if not getattr(person, "is_restricted", False):
        return True
    if not user.is_authenticated:
        return False
    named, glass = _allowed_q(user.pk, clock.now())
    return (
        RestrictionAllowance.objects.filter(named, restriction__person_id=person.pk).exists()
        or BreakGlassAccess.objects.filter(glass, person_id=person.pk).exists()
    )


def restricted_ids_hidden_from(*, user, people: Iterable) -> set[int]:
    """Of `people`, the restricted ones `user` may not open (two queries, whatever the count)."""
    restricted = {p.pk for p in people if getattr(p, "is_restricted", False)}
    if not restricted:
        return set()
    named, glass = _allowed_q(user.pk, clock.now())
    open_ids = set(
        RestrictionAllowance.objects.filter(
            named, restriction__person_id__in=restricted
        ).values_list("restriction__person_id", flat=True)
    ) | set(
        BreakGlassAccess.objects.filter(glass, person_id__in=restricted).values_list(
            "person_id", flat=True
        )
    )
    return restricted - open_ids


def refusal_for(*, user, person) -> PermissionDenied:
    """The exception to raise when `user` may not open `person`'s record: a restricted-record
    refusal (offering request or break glass) when only the restriction stands in the way."""
    from cairn.people.selectors import person_is_visible_to

    if (
        getattr(person, "is_restricted", False)
        and user.is_authenticated
        and person_is_visible_to(user=user, person=person)
        and not restriction_permits(user=user, person=person)
    ):
        return RestrictedRecordDenied(person)
    return PermissionDenied()


def end_of_day(now: dt.datetime) -> dt.datetime:
    """Midnight at the end of the local day of `now` (break-glass access lasts until then)."""
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return timezone.make_aware(dt.datetime.combine(tomorrow, dt.time.min))


def refusal_for_route(request) -> RestrictedRecordDenied | None:
    """For a page refused without naming why (a view guarded by `permission_required` with the
    child as object), a restricted-record refusal when the route's child (`child_pk`) is
    restricted and the user's scope includes them; the refused attempt is logged once."""
    from cairn.core.audit import record_access
    from cairn.core.models import AccessEvent, AccessOutcome
    from cairn.people.models import Person

    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    # The child is `child_pk`, or `pk` on the pages under /children/<pk>/.
    pk = match.kwargs.get("child_pk")
    if pk is None and match.route.startswith("children/<int:pk>/"):
        pk = match.kwargs.get("pk")
    if not pk or not request.user.is_authenticated:
        return None
    person = Person.objects.filter(pk=pk, is_restricted=True).first()
    if person is None:
        return None
    refusal = refusal_for(user=request.user, person=person)
    if not isinstance(refusal, RestrictedRecordDenied):
        return None
    logged = AccessEvent.objects.filter(
        actor=request.user,
        person=person,
        page=request.path[:200],
        outcome=AccessOutcome.DENIED,
        at__gte=clock.now() - dt.timedelta(seconds=30),
    ).exists()
    if not logged:
        record_access(actor=request.user, person=person, page=request.path, granted=False)
    return refusal
