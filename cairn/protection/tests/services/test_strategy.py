import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import AgencyKind, AttendeeRole, MeetingKind
from cairn.casework.services.meetings import Attendee
from cairn.core.models import AuditAction
from cairn.protection.models import S47Enquiry, StrategyDecision, StrategyDiscussion
from cairn.protection.services._common import ActionSpec
from cairn.protection.services.strategy import strategy_discussion_record
from cairn.protection.tests.fixtures import STRATEGY_ON, at, professional
from cairn.testing.audit import assert_audited
from cairn.testing.factories import PersonFactory
from cairn.testing.plans_factories import EpisodeFactory

pytestmark = pytest.mark.django_db

TEAM = [professional(AgencyKind.CHILDRENS_SOCIAL_CARE), professional(AgencyKind.POLICE)]


def _record(worker, children, /, **overrides):
    fields = {
        "actor": worker,
        "children": overrides.pop("children", children),
        "held_at": at(STRATEGY_ON),
        "attendance": TEAM,
        "information_shared": "School saw bruising on the child's arm.",
        "decision": StrategyDecision.SINGLE_AGENCY_S47,
    } | overrides
    return strategy_discussion_record(**fields)


class TestStrategyDiscussion:
    def test_siblings_together_start_one_s47_each_at_the_discussion_date(
        self, worker, child, episode
    ):
        sibling = PersonFactory(given_name="Kemi", family_name="Okafor")
        EpisodeFactory(child=sibling)
        discussion = _record(
            worker,
            [child, sibling],
            actions=[ActionSpec(what="Police checks", owner_agency="Police")],
        )
        meeting = discussion.meeting
        assert meeting.kind == MeetingKind.STRATEGY
        assert {c.child for c in meeting.children.all()} == {child, sibling}
        assert sorted(a.agency_kind for a in meeting.attendance.all()) == ["csc", "police"]
        assert meeting.actions.get().owner_agency == "Police"
        s47s = S47Enquiry.objects.filter(strategy_discussion=meeting)
        assert {s.child for s in s47s} == {child, sibling}
        assert {s.started_on for s in s47s} == {STRATEGY_ON}
        assert {s.lead_worker for s in s47s} == {worker}
        assert_audited(instance=discussion, action=AuditAction.CREATE, actor=worker)
        assert_audited(instance=s47s.get(child=child), action=AuditAction.CREATE, actor=worker)

    def test_no_further_action_starts_no_enquiry(self, worker, child, episode):
        _record(worker, [child], decision=StrategyDecision.NFA)
        assert not S47Enquiry.objects.exists()

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"children": []}, "children", "Choose the children the strategy discussion is about"),
            (
                {"held_at": at(dt.date(2026, 3, 17))},
                "held_at",
                "The date of the strategy discussion must be today or in the past",
            ),
            ({"attendance": []}, "attendance", "Record who took part and for which agency"),
            ({"information_shared": " "}, "information_shared", "Enter the information shared"),
            ({"decision": ""}, "decision", "Choose the decision of the strategy discussion"),
            (
                {"decision": StrategyDecision.OTHER},
                "decision_note",
                "Say what the other decision is",
            ),
            (
                {"actions": [ActionSpec(what="Visit")]},
                "actions",
                "Say who owns action 1: a person or an agency",
            ),
        ],
    )
    def test_refused_with_a_message_and_nothing_written(
        self, worker, child, episode, overrides, field, message
    ):
        with pytest.raises(ValidationError) as refused:
            _record(worker, [child], **overrides)
        assert message in refused.value.message_dict[field]
        assert not StrategyDiscussion.objects.exists()

    def test_a_professional_needs_an_agency_kind(self, worker, child, episode):
        no_kind = Attendee(role=AttendeeRole.PROFESSIONAL, name="Dr Lee", agency="GP")
        with pytest.raises(ValidationError) as refused:
            _record(worker, [child], attendance=[professional("csc"), no_kind])
        assert (
            "Choose the agency each professional attends for"
            in (refused.value.message_dict["attendance"])
        )

    def test_s47_refused_for_a_child_without_an_open_referral(self, worker, child):
        with pytest.raises(ValidationError) as refused:
            _record(worker, [child])
        assert refused.value.message_dict["children"] == [
            "Amara Okafor has no open referral: a S47 enquiry needs an open CIN episode "
            "(record the referral first)"
        ]
        assert not StrategyDiscussion.objects.exists()

    def test_s47_refused_while_one_is_open(self, worker, child, strategy):
        with pytest.raises(ValidationError) as refused:
            _record(worker, [child])
        assert refused.value.message_dict["children"] == [
            "Amara Okafor already has an open S47 enquiry (started 5 January 2026)"
        ]
