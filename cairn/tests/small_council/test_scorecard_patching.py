"""Scorecard figures patched after changes equal figures computed from scratch (ADR 0029).

On the seeded small council: store every patchable measure, change records of many kinds
through the records service (back-dating, closing, moving a child to another team, a contact
about two children, a removal), read the figures (which patches them), and compare every month
and scope of every measure with a full computation over the record as it now is."""

import datetime as dt

import pytest
from django.test import override_settings

from cairn.accounts.models import Team
from cairn.accounts.roles import TeamKind
from cairn.accounts.services import system_actor
from cairn.casework.models import Assessment, AssessmentStatus, Meeting, MeetingKind, Plan, PlanKind
from cairn.core.audit import audit_bulk_created
from cairn.core.records import record_create, record_remove, record_update
from cairn.edgeofcare.models import Intervention, InterventionOutcome
from cairn.frontdoor.models import Contact, ContactChild, Episode
from cairn.insight import aggregation
from cairn.insight.aggregation import patchable, read_figures, refresh_measures, window
from cairn.insight.measures.base import measures
from cairn.insight.measures.rows import Context
from cairn.insight.models import MeasureRefresh, MeasureRow
from cairn.protection.models import S47Enquiry
from cairn.quality.models import Recommendation
from cairn.testing.records_factories import EpisodeFactory
from cairn.tests.small_council.conftest import AS_OF
from cairn.workforce.models import Allocation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=AS_OF.isoformat()):
        yield


def update(instance, subject, **fields):
    return record_update(
        instance=instance,
        actor=system_actor(),
        expected_version=instance.version,
        audit_subject=subject,
        **fields,
    )


def change_the_record() -> None:
    months = window(AS_OF)
    first = months[0]
    in_window = {"received_at__date__gte": first + dt.timedelta(days=60)}
    # A contact moved back a month, recorded with no subject: found through its children.
    contact = Contact.objects.filter(**in_window).order_by("pk").first()
    update(contact, None, received_at=contact.received_at - dt.timedelta(days=31))
    # A second child added to another contact.
    other = Contact.objects.filter(**in_window).exclude(pk=contact.pk).order_by("-pk").first()
    taken = set(other.children.values_list("child_id", flat=True))
    extra = ContactChild.objects.exclude(child_id__in=taken).order_by("pk").first()
    record_create(
        model=ContactChild,
        actor=system_actor(),
        audit_subject=extra.child,
        contact=other,
        child=extra.child,
    )
    # A contact removed.
    gone = Contact.objects.filter(**in_window).exclude(pk__in=[contact.pk, other.pk]).last()
    record_remove(instance=gone, actor=system_actor(), reason="Recorded twice", audit_subject=None)
    # An open episode closed, another's referral back-dated.
    episode = Episode.objects.filter(closed_on__isnull=True).order_by("pk").first()
    update(episode, episode.child, closed_on=AS_OF - dt.timedelta(days=50), closure_reason="RC8")
    later = Episode.objects.filter(referral_date__gte=first + dt.timedelta(days=90)).last()
    update(later, later.child, referral_date=later.referral_date - dt.timedelta(days=45))
    # A CP plan started earlier (now open two years) and a child moved to another team.
    plan = Plan.objects.filter(kind=PlanKind.CP, ended_on__isnull=True).order_by("pk").first()
    update(plan, plan.child, started_on=plan.started_on - dt.timedelta(days=800))
    allocation = Allocation.objects.filter(ended_on__isnull=True).order_by("pk")[3]
    new_team = (
        Team.objects.exclude(pk=allocation.team_id).exclude(kind=TeamKind.SERVICE).order_by("pk")
    )[0]
    update(allocation, allocation.child, team=new_team, worker=None)
    # An ICPC moved a fortnight later, with no subject (a meeting can be about siblings).
    icpc = Meeting.objects.filter(kind=MeetingKind.ICPC, held_at__date__gte=first).first()
    update(icpc, None, held_at=icpc.held_at + dt.timedelta(days=14))
    # An assessment authorised later, an S47 started earlier.
    assessment = Assessment.objects.filter(
        status=AssessmentStatus.AUTHORISED, authorised_on__gte=first
    ).first()
    update(assessment, assessment.child, authorised_on=assessment.authorised_on + dt.timedelta(30))
    s47 = S47Enquiry.objects.filter(started_on__gte=first + dt.timedelta(days=30)).first()
    update(s47, s47.child, started_on=s47.started_on - dt.timedelta(days=3))
    # An edge-of-care intervention's outcome and an audit recommendation completed late.
    intervention = Intervention.objects.filter(ended_on__gte=first).first()
    if intervention is not None:
        outcome = (
            InterventionOutcome.LOOKED_AFTER
            if intervention.outcome == InterventionOutcome.REMAINED_AT_HOME
            else InterventionOutcome.REMAINED_AT_HOME
        )
        update(intervention, intervention.referral.child, outcome=outcome)
    recommendation = Recommendation.objects.filter(due_on__gte=first, due_on__lte=AS_OF).first()
    if recommendation is not None:
        update(
            recommendation,
            recommendation.child,
            completed_on=recommendation.due_on + dt.timedelta(9),
        )


def full(measure, months, scopes):
    ctx = Context(AS_OF)
    ctx.load_all = True
    return measure.figures_in(months, scopes, ctx)


def test_patched_figures_equal_a_full_computation_after_many_kinds_of_change(council):
    chosen = [m for m in measures() if patchable(m)]
    refresh_measures(measures=chosen, as_of=AS_OF)
    months = window(AS_OF)
    scopes = Context(AS_OF).tree.all_scopes()
    before = read_figures(measures=chosen, months=months, scopes=scopes, as_of=AS_OF)
    rows_before = MeasureRow.objects.count()
    last_before = MeasureRow.objects.order_by("pk").last().pk

    change_the_record()
    recomputed_whole = []
    real_refresh = aggregation.refresh_measures

    def spy(*, measures=None, as_of=None):
        recomputed_whole.extend(m.key for m in measures)
        return real_refresh(measures=measures, as_of=as_of)

    aggregation.refresh_measures = spy
    try:
        after = read_figures(measures=chosen, months=months, scopes=scopes, as_of=AS_OF)
    finally:
        aggregation.refresh_measures = real_refresh

    assert recomputed_whole == []  # every change was traced to its children and patched
    # Only the touched children's rows were replaced: almost all are the rows stored before.
    assert MeasureRow.objects.filter(pk__lte=last_before).count() > 0.9 * rows_before
    moved = [m.key for m in chosen if after[m.key] != before[m.key]]
    for key in ("contacts", "cin_open", "referrals", "cp_two_years", "icpcs", "assessments"):
        assert key in moved, key
    for measure in chosen:
        assert after[measure.key] == full(measure, months, scopes), measure.key
    # The patched measures are marked up to date with the latest change.
    versions = set(
        MeasureRefresh.objects.filter(measure_key__in=moved).values_list("data_version", flat=True)
    )
    assert versions == {aggregation.data_version()}


def test_a_change_that_cannot_be_traced_to_children_recomputes_the_measure_whole(council):
    chosen = [m for m in measures() if m.key == "referrals"]
    refresh_measures(measures=chosen, as_of=AS_OF)
    months = window(AS_OF)
    scopes = Context(AS_OF).tree.all_scopes()
    rows = set(MeasureRow.objects.filter(measure_key="referrals").values_list("pk", flat=True))
    # A bulk load names no record or child: only a whole computation can be trusted.
    child = Episode.objects.filter(closed_on__isnull=False).order_by("pk").first().child
    day = months[-2] + dt.timedelta(days=3)
    EpisodeFactory(child=child, referral_date=day, closed_on=day, closure_reason="RC8")
    audit_bulk_created(actor=system_actor(), model=Episode, count=1, via="test")
    after = read_figures(measures=chosen, months=months, scopes=scopes, as_of=AS_OF)
    assert after["referrals"] == full(chosen[0], months, scopes)
    fresh = set(MeasureRow.objects.filter(measure_key="referrals").values_list("pk", flat=True))
    assert rows
    assert fresh
    assert not rows & fresh  # stored again whole, not patched
