"""Contacts and threshold decisions: happy paths, each refusal with its message and nothing
written, and the audit trail."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.core.models import AuditAction, AuditEvent
from cairn.frontdoor.models import Consent, Contact, ContactChild, NextStep, ThresholdLevel
from cairn.frontdoor.services import contact_record, threshold_decide
from cairn.frontdoor.tests.conftest import TODAY, travel_to
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AdultFactory, PersonFactory
from cairn.testing.frontdoor_factories import ContactChildFactory, at

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Contact.all_objects.count(),
        ContactChild.all_objects.count(),
        AuditEvent.objects.count(),
    )


def _record(actor, kids, **overrides):
    details = {
        "actor": actor,
        "received_at": at(TODAY, 9, 30),
        "source": "2A",
        "referrer_name": "Ms Kaur",
        "referrer_organisation": "Northfield Primary School",
        "referrer_role": "Designated safeguarding lead",
        "concerns": "Both children arrived hungry; the younger has bruising.",
        "consent": Consent.GIVEN,
        "team": actor.team,
        "children": kids,
    }
    return contact_record(**(details | overrides))


def _level(number: int) -> ThresholdLevel:
    return ThresholdLevel.objects.get(number=number)


class TestContactRecord:
    def test_one_contact_covers_siblings_each_awaiting_a_decision(self, mash_worker):
        amara, kofi = PersonFactory(given_name="Amara"), PersonFactory(given_name="Kofi")

        contact = _record(mash_worker, [amara, kofi, amara])

        contact.refresh_from_db()
        assert contact.source == "2A"
        assert contact.consent == Consent.GIVEN
        assert contact.team == mash_worker.team
        assert contact.created_by == mash_worker
        rows = list(contact.children.order_by("child__given_name"))
        assert [r.child for r in rows] == [amara, kofi]  # the duplicate tick counted once
        assert all(r.decided_at is None and r.next_step == "" for r in rows)

    def test_writes_the_audit_trail_linked_to_each_child(self, mash_worker):
        amara, kofi = PersonFactory(), PersonFactory()

        contact = _record(mash_worker, [amara, kofi])

        event = assert_audited(
            instance=contact,
            action=AuditAction.CREATE,
            actor=mash_worker,
            fields={"source", "concerns", "received_at"},
        )
        assert event.person == amara
        for row in contact.children.all():
            assert (
                assert_audited(instance=row, action=AuditAction.CREATE, actor=mash_worker).person
                == row.child
            )

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"children": []}, "children", "Select at least one child the contact is about"),
            ({"source": "ZZ"}, "source", "Select the source of the contact"),
            ({"concerns": "  "}, "concerns", "Enter the concerns raised in the contact"),
            ({"consent": "maybe"}, "consent", "Select whether the family consented"),
            ({"team": None}, "team", "You need to belong to a team to record a contact"),
            ({"received_at": None}, "received_at", "Enter the date and time"),
            (
                {"received_at": at(TODAY + dt.timedelta(days=1))},
                "received_at",
                "The date the contact was received must be today or in the past",
            ),
        ],
    )
    def test_refuses_bad_input_and_writes_nothing(self, mash_worker, overrides, field, message):
        child = PersonFactory()
        before = _counts()

        with pytest.raises(ValidationError) as refused:
            _record(mash_worker, [child], **overrides)

        assert message in refused.value.message_dict[field][0]
        assert _counts() == before

    def test_refuses_an_adult_as_the_subject_of_a_contact(self, mash_worker):
        mother = AdultFactory(given_name="Grace", family_name="Okafor")
        before = _counts()

        with pytest.raises(ValidationError) as refused:
            _record(mash_worker, [PersonFactory(), mother])

        assert refused.value.message_dict["children"] == [
            "A contact is about children: Grace Okafor is not a child"
        ]
        assert _counts() == before


class TestThresholdDecide:
    def test_records_level_rationale_next_step_and_who_decided_when(self, mash_worker):
        row = ContactChildFactory()

        decided = threshold_decide(
            actor=mash_worker,
            contact_child=row,
            level=_level(3),
            rationale="Bruising unexplained; parents not engaging with school.",
            next_step=NextStep.REFERRAL,
        )

        decided.refresh_from_db()
        assert decided.threshold_level.number == 3
        assert decided.next_step == NextStep.REFERRAL
        assert decided.decided_by == mash_worker
        assert decided.decided_at.date() == TODAY
        assert decided.version == 2
        event = assert_audited(
            instance=decided,
            action=AuditAction.UPDATE,
            actor=mash_worker,
            fields={"threshold_level_id", "rationale", "next_step", "decided_at", "decided_by_id"},
        )
        assert event.person == row.child

    def test_a_second_decision_is_refused_and_the_first_stands(self, mash_worker, mash_manager):
        row = ContactChildFactory()
        with travel_to(dt.date(2026, 3, 3)):
            threshold_decide(
                actor=mash_worker,
                contact_child=row,
                level=_level(2),
                rationale="Needs support with routines.",
                next_step=NextStep.EARLY_HELP,
            )
        before = _counts()

        with pytest.raises(ValidationError) as refused:
            threshold_decide(
                actor=mash_manager,
                contact_child=row,
                level=_level(4),
                rationale="Changed my mind.",
                next_step=NextStep.STRATEGY,
            )

        assert refused.value.message_dict["decided_at"] == [
            f"The threshold decision for {row.child.full_name} on this contact was already made "
            "on 3 March 2026"
        ]
        row.refresh_from_db()
        assert row.next_step == NextStep.EARLY_HELP
        assert row.decided_by == mash_worker
        assert _counts() == before

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"rationale": " "}, "rationale", "Enter the rationale for the decision"),
            ({"next_step": "adopt"}, "next_step", "Select the next step"),
            ({"level": None}, "threshold_level", "Select the level of need"),
        ],
    )
    def test_refuses_an_incomplete_decision_and_writes_nothing(
        self, mash_worker, overrides, field, message
    ):
        row = ContactChildFactory()
        before = _counts()
        details = {
            "actor": mash_worker,
            "contact_child": row,
            "level": _level(3),
            "rationale": "Evidence of neglect.",
            "next_step": NextStep.REFERRAL,
        }

        with pytest.raises(ValidationError) as refused:
            threshold_decide(**(details | overrides))

        assert refused.value.message_dict[field] == [message]
        row.refresh_from_db()
        assert row.decided_at is None
        assert _counts() == before
