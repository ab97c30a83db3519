"""Writing an assessment's sections, identity, views and factors: happy paths, refused input with
its message and nothing written, the audit record, and no edits outside draft/returned."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from cairn.casework.models import (
    AssessmentFactor,
    AssessmentIdentity,
    AssessmentStatus,
    AssessmentView,
    IdentityAspect,
    ViewHolder,
)
from cairn.casework.services.assessments import (
    assessment_factors_set,
    assessment_identity_update,
    assessment_update,
    assessment_view_add,
)
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.records import ConcurrentEditError
from cairn.core.workflows import TransitionRefused
from cairn.testing.assessments_factories import assessment_at
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AdultFactory, RelationshipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(worker, referral):
    return assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)


class TestUpdate:
    def test_writes_sections_and_audits_them_on_the_child(self, worker, draft):
        updated = assessment_update(
            actor=worker,
            assessment=draft,
            expected_version=draft.version,
            family_history="  Mother moved here in 2019.  ",
            lived_experience="Amara looks after her brother most evenings.",
            strengths="Warm grandparents nearby",
            risks="Domestic abuse by a former partner",
            child_seen_on=dt.date(2026, 1, 6),
            outcome="cin_plan",
        )

        assert updated.family_history == "Mother moved here in 2019."
        assert updated.child_seen_on == dt.date(2026, 1, 6)
        assert updated.version == draft.version + 1
        event = assert_audited(
            instance=updated,
            action=AuditAction.UPDATE,
            actor=worker,
            fields={"family_history", "child_seen_on", "outcome", "risks"},
        )
        assert event.person_id == draft.child_id

    @pytest.mark.parametrize(
        ("fields", "errors"),
        [
            (
                {"child_seen_on": dt.date(2026, 1, 5)},
                {
                    "child_seen_on": [
                        "The date the child was seen must be on or after the start of the "
                        "assessment (6 January 2026)"
                    ]
                },
            ),
            (
                {"child_seen_on": dt.date(2026, 3, 17)},
                {"child_seen_on": ["The date the child was seen must be today or in the past"]},
            ),
            ({"outcome": "adopted"}, {"outcome": ["Select the outcome of the assessment"]}),
        ],
    )
    def test_refuses_bad_input_and_writes_nothing(self, worker, draft, fields, errors):
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_update(
                actor=worker,
                assessment=draft,
                expected_version=draft.version,
                analysis="Should not be saved",
                **fields,
            )

        assert refused.value.message_dict == errors
        draft.refresh_from_db()
        assert draft.analysis == ""
        assert AuditEvent.objects.count() == before

    def test_refuses_a_stale_edit(self, worker, draft):
        assessment_update(
            actor=worker, assessment=draft, expected_version=draft.version, analysis="First"
        )

        with pytest.raises(ConcurrentEditError):
            assessment_update(
                actor=worker, assessment=draft, expected_version=draft.version, analysis="Second"
            )

        draft.refresh_from_db()
        assert draft.analysis == "First"

    def test_rejects_a_field_that_is_not_a_section(self, worker, draft):
        with pytest.raises(TypeError, match="status"):
            assessment_update(
                actor=worker, assessment=draft, expected_version=draft.version, status="authorised"
            )

    @pytest.mark.parametrize(
        ("status", "label"),
        [
            (AssessmentStatus.SUBMITTED, "submitted for authorisation"),
            (AssessmentStatus.AUTHORISED, "authorised"),
        ],
    )
    def test_refuses_edits_once_submitted_or_authorised(
        self, worker, manager, referral, status, label
    ):
        assessment = assessment_at(status, worker=worker, manager=manager, episode=referral)

        with pytest.raises(TransitionRefused) as refused:
            assessment_update(
                actor=worker,
                assessment=assessment,
                expected_version=assessment.version,
                analysis="Changed afterwards",
            )

        assert refused.value.message_dict == {
            "status": [
                f"An assessment that is {label} cannot be changed; it can be changed only "
                "while in progress or returned for more work"
            ]
        }
        assessment.refresh_from_db()
        assert assessment.analysis != "Changed afterwards"

    def test_a_returned_assessment_can_be_changed(self, worker, manager, referral):
        returned = assessment_at(
            AssessmentStatus.RETURNED, worker=worker, manager=manager, episode=referral
        )

        updated = assessment_update(
            actor=worker,
            assessment=returned,
            expected_version=returned.version,
            analysis="Father's view now included",
        )

        assert updated.analysis == "Father's view now included"


class TestIdentity:
    def test_records_content_or_a_reason_it_is_not_relevant(self, worker, draft):
        rows = assessment_identity_update(
            actor=worker,
            assessment=draft,
            answers={
                IdentityAspect.RELIGION: ("Attends mosque with her father", ""),
                IdentityAspect.SEXUALITY: ("", "Amara is 7"),
            },
        )

        saved = {r.aspect: r for r in draft.identity.all()}
        assert saved["religion"].content == "Attends mosque with her father"
        assert saved["sexuality"].not_relevant_reason == "Amara is 7"
        assert saved["religion"].is_complete
        assert saved["sexuality"].is_complete
        assert not saved["culture"].is_complete
        assert AssessmentIdentity.objects.filter(assessment=draft).count() == 7
        assert_audited(
            instance=rows[0], action=AuditAction.UPDATE, actor=worker, fields={"content"}
        )

    def test_refuses_both_content_and_a_reason_and_writes_nothing(self, worker, draft):
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_identity_update(
                actor=worker,
                assessment=draft,
                answers={
                    IdentityAspect.ETHNICITY: ("Nigerian heritage", ""),
                    IdentityAspect.LANGUAGE: ("Speaks Yoruba at home", "Not relevant"),
                },
            )

        assert refused.value.message_dict == {
            "language_content": [
                "Language and communication: give what the assessment found or why it is "
                "not relevant, not both"
            ]
        }
        assert not any(r.is_complete for r in draft.identity.all())
        assert AuditEvent.objects.count() == before

    def test_refused_once_authorised(self, worker, manager, referral):
        authorised = assessment_at(
            AssessmentStatus.AUTHORISED, worker=worker, manager=manager, episode=referral
        )

        with pytest.raises(TransitionRefused):
            assessment_identity_update(
                actor=worker, assessment=authorised, answers={"culture": ("Changed", "")}
            )

        assert authorised.identity.get(aspect="culture").content != "Changed"


class TestViews:
    def test_adds_the_childs_view(self, worker, draft):
        view = assessment_view_add(
            actor=worker,
            assessment=draft,
            holder=ViewHolder.CHILD,
            how_obtained="Seen alone at school, using three houses",
            content="I worry when Dad shouts.",
        )

        assert view.person == draft.child
        event = assert_audited(instance=view, action=AuditAction.CREATE, actor=worker)
        assert event.person_id == draft.child_id

    def test_adds_a_parent_in_the_family_network(self, worker, draft):
        mother = AdultFactory(given_name="Grace", family_name="Okafor")
        RelationshipFactory(person=draft.child, relative=mother, type="mother")

        view = assessment_view_add(
            actor=worker,
            assessment=draft,
            holder=ViewHolder.PARENT_CARER,
            person=mother,
            how_obtained="Home visit",
            content="I want help with the school run.",
        )

        assert view.person == mother

    def test_adds_a_professional_with_name_and_agency(self, worker, draft):
        view = assessment_view_add(
            actor=worker,
            assessment=draft,
            holder=ViewHolder.PROFESSIONAL,
            professional_name="Dr Ellis",
            agency="Riverside Surgery",
            how_obtained="Phone call",
            content="No concerns about growth.",
        )

        assert (view.professional_name, view.agency, view.person) == (
            "Dr Ellis",
            "Riverside Surgery",
            None,
        )

    @pytest.mark.parametrize(
        ("fields", "errors"),
        [
            (
                {"holder": ViewHolder.PROFESSIONAL, "how_obtained": "", "content": ""},
                {
                    "professional_name": ["Enter the name of the professional"],
                    "agency": ["Enter the professional's agency"],
                    "how_obtained": ["Enter how the view was obtained"],
                    "content": ["Enter the view, in their own words where possible"],
                },
            ),
            (
                {"holder": ViewHolder.PARENT_CARER},
                {"person": ["Select the parent or carer from the child's family network"]},
            ),
            ({"holder": "neighbour"}, {"holder": ["Select whose view this is"]}),
        ],
    )
    def test_refuses_incomplete_views(self, worker, draft, fields, errors):
        before = AuditEvent.objects.count()
        values = {"how_obtained": "Home visit", "content": "Some words"} | fields

        with pytest.raises(ValidationError) as refused:
            assessment_view_add(actor=worker, assessment=draft, **values)

        assert refused.value.message_dict == errors
        assert AssessmentView.objects.count() == 0
        assert AuditEvent.objects.count() == before

    def test_refuses_a_parent_outside_the_family_network(self, worker, draft):
        stranger = AdultFactory(given_name="Sam", family_name="Lee")

        with pytest.raises(ValidationError) as refused:
            assessment_view_add(
                actor=worker,
                assessment=draft,
                holder=ViewHolder.PARENT_CARER,
                person=stranger,
                how_obtained="Home visit",
                content="Words",
            )

        assert refused.value.message_dict == {
            "person": [f"Sam Lee is not in {draft.child.full_name}'s family network"]
        }
        assert AssessmentView.objects.count() == 0


class TestFactors:
    def test_sets_and_replaces_the_factors(self, worker, draft):
        assessment_factors_set(actor=worker, assessment=draft, codes=["3B", "4B"])

        assessment_factors_set(actor=worker, assessment=draft, codes=["4B", "16A"])

        assert sorted(f.code for f in draft.factors.all()) == ["16A", "4B"]
        removed = AssessmentFactor.all_objects.get(assessment=draft, code="3B")
        assert removed.removed_at is not None
        assert_audited(instance=removed, action=AuditAction.REMOVE, actor=worker)

    def test_no_factors_identified_on_its_own(self, worker, draft):
        assert assessment_factors_set(actor=worker, assessment=draft, codes=["21"]) == ["21"]

    @pytest.mark.parametrize(
        ("codes", "message"),
        [
            (["21", "3B"], "Select 'No factors identified' on its own, or the factors identified"),
            (["3B", "3B"], "Select each factor once: 3B is repeated"),
            (["3B", "99Z"], "Not an assessment factor code: 99Z"),
        ],
    )
    def test_refuses_bad_codes_and_writes_nothing(self, worker, draft, codes, message):
        assessment_factors_set(actor=worker, assessment=draft, codes=["1A"])
        before = AuditEvent.objects.count()

        with pytest.raises(ValidationError) as refused:
            assessment_factors_set(actor=worker, assessment=draft, codes=codes)

        assert refused.value.message_dict == {"factors": [message]}
        assert [f.code for f in draft.factors.all()] == ["1A"]
        assert AuditEvent.objects.count() == before
