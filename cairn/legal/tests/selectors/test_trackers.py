"""Tracker figures against hand-computed fixtures (clock pinned to Monday 16 March 2026)."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.casework.models import MeetingKind
from cairn.legal.selectors.trackers import (
    plo_deadline,
    pre_proceedings_tracker,
    proceedings_deadline,
    proceedings_tracker,
)
from cairn.legal.tests.conftest import TODAY
from cairn.testing.legal_factories import (
    CareProceedingsFactory,
    HearingFactory,
    PreProceedingsExtensionFactory,
    PreProceedingsFactory,
    PreProceedingsMeetingFactory,
    ProceedingsExtensionFactory,
    at,
)

pytestmark = pytest.mark.django_db


def test_plo_deadline_runs_from_the_letter_with_extensions():
    # 7 Jan 2026 + 16 weeks = 29 April 2026; + 4 weeks extension = 27 May 2026
    assert plo_deadline(decided_on=dt.date(2026, 1, 5), letter_sent_on=dt.date(2026, 1, 7)) == (
        dt.date(2026, 4, 29)
    )
    assert plo_deadline(
        decided_on=dt.date(2026, 1, 5), letter_sent_on=dt.date(2026, 1, 7), extension_weeks=4
    ) == dt.date(2026, 5, 27)
    # No letter yet: from the decision
    assert plo_deadline(decided_on=dt.date(2026, 1, 5), letter_sent_on=None) == dt.date(2026, 4, 27)


def test_proceedings_deadline_26_weeks_plus_extensions():
    assert proceedings_deadline(issued_on=dt.date(2026, 2, 2)) == dt.date(2026, 8, 3)
    assert proceedings_deadline(issued_on=dt.date(2026, 2, 2), extension_weeks=8) == (
        dt.date(2026, 9, 28)
    )


def test_pre_proceedings_tracker_row(users, children):
    pp = PreProceedingsFactory(children=children, letter_sent_on=dt.date(2026, 1, 7))
    PreProceedingsMeetingFactory(pre_proceedings=pp)  # initial 19 January
    PreProceedingsMeetingFactory(
        pre_proceedings=pp,
        meeting__kind=MeetingKind.PP_REVIEW,
        meeting__held_at=at(dt.date(2026, 1, 26)),
    )
    PreProceedingsExtensionFactory(pre_proceedings=pp, weeks=4)
    closed = PreProceedingsFactory(
        children=children[:1],
        outcome="issue",
        step_decided_on=dt.date(2025, 6, 1),
        decided_on=dt.date(2025, 3, 3),
    )
    rows = pre_proceedings_tracker(user=users[Role.SERVICE_MANAGER], today=TODAY)
    assert [r.pp for r in rows] == [pp]  # the closed period is not tracked
    (row,) = rows
    assert closed not in [r.pp for r in rows]
    assert {c.pk for c in row.children} == {c.pk for c in children}
    assert (row.start, row.weeks_elapsed, row.days_over_weeks) == (dt.date(2026, 1, 7), 9, 5)
    assert (row.limit_weeks, row.deadline) == (20, dt.date(2026, 5, 27))
    assert row.initial_on == dt.date(2026, 1, 19)
    assert row.last_meeting_on == dt.date(2026, 1, 26)
    assert row.pp.review_count == 1
    assert row.next_step == "Review meeting or step decision"
    assert row.flags == ["No meeting for 6 weeks"]  # 26 Jan to 16 Mar is 49 days


def test_pre_proceedings_flags_letter_and_limit(users, children):
    PreProceedingsFactory(children=children, decided_on=dt.date(2025, 11, 3))
    (row,) = pre_proceedings_tracker(user=users[Role.TEAM_MANAGER], today=TODAY)
    # no letter: clock from the decision; 3 Nov 2025 + 16 weeks = 23 Feb 2026 < 16 March
    assert row.deadline == dt.date(2026, 2, 23)
    assert row.next_step == "Send the letter before proceedings"
    assert row.flags == ["Letter not sent", "Over the limit"]


def test_trackers_show_only_children_in_scope(users, children, child_in_south):
    PreProceedingsFactory(children=[child_in_south])
    CareProceedingsFactory(children=[child_in_south])
    manager = users[Role.TEAM_MANAGER]  # North team
    assert pre_proceedings_tracker(user=manager, today=TODAY) == []
    assert proceedings_tracker(user=manager, today=TODAY) == []
    assert len(proceedings_tracker(user=users[Role.SENIOR_LEADER], today=TODAY)) == 1


def test_proceedings_tracker_row(users, children):
    cp = CareProceedingsFactory(children=children)  # issued 2 February 2026
    HearingFactory(proceedings=cp, held_on=dt.date(2026, 2, 16))
    HearingFactory(proceedings=cp, kind="irh", held_on=dt.date(2026, 4, 20))
    HearingFactory(proceedings=cp, kind="final", held_on=dt.date(2026, 6, 1))
    ProceedingsExtensionFactory(proceedings=cp, weeks=8)
    (row,) = proceedings_tracker(user=users[Role.SERVICE_MANAGER], today=TODAY)
    assert (row.weeks_since_issue, row.days_over_weeks) == (6, 0)
    assert row.week_26_on == dt.date(2026, 8, 3)
    assert row.deadline == dt.date(2026, 9, 28)
    assert (row.next_hearing_on, row.next_hearing_kind) == (dt.date(2026, 4, 20), "irh")
    assert row.proceedings.extension_count == 1
    assert row.flags == []


def test_tracker_queries_do_not_grow_with_rows(users, children, django_assert_max_num_queries):
    for _ in range(5):
        PreProceedingsFactory(children=children[:1], outcome="")
        CareProceedingsFactory(children=children[1:])
    user = users[Role.SERVICE_MANAGER]
    with django_assert_max_num_queries(6):
        assert len(pre_proceedings_tracker(user=user, today=TODAY)) == 5
    with django_assert_max_num_queries(6):
        assert len(proceedings_tracker(user=user, today=TODAY)) == 5
