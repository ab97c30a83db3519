"""The chronology: built from every record, in date order, filterable, bounded in queries; and
adding analysis to an entry."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cairn.casework.models import ChronologyAnalysis
from cairn.casework.selectors.chronology import ChronologyKind as K
from cairn.casework.selectors.chronology import chronology_for
from cairn.casework.services.chronology import chronology_analysis_add
from cairn.testing.audit import assert_audited
from cairn.testing.factories import PersonFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    AuthorisedAssessmentFactory,
    CaseNoteFactory,
    ContactChildFactory,
    EarlyHelpEpisodeFactory,
    LevelTransitionFactory,
    ReviewFactory,
    SignificantEventFactory,
    VisitFactory,
)

from .conftest import REFERRAL

pytestmark = pytest.mark.django_db


def _history(child, episode, worker, *, visits: int = 1):
    """One record of every kind, and `visits` visits."""
    ContactChildFactory(
        child=child,
        threshold_level_id=3,
        rationale="Needs an assessment",
        next_step="referral",
        decided_by=worker,
        decided_at=dt.datetime(2025, 12, 19, 9, 0, tzinfo=dt.UTC),
    )
    EarlyHelpEpisodeFactory(
        child=child, ended_on=dt.date(2025, 11, 28), end_reason="stepped_up", plan_summary="TAF"
    )
    LevelTransitionFactory(child=child, decided_by=worker, occurred_on=REFERRAL)
    AuthorisedAssessmentFactory(episode=episode)
    plan = ActivePlanFactory(episode=episode)
    ReviewFactory(plan=plan, held_at=dt.datetime(2026, 3, 2, 10, 0, tzinfo=dt.UTC))
    for n in range(visits):
        VisitFactory(
            episode=episode,
            worker=worker,
            visited_on=dt.date(2026, 2, 9) + dt.timedelta(days=n % 30),
        )
    SignificantEventFactory(child=child, occurred_on=dt.date(2026, 2, 20))
    CaseNoteFactory(
        child=child, is_significant=True, status="final", occurred_on=dt.date(2026, 2, 23)
    )
    CaseNoteFactory(child=child, is_significant=False, status="final")  # not in the chronology
    CaseNoteFactory(child=child, is_significant=True, status="draft")  # not yet on record


def test_built_from_every_record_in_date_order(worker, open_child, episode):
    _history(open_child, episode, worker)

    entries = chronology_for(child=open_child)

    assert [(e.date, e.kind) for e in entries] == [
        (dt.date(2025, 6, 2), K.EARLY_HELP_STARTED),
        (dt.date(2025, 11, 28), K.EARLY_HELP_ENDED),
        (dt.date(2025, 12, 18), K.CONTACT),
        (REFERRAL, K.THRESHOLD_DECISION),
        (REFERRAL, K.REFERRAL),
        (REFERRAL, K.LEVEL_CHANGE),
        (dt.date(2025, 12, 22), K.ASSESSMENT_STARTED),
        (dt.date(2026, 1, 30), K.ASSESSMENT_AUTHORISED),
        (dt.date(2026, 2, 2), K.PLAN_STARTED),
        (dt.date(2026, 2, 9), K.VISIT),
        (dt.date(2026, 2, 20), K.SIGNIFICANT_EVENT),
        (dt.date(2026, 2, 23), K.CASE_NOTE),
        (dt.date(2026, 3, 2), K.REVIEW),
    ]
    visit = next(e for e in entries if e.kind == K.VISIT)
    assert visit.link == f"/children/visits/{visit.record_id}/"
    assert visit.by == worker.get_full_name()
    assert "Child seen at The family home" in visit.summary


def test_another_childs_records_are_not_in_it(worker, open_child, episode):
    other = PersonFactory()
    SignificantEventFactory(child=other)
    assert [e.kind for e in chronology_for(child=open_child)] == [K.REFERRAL]


def test_filtered_by_kind_and_date_range(worker, open_child, episode):
    _history(open_child, episode, worker)

    visits_and_events = chronology_for(child=open_child, kinds=[K.VISIT, K.SIGNIFICANT_EVENT])
    assert [e.kind for e in visits_and_events] == [K.VISIT, K.SIGNIFICANT_EVENT]

    in_window = chronology_for(
        child=open_child, start=dt.date(2025, 12, 19), end=dt.date(2026, 1, 30)
    )
    assert [e.kind for e in in_window] == [
        K.THRESHOLD_DECISION,
        K.REFERRAL,
        K.LEVEL_CHANGE,
        K.ASSESSMENT_STARTED,
        K.ASSESSMENT_AUTHORISED,
    ]


def test_latest_keeps_the_most_recent_entries(worker, open_child, episode):
    _history(open_child, episode, worker)
    latest = chronology_for(child=open_child, latest=3)
    assert [e.kind for e in latest] == [K.SIGNIFICANT_EVENT, K.CASE_NOTE, K.REVIEW]


def test_queries_do_not_grow_with_the_history(
    worker, open_child, episode, django_assert_max_num_queries
):
    _history(open_child, episode, worker, visits=1)
    with CaptureQueriesContext(connection) as small:
        assert len(chronology_for(child=open_child)) == 13
    for n in range(25):
        VisitFactory(
            episode=episode, worker=worker, visited_on=dt.date(2026, 1, 5) + dt.timedelta(days=n)
        )
        SignificantEventFactory(child=open_child, occurred_on=dt.date(2026, 1, 5))
    with django_assert_max_num_queries(len(small)):
        assert len(chronology_for(child=open_child)) == 63
    # one query per source plus the analyses
    assert len(small) <= 11


class TestAnalysis:
    def test_added_to_an_entry_and_shown_with_it(self, worker, open_child, episode):
        visit = VisitFactory(episode=episode, worker=worker)

        analysis = chronology_analysis_add(
            actor=worker,
            child=open_child,
            entry_kind=K.VISIT,
            entry_id=visit.pk,
            analysis="The first visit where Amara spoke about home",
        )

        entry = chronology_for(child=open_child, kinds=[K.VISIT])[0]
        assert entry.analyses == [analysis]
        event = assert_audited(instance=analysis, action="create", actor=worker)
        assert event.person == open_child

    def test_refused_for_another_childs_record(self, worker, open_child, episode):
        other_visit = VisitFactory(worker=worker)
        with pytest.raises(ValidationError) as refused:
            chronology_analysis_add(
                actor=worker,
                child=open_child,
                entry_kind=K.VISIT,
                entry_id=other_visit.pk,
                analysis="Analysis",
            )
        assert refused.value.message_dict["entry_id"] == [
            "Choose an entry from this child's chronology"
        ]
        assert not ChronologyAnalysis.objects.exists()

    def test_refused_for_an_unknown_kind_and_empty_analysis(self, worker, open_child, episode):
        with pytest.raises(ValidationError) as refused:
            chronology_analysis_add(
                actor=worker, child=open_child, entry_kind="rumour", entry_id=1, analysis=" "
            )
        assert refused.value.message_dict == {
            "entry_id": ["Choose an entry from this child's chronology"],
            "analysis": ["Enter your analysis of this entry"],
        }
        assert not ChronologyAnalysis.objects.exists()
