"""casework.selectors.plans and casework.presenters.plans: what the child's page and the plan
pages read."""

import datetime as dt

import pytest

from cairn.casework.models import MakingDifference
from cairn.casework.presenters.plans import plan_summary
from cairn.casework.selectors.plans import (
    contingency_missing_parts,
    family_network_for_child,
    plan_current_version,
    plan_get_current,
    plan_needs_management_attention,
)
from cairn.casework.services.plans import plan_end
from cairn.testing.factories import AdultFactory, RelationshipFactory
from cairn.testing.plans_factories import (
    CinReviewFactory,
    ContingencyFactory,
    NetworkMemberFactory,
    OutcomeFactory,
)

from .conftest import TODAY

pytestmark = pytest.mark.django_db


class TestContingencyMissingParts:
    def test_none_is_missing_everything(self):
        assert contingency_missing_parts(None) == [
            "what would show the plan is not working",
            "what will then happen",
            "who acts",
            "family network considered",
        ]

    def test_names_each_missing_part_and_is_empty_when_complete(self):
        contingency = ContingencyFactory(response="  ", who_acts="")
        assert contingency_missing_parts(contingency) == [
            "what will then happen",
            "who acts",
            "family network considered",
        ]
        contingency.response, contingency.who_acts = "Strategy discussion", "Team manager"
        NetworkMemberFactory(contingency=contingency)
        assert contingency_missing_parts(contingency) == []


class TestPlanGetCurrent:
    def test_the_open_plan_with_its_version_in_force(
        self, child, active_plan, django_assert_max_num_queries
    ):
        with django_assert_max_num_queries(8):
            plan = plan_get_current(child=child)
            summary = plan_summary(plan)
        assert plan == active_plan
        assert plan_current_version(plan).number == 1
        assert summary.version == "Version 1, authorised 4 February 2026"
        assert summary.contingency.text == "Complete"
        assert summary.outcomes == 2
        assert summary.last_review == "No reviews yet"
        assert not summary.needs_attention
        assert summary.url == f"/children/plans/{active_plan.pk}/"

    def test_a_draft_plan_summary(self, child, draft_plan):
        summary = plan_summary(plan_get_current(child=child))
        assert summary.version == "Version 1: draft, awaiting authorisation"
        assert summary.contingency.text.startswith("Missing: what would show")

    def test_an_ended_plan_is_not_current(self, worker, child, active_plan):
        plan_end(actor=worker, plan=active_plan, ended_on=TODAY, reason="Closed")
        assert plan_get_current(child=child) is None

    def test_queries_do_not_grow_with_outcomes_and_reviews(
        self, child, active_plan, django_assert_max_num_queries
    ):
        version = active_plan.versions.get()
        for n in range(10):
            OutcomeFactory(plan_version=version)
            CinReviewFactory(plan=active_plan, held_at=dt.datetime(2026, 3, 1 + n, tzinfo=dt.UTC))
        with django_assert_max_num_queries(8):
            summary = plan_summary(plan_get_current(child=child))
        assert summary.outcomes == 12
        assert summary.last_review == "10 March 2026"


class TestManagementAttention:
    @pytest.mark.parametrize(
        ("answers", "flag"),
        [
            ([], False),
            ([MakingDifference.NO], False),
            ([MakingDifference.NO, MakingDifference.NO], True),
            ([MakingDifference.NO, MakingDifference.NO, MakingDifference.YES], False),
            ([MakingDifference.YES, MakingDifference.NO, MakingDifference.NO], True),
            ([MakingDifference.NO, MakingDifference.PARTLY], False),
        ],
    )
    def test_the_last_two_reviews_both_no(self, active_plan, answers, flag):
        for day, answer in enumerate(answers, start=1):
            CinReviewFactory(
                plan=active_plan,
                held_at=dt.datetime(2026, 3, day, tzinfo=dt.UTC),
                making_difference=answer,
            )
        assert plan_needs_management_attention(active_plan) is flag


def test_family_network_reads_both_directions_and_leaves_out_ended_links(child, mother):
    grandad = AdultFactory(given_name="Obi", family_name="Adeyemi")
    RelationshipFactory(person=grandad, relative=child, type="other")  # the inverse direction
    ex = AdultFactory(given_name="Former", family_name="Partner")
    RelationshipFactory(person=child, relative=ex, ended_on=dt.date(2025, 1, 1))

    names = [p.full_name for p in family_network_for_child(child=child)]

    assert names == ["Obi Adeyemi", "Grace Okafor"]
