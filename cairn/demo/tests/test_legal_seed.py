"""seed_demo's legal and edge-of-care histories in the small council (issue 5, item 8): they
exist in every shape the pages and reports need, keep the rules the services keep, leave each
child's levels chained, and are the same for the same seed."""

from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.db.models import Q

from cairn.accounts.models import User
from cairn.accounts.services import system_actor
from cairn.demo.context import BulkWriter, Progress, SeedContext
from cairn.demo.legal import LegalHistories
from cairn.demo.profiles import PROFILES
from cairn.demo.tests.conftest import AS_OF
from cairn.edgeofcare.models import Intervention, InterventionOutcome
from cairn.frontdoor.models import Level, LevelTransition
from cairn.legal.models import (
    CareProceedings,
    CareProceedingsChild,
    Hearing,
    LookedAfterPeriod,
    PreProceedings,
    PreProceedingsOutcome,
)

pytestmark = pytest.mark.django_db


def test_pre_proceedings_open_ended_and_past_the_limit(journeys):
    open_now = PreProceedings.objects.filter(outcome="")
    assert open_now.exists()
    assert any((AS_OF - pp.decided_on).days > 16 * 7 for pp in open_now)
    assert PreProceedings.objects.filter(outcome=PreProceedingsOutcome.ISSUE).exists()
    assert PreProceedings.objects.filter(outcome=PreProceedingsOutcome.STEP_DOWN).exists()
    assert not PreProceedings.objects.filter(letter_sent_on__gt=AS_OF).exists()


def test_proceedings_with_hearings_and_final_orders(journeys):
    assert CareProceedings.objects.filter(concluded_on__isnull=False).exists()
    assert Hearing.objects.filter(outcome__gt="").exists()
    concluded = CareProceedingsChild.objects.filter(proceedings__concluded_on__isnull=False)
    assert concluded.exists()
    assert not concluded.filter(final_order="").exists()
    assert not Hearing.objects.filter(held_on__gt=AS_OF, outcome__gt="").exists()


def test_looked_after_periods_match_the_levels(journeys):
    became = set(
        LevelTransition.objects.filter(to_level=Level.LOOKED_AFTER).values_list(
            "child_id", "occurred_on"
        )
    )
    periods = set(LookedAfterPeriod.objects.values_list("child_id", "started_on"))
    assert periods
    assert periods <= became


def test_levels_still_chain(journeys):
    history = defaultdict(list)
    for child_id, from_level, to_level in LevelTransition.objects.order_by(
        "child_id", "occurred_on", "id"
    ).values_list("child_id", "from_level", "to_level"):
        history[child_id].append((from_level, to_level))
    for child_id, steps in history.items():
        for (_, before), (after, _) in zip(steps, steps[1:], strict=False):
            assert after == before, f"child {child_id}: {steps}"
    # Every child in pre-proceedings has the level from the decision
    for pp in PreProceedings.objects.prefetch_related("children"):
        for row in pp.children.all():
            assert LevelTransition.objects.filter(
                child_id=row.child_id, occurred_on=pp.decided_on, to_level=Level.PRE_PROCEEDINGS
            ).exists()


def test_edge_of_care_both_outcomes_keep_the_service_rules(journeys):
    ended = Intervention.objects.exclude(outcome="").select_related("referral")
    outcomes = set(ended.values_list("outcome", flat=True))
    assert {InterventionOutcome.REMAINED_AT_HOME, InterventionOutcome.LOOKED_AFTER} <= outcomes
    for i in Intervention.objects.select_related("referral").prefetch_related("sessions"):
        r = i.referral
        assert r.referred_on <= r.decided_on <= i.started_on <= (i.ended_on or AS_OF) <= AS_OF
        assert all(i.started_on <= s.held_on <= (i.ended_on or AS_OF) for s in i.sessions.all())
        in_care = LookedAfterPeriod.objects.filter(child_id=r.child_id)
        if i.outcome == InterventionOutcome.LOOKED_AFTER:
            assert in_care.filter(started_on__range=(r.referred_on, i.ended_on)).exists()
        if i.outcome == InterventionOutcome.REMAINED_AT_HOME:
            assert not in_care.filter(
                Q(started_on__lte=i.ended_on),
                Q(ceased_on__isnull=True) | Q(ceased_on__gte=i.ended_on),
            ).exists()


def _build(ctx):
    histories = LegalHistories(ctx)
    histories.load()
    histories.build()
    return {
        model._meta.label: [
            {k: v for k, v in rec.__dict__.items() if k != "_model"} for rec in rows
        ]
        for model, rows in histories.rows.items()
    }


def test_same_seed_same_histories(journeys):
    """The step draws the same histories from the same council, seed and date."""
    staff = list(User.objects.select_related("team").exclude(team=None))
    ctx = SeedContext(
        profile=PROFILES["small"],
        seed=1,
        as_of=AS_OF,
        actor=system_actor(),
        writer=BulkWriter(),
        progress=Progress(None),
        council=SimpleNamespace(staff=staff),
    )
    first = _build(ctx)
    assert first == _build(ctx)
    assert first["edgeofcare.EdgeOfCareReferral"]
