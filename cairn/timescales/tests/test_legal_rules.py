"""PLO_DURATION and PROCEEDINGS_26W at their boundaries (weeks are calendar days; the warning
window is 5 working days, so Christmas and Easter stretch it)."""

import datetime as dt

import pytest
from django.utils import timezone

from cairn.testing.factories import AllocationFactory, UserFactory
from cairn.testing.legal_factories import (
    CareProceedingsFactory,
    PreProceedingsExtensionFactory,
    PreProceedingsFactory,
    ProceedingsExtensionFactory,
)
from cairn.testing.records_factories import EpisodeFactory
from cairn.timescales.engine import alerts_as_of
from cairn.timescales.tests.conftest import only

pytestmark = pytest.mark.django_db
D = dt.date


def open_child(**episode):
    return EpisodeFactory(referral_date=D(2025, 6, 2), **episode).child


def plo(letter: dt.date | None, *, decided: dt.date | None = None, children=None, **fields):
    return PreProceedingsFactory(
        children=children or [open_child()],
        decided_on=decided or letter,
        letter_sent_on=letter,
        **fields,
    )


def proceedings(issued: dt.date, *, children=None, **fields):
    return CareProceedingsFactory(children=children or [open_child()], issued_on=issued, **fields)


# ---- PLO_DURATION (local, 16 weeks) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2025, 12, 17), None, None),  # window 18, 19, 22, 23, 24 Dec: not yet
        (D(2025, 12, 18), "due_soon", -11),  # 19, 22, 23, 24, 29 Dec (25, 26 Dec holidays)
        (D(2025, 12, 24), "due_soon", -5),
        (D(2025, 12, 29), "due_soon", 0),  # the deadline day itself
        (D(2025, 12, 30), "overdue", 1),
        (D(2026, 1, 2), "overdue", 4),  # across New Year's Day
    ],
)
def test_plo_duration_across_christmas(run, as_of, status, overdue_by):
    """Letter Mon 8 Sep 2025 + 16 weeks = Mon 29 Dec 2025."""
    pp = plo(D(2025, 9, 8))
    alerts = run("PLO_DURATION", as_of)
    if status is None:
        assert alerts == []
        return
    alert = only(alerts)
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, D(2025, 12, 29))
    assert (alert.unit, alert.target.model, alert.target.pk) == (
        "calendar_days",
        "legal.PreProceedings",
        pp.pk,
    )
    assert alert.severity == ("medium" if status == "overdue" else "low")  # a local rule
    assert "letter before proceedings of 8 Sep 2025" in alert.explanation


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2026, 3, 30), None, None),  # 31 Mar, 1, 2, 7, 8 Apr: Good Friday, Easter Monday
        (D(2026, 3, 31), "due_soon", -9),  # 1, 2, 7, 8, 9 Apr
        (D(2026, 4, 9), "due_soon", 0),
        (D(2026, 4, 10), "overdue", 1),
    ],
)
def test_plo_duration_across_easter(run, as_of, status, overdue_by):
    """Letter Thu 18 Dec 2025 + 16 weeks = Thu 9 Apr 2026."""
    plo(D(2025, 12, 18), decided=D(2025, 12, 15))
    alerts = run("PLO_DURATION", as_of)
    assert [(a.status, a.overdue_by) for a in alerts] == ([(status, overdue_by)] if status else [])


def test_plo_clock_from_the_decision_until_the_letter_is_sent_by_d(run):
    """No letter by D: the clock runs from the decision (Mon 1 Sep 2025 + 16 weeks = 22 Dec)."""
    plo(D(2026, 1, 5), decided=D(2025, 9, 1))
    alert = only(run("PLO_DURATION", D(2025, 12, 19)))
    assert (alert.status, alert.due) == ("due_soon", D(2025, 12, 22))
    assert "decision of 1 Sep 2025 (no letter sent yet)" in alert.explanation
    # From 5 Jan the letter counts: 5 Jan + 16 weeks = 27 Apr 2026.
    assert run("PLO_DURATION", D(2026, 1, 5)) == []
    assert only(run("PLO_DURATION", D(2026, 4, 28))).due == D(2026, 4, 27)


def test_plo_ended_by_a_step_decision_closed_case_or_removed(run):
    ended = plo(D(2025, 9, 8), outcome="issue", step_decided_on=D(2026, 1, 2))
    assert only(run("PLO_DURATION", D(2026, 1, 1))).target.pk == ended.pk  # decided after D
    assert run("PLO_DURATION", D(2026, 1, 2)) == []  # ended on D
    closed = open_child(closed_on=D(2025, 12, 31), closure_reason="RC7")
    plo(D(2025, 9, 8), children=[closed])
    assert closed.pk in {a.child_id for a in run("PLO_DURATION", D(2025, 12, 30))}
    assert closed.pk not in {a.child_id for a in run("PLO_DURATION", D(2025, 12, 31))}
    removed = plo(D(2025, 9, 8))
    removed.removed_at = timezone.now()
    removed.save()
    assert run("PLO_DURATION", D(2026, 1, 5)) == []
    plo(D(2026, 1, 5), decided=D(2026, 1, 5))  # decided after D: nothing yet
    assert run("PLO_DURATION", D(2026, 1, 2)) == []


def test_plo_extensions_agreed_by_d_add_their_weeks(run):
    pp = plo(D(2025, 9, 8))  # due 29 Dec 2025
    PreProceedingsExtensionFactory(pre_proceedings=pp, decided_on=D(2025, 12, 22), weeks=4)
    PreProceedingsExtensionFactory(pre_proceedings=pp, decided_on=D(2026, 1, 19), weeks=2)
    assert only(run("PLO_DURATION", D(2025, 12, 19))).due == D(2025, 12, 29)  # not yet agreed
    assert run("PLO_DURATION", D(2025, 12, 22)) == []  # agreed on D: due 26 Jan 2026
    alert = only(run("PLO_DURATION", D(2026, 2, 3)))  # 29 Dec + 4 weeks = 26 Jan; + 2 = 9 Feb
    assert (alert.status, alert.due) == ("due_soon", D(2026, 2, 9))
    assert "16 weeks and 6 weeks of extension" in alert.explanation
    assert only(run("PLO_DURATION", D(2026, 2, 10))).overdue_by == 1


def test_plo_after_the_local_value_is_changed(run, set_value):
    plo(D(2025, 9, 8))  # 16 weeks: due 29 Dec 2025
    assert only(run("PLO_DURATION", D(2025, 12, 30))).status == "overdue"
    set_value("PLO_DURATION", 20)  # 8 Sep + 20 weeks = Mon 26 Jan 2026
    assert run("PLO_DURATION", D(2025, 12, 30)) == []
    alert = only(run("PLO_DURATION", D(2026, 1, 27)))
    assert (alert.due, alert.overdue_by) == (D(2026, 1, 26), 1)
    assert "limit of 20 weeks" in alert.explanation


def test_plo_names_each_child_and_their_worker(run):
    worker = UserFactory()
    first, second = open_child(), open_child()
    AllocationFactory(child=first, worker=worker, team=worker.team, started_on=D(2025, 6, 2))
    plo(D(2025, 9, 8), children=[first, second])
    alerts = run("PLO_DURATION", D(2026, 1, 5))
    assert {a.child_id for a in alerts} == {first.pk, second.pk}
    mine = next(a for a in alerts if a.child_id == first.pk)
    assert (mine.worker, mine.team_id) == (worker.username, worker.team_id)


# ---- PROCEEDINGS_26W (statutory, 26 weeks + extensions) -------------------------------------


@pytest.mark.parametrize(
    ("as_of", "status", "overdue_by"),
    [
        (D(2025, 12, 17), None, None),
        (D(2025, 12, 18), "due_soon", -11),
        (D(2025, 12, 29), "due_soon", 0),
        (D(2025, 12, 30), "overdue", 1),
        (D(2026, 1, 2), "overdue", 4),
    ],
)
def test_proceedings_26_weeks_across_christmas(run, as_of, status, overdue_by):
    """Issued Mon 30 Jun 2025 + 26 weeks = Mon 29 Dec 2025."""
    issued = proceedings(D(2025, 6, 30), case_number="RV25C00001")
    alerts = run("PROCEEDINGS_26W", as_of)
    if status is None:
        assert alerts == []
        return
    alert = only(alerts)
    assert (alert.status, alert.overdue_by, alert.due) == (status, overdue_by, D(2025, 12, 29))
    assert alert.severity == ("high" if status == "overdue" else "low")  # statutory
    assert alert.target.model == "legal.CareProceedings"
    assert alert.target.pk == issued.pk
    assert "RV25C00001 issued 30 Jun 2025" in alert.explanation


@pytest.mark.parametrize(
    ("as_of", "status"),
    [(D(2026, 3, 30), None), (D(2026, 3, 31), "due_soon"), (D(2026, 4, 10), "overdue")],
)
def test_proceedings_26_weeks_across_easter(run, as_of, status):
    """Issued Thu 9 Oct 2025 + 26 weeks = Thu 9 Apr 2026."""
    proceedings(D(2025, 10, 9))
    assert [a.status for a in run("PROCEEDINGS_26W", as_of)] == ([status] if status else [])


def test_proceedings_extensions_granted_by_d(run):
    cp = proceedings(D(2025, 6, 30))  # due 29 Dec 2025
    ProceedingsExtensionFactory(proceedings=cp, granted_on=D(2025, 12, 19), weeks=8)
    ProceedingsExtensionFactory(proceedings=cp, granted_on=D(2026, 2, 16), weeks=4)
    assert only(run("PROCEEDINGS_26W", D(2025, 12, 18))).due == D(2025, 12, 29)
    assert run("PROCEEDINGS_26W", D(2025, 12, 19)) == []  # 29 Dec + 8 weeks = 23 Feb
    alert = only(run("PROCEEDINGS_26W", D(2026, 3, 24)))  # + 4 more = 23 Mar
    assert (alert.status, alert.due, alert.overdue_by) == ("overdue", D(2026, 3, 23), 1)
    assert "26 weeks and 12 weeks of extension" in alert.explanation


def test_proceedings_concluded_closed_or_removed(run, set_value):
    done = proceedings(D(2025, 6, 30), concluded_on=D(2026, 1, 2))
    assert only(run("PROCEEDINGS_26W", D(2026, 1, 1))).target.pk == done.pk
    assert run("PROCEEDINGS_26W", D(2026, 1, 2)) == []  # concluded on D
    closed = open_child(closed_on=D(2025, 12, 31), closure_reason="RC7")
    proceedings(D(2025, 6, 30), children=[closed])
    assert len(run("PROCEEDINGS_26W", D(2025, 12, 30))) == 2
    assert only(run("PROCEEDINGS_26W", D(2025, 12, 31))).target.pk == done.pk
    removed = proceedings(D(2025, 6, 30))
    removed.removed_at = timezone.now()
    removed.save()
    assert only(run("PROCEEDINGS_26W", D(2026, 1, 1))).target.pk == done.pk
    # A changed pre-proceedings limit does not move the statutory 26 weeks.
    set_value("PLO_DURATION", 30)
    assert only(run("PROCEEDINGS_26W", D(2026, 1, 1))).due == D(2025, 12, 29)


def test_legal_rules_take_a_fixed_number_of_queries(calendar, django_assert_max_num_queries):
    def add(n: int):
        for _ in range(n):
            child = open_child()
            pp = plo(D(2025, 9, 8), children=[child])
            PreProceedingsExtensionFactory(pre_proceedings=pp, decided_on=D(2025, 9, 22))
            cp = proceedings(D(2025, 6, 30), children=[child])
            ProceedingsExtensionFactory(proceedings=cp, granted_on=D(2025, 9, 22), weeks=1)

    rules = ["PLO_DURATION", "PROCEEDINGS_26W"]
    add(1)
    with django_assert_max_num_queries(10) as few:
        alerts_as_of(as_of=D(2026, 3, 31), calendar=calendar, rules=rules)
    add(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        alerts = alerts_as_of(as_of=D(2026, 3, 31), calendar=calendar, rules=rules)
    assert len(alerts) == 14
