"""Data for the scorecard pages' tests (pages helper): referrals in March 2026, the month the
clock is pinned to, so the "referrals" measure's latest figure is known by hand."""

import datetime as dt

from cairn.accounts.services import system_actor
from cairn.core.audit import audit_created
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.records_factories import EpisodeFactory

TODAY = dt.date(2026, 3, 16)
MARCH = dt.date(2026, 3, 1)


def referred_child(team, *, on=dt.date(2026, 3, 4), given_name="Amara", moved_to=None):
    """A child allocated to `team` since 2025 and referred on `on`; when `moved_to` is given the
    child moved to that team on 10 March (so the referral stays with `team`)."""
    child = PersonFactory(given_name=given_name)
    if moved_to is None:
        AllocationFactory(child=child, team=team, started_on=dt.date(2025, 6, 2))
    else:
        AllocationFactory(
            child=child,
            team=team,
            started_on=dt.date(2025, 6, 2),
            ended_on=dt.date(2026, 3, 9),
        )
        AllocationFactory(child=child, team=moved_to, started_on=dt.date(2026, 3, 10))
    episode = EpisodeFactory(child=child, referral_date=on)
    # As a service would: the audit trail is how the scorecard's figures learn of a change.
    for record in (child, *child.allocations.all(), episode):
        audit_created(actor=system_actor(), instance=record, via="test")
    return child
