import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.core.models import AuditAction
from cairn.protection.models import S47Outcome
from cairn.protection.services.s47 import s47_start, s47_update
from cairn.testing.audit import assert_audited
from cairn.testing.protection_factories import StrategyDiscussionFactory

pytestmark = pytest.mark.django_db

ENDED = {
    "child_seen_on": dt.date(2026, 1, 6),
    "findings": "Bruising consistent with the account; neglect of basic care.",
    "outcome": S47Outcome.SUBSTANTIATED,
    "icpc_needed": True,
    "ended_on": dt.date(2026, 1, 16),
}


class TestS47Update:
    def test_records_the_outcome_and_end(self, worker, s47):
        s47 = s47_update(actor=worker, s47=s47, expected_version=s47.version, **ENDED)
        assert (s47.outcome, s47.icpc_needed, s47.ended_on) == (
            S47Outcome.SUBSTANTIATED,
            True,
            dt.date(2026, 1, 16),
        )
        assert_audited(
            instance=s47, action=AuditAction.UPDATE, actor=worker, fields={"ended_on", "outcome"}
        )

    def test_icpc_not_required_with_a_reason(self, worker, s47):
        s47 = s47_update(
            actor=worker,
            s47=s47,
            expected_version=s47.version,
            **ENDED
            | {
                "outcome": S47Outcome.NOT_SUBSTANTIATED,
                "icpc_needed": False,
                "icpc_not_needed_reason": "Accidental injury; family accepts CIN support.",
            },
        )
        assert s47.icpc_not_needed_reason.startswith("Accidental")

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            (
                {"icpc_needed": False},
                "icpc_not_needed_reason",
                "Give the reason an initial child protection conference is not required",
            ),
            (
                {"ended_on": dt.date(2026, 1, 2)},
                "ended_on",
                "The enquiry cannot end before it started on 5 January 2026",
            ),
            (
                {"child_seen_on": dt.date(2026, 1, 4)},
                "child_seen_on",
                "The child cannot be seen for the enquiry before it started on 5 January 2026",
            ),
            (
                {"child_seen_on": None},
                "child_seen_on",
                "Enter the date the child was seen before ending the enquiry",
            ),
            ({"findings": ""}, "findings", "Enter the findings before ending the enquiry"),
            (
                {"icpc_needed": None},
                "icpc_needed",
                "Say whether an initial child protection conference is needed",
            ),
            (
                {"ended_on": dt.date(2026, 3, 17)},
                "ended_on",
                "The end date must be today or in the past",
            ),
        ],
    )
    def test_refused(self, worker, s47, changes, field, message):
        with pytest.raises(ValidationError) as refused:
            s47_update(actor=worker, s47=s47, expected_version=s47.version, **ENDED | changes)
        assert refused.value.message_dict[field] == [message]
        s47.refresh_from_db()
        assert s47.ended_on is None


class TestS47Start:
    def test_refused_for_a_discussion_that_decided_no_further_action(self, worker, child, episode):
        discussion = StrategyDiscussionFactory(children=[child], decision="nfa")
        with pytest.raises(ValidationError) as refused:
            s47_start(actor=worker, child=child, strategy=discussion)
        assert refused.value.message_dict["strategy"] == [
            "The strategy discussion did not decide on a S47 enquiry"
        ]

    def test_refused_for_a_child_the_discussion_was_not_about(self, worker, child, episode):
        discussion = StrategyDiscussionFactory()
        with pytest.raises(ValidationError) as refused:
            s47_start(actor=worker, child=child, strategy=discussion)
        assert refused.value.message_dict["child"] == [
            "The strategy discussion was not about Amara Okafor"
        ]
