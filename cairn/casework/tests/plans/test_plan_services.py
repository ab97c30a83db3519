"""casework.services.plans: starting a plan, its content, authorisation, versions, ending."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.casework.models import (
    Action,
    ActionStatus,
    AssessmentOutcome,
    AssessmentStatus,
    Contingency,
    ContingencyNetworkMember,
    FgcStatus,
    MeasureSource,
    Outcome,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.casework.selectors.plans import plan_current_version, plan_get
from cairn.casework.services.plans import (
    action_add,
    action_update,
    contingency_network_add,
    contingency_network_remove,
    contingency_update,
    outcome_add,
    outcome_remove,
    outcome_update,
    plan_create,
    plan_end,
    plan_version_authorise,
    plan_version_create_from_review,
)
from cairn.core.models import AuditEvent
from cairn.core.records import ConcurrentEditError
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AdultFactory, PersonFactory
from cairn.testing.plans_factories import (
    AuthorisedAssessmentFactory,
    CinReviewFactory,
    EpisodeFactory,
)

from .conftest import PLAN_MADE_ON, PLAN_STARTED_ON, TODAY, complete_version

pytestmark = pytest.mark.django_db


def _messages(error: ValidationError, field: str) -> list[str]:
    return error.value.message_dict[field]


class TestPlanCreate:
    def test_starts_a_draft_plan_with_version_one_made_today(self, worker, child, assessed_episode):
        plan = plan_create(actor=worker, child=child, episode=assessed_episode)

        assert plan.status == PlanStatus.DRAFT
        assert plan.kind == PlanKind.CIN
        assert plan.started_on is None
        version = plan.versions.get()
        assert (version.number, version.made_on, version.authorised_on) == (1, TODAY, None)
        event = assert_audited(instance=plan, action="create", actor=worker)
        assert event.person_id == child.pk
        assert_audited(instance=version, action="create", actor=worker)

    def test_refused_before_an_assessment_outcome(self, worker, child, episode):
        with pytest.raises(ValidationError) as error:
            plan_create(actor=worker, child=child, episode=episode)

        assert _messages(error, "episode") == [
            "A child in need plan cannot start before an assessment outcome: no authorised "
            "assessment in this episode has the outcome 'Child in need plan'"
        ]
        assert not Plan.objects.exists()
        assert not AuditEvent.objects.filter(content_type__model="plan").exists()

    @pytest.mark.parametrize(
        ("status", "outcome"),
        [
            (AssessmentStatus.SUBMITTED, AssessmentOutcome.CIN_PLAN),
            (AssessmentStatus.AUTHORISED, AssessmentOutcome.NFA),
        ],
    )
    def test_refused_unless_the_assessment_is_authorised_with_a_cin_plan_outcome(
        self, worker, child, episode, status, outcome
    ):
        AuthorisedAssessmentFactory(episode=episode, status=status, outcome=outcome)
        with pytest.raises(ValidationError, match="before an assessment outcome"):
            plan_create(actor=worker, child=child, episode=episode)
        assert not Plan.objects.exists()

    def test_refused_when_the_episode_is_closed(self, worker, child, assessed_episode):
        assessed_episode.closed_on = dt.date(2026, 3, 10)
        assessed_episode.closure_reason = "RC8"
        assessed_episode.save()

        with pytest.raises(ValidationError) as error:
            plan_create(actor=worker, child=child, episode=assessed_episode)

        assert _messages(error, "episode") == [
            "The CIN episode closed on 10 March 2026: a plan needs an open episode"
        ]
        assert not Plan.objects.exists()

    def test_refused_for_another_childs_episode(self, worker, child):
        other = EpisodeFactory(child=PersonFactory())
        AuthorisedAssessmentFactory(episode=other)
        with pytest.raises(ValidationError) as error:
            plan_create(actor=worker, child=child, episode=other)
        assert _messages(error, "episode") == ["This referral is for a different child"]

    def test_one_open_plan_of_each_kind(self, worker, child, draft_plan, assessed_episode):
        with pytest.raises(ValidationError) as error:
            plan_create(actor=worker, child=child, episode=assessed_episode)

        assert _messages(error, "kind") == ["Amara Okafor already has an open child in need plan"]
        assert Plan.objects.count() == 1

    def test_a_carried_plan_starts_with_the_current_content(self, worker, child, active_plan, aunt):
        plan_end(actor=worker, plan=active_plan, ended_on=TODAY, reason="Stepped down")

        early_help = plan_create(
            actor=worker,
            child=child,
            episode=None,
            kind=PlanKind.EARLY_HELP,
            carried_from=active_plan,
        )

        version = early_help.versions.get()
        assert early_help.carried_from == active_plan
        assert [o.text for o in version.outcomes.all()] == [
            "Amara gets to school on time every day",
            "Amara has a safe adult to talk to",
        ]
        assert version.contingency.who_acts == "Allocated social worker"
        assert [m.person for m in version.contingency.network.all()] == [aunt]


class TestOutcomes:
    def test_adds_outcomes_in_order_with_their_measure(self, worker, draft_plan):
        version = draft_plan.versions.get()
        first = outcome_add(
            actor=worker,
            version=version,
            text=" Amara sleeps in her own bed ",
            measure_source=MeasureSource.PARENT,
            baseline=2,
        )
        second = outcome_add(actor=worker, version=version, text="Amara sees her dad")

        assert (first.position, first.text, first.baseline) == (1, "Amara sleeps in her own bed", 2)
        assert (second.position, second.measure_source) == (2, "")
        assert_audited(instance=first, action="create", actor=worker, fields={"text", "baseline"})

    @pytest.mark.parametrize(
        ("fields", "field", "message"),
        [
            ({"text": " "}, "text", "Enter what will be different for the child"),
            (
                {"measure_source": MeasureSource.CHILD, "baseline": 11},
                "baseline",
                "The baseline must be a whole number from 0 to 10",
            ),
            (
                {"measure_source": MeasureSource.INDICATOR},
                "indicator",
                "Describe the observable indicator that will show the change",
            ),
            (
                {"measure_source": MeasureSource.INDICATOR, "indicator": "x", "baseline": 3},
                "baseline",
                "An observable indicator has no baseline score",
            ),
            (
                {"baseline": 3},
                "measure_source",
                "Choose who gives the 0 to 10 score for the baseline",
            ),
        ],
    )
    def test_refuses_bad_outcomes(self, worker, draft_plan, fields, field, message):
        version = draft_plan.versions.get()
        with pytest.raises(ValidationError) as error:
            outcome_add(actor=worker, version=version, **{"text": "Something", **fields})
        assert _messages(error, field) == [message]
        assert not Outcome.objects.exists()

    def test_updates_with_a_version_check(self, worker, draft_plan):
        outcome = outcome_add(actor=worker, version=draft_plan.versions.get(), text="Old")

        updated = outcome_update(
            actor=worker,
            outcome=outcome,
            expected_version=outcome.version,
            text="New",
            measure_source=MeasureSource.WORKER,
            baseline=4,
        )

        assert (updated.text, updated.measure_source, updated.baseline) == ("New", "worker", 4)
        assert_audited(instance=updated, action="update", actor=worker, fields={"text"})
        with pytest.raises(ConcurrentEditError):
            outcome_update(
                actor=worker, outcome=outcome, expected_version=outcome.version, text="Stale"
            )
        assert Outcome.objects.get().text == "New"

    def test_removal_needs_a_reason_and_keeps_the_row(self, worker, draft_plan):
        outcome = outcome_add(actor=worker, version=draft_plan.versions.get(), text="Gone")
        with pytest.raises(ValidationError) as error:
            outcome_remove(actor=worker, outcome=outcome, reason=" ")
        assert _messages(error, "removal_reason") == ["Enter the reason for removing this outcome"]

        outcome_remove(actor=worker, outcome=outcome, reason="Duplicate")

        assert not Outcome.objects.exists()
        assert Outcome.all_objects.get().removal_reason == "Duplicate"
        assert_audited(instance=outcome, action="remove", actor=worker)

    def test_an_authorised_version_cannot_change(self, worker, active_plan):
        version = active_plan.versions.get()
        with pytest.raises(ValidationError) as error:
            outcome_add(actor=worker, version=version, text="Late addition")
        assert _messages(error, "version") == [
            "Version 1 is authorised and cannot be changed: changes go in the next version, "
            "made at a review"
        ]
        assert version.outcomes.count() == 2


class TestActions:
    def test_adds_an_action_owned_by_an_agency_or_a_person(self, worker, draft_plan, mother):
        version = draft_plan.versions.get()
        by_agency = action_add(
            actor=worker,
            version=version,
            what="Referral to the school nurse",
            who_agency="Greenfields Primary",
            due_on=dt.date(2026, 4, 1),
        )
        by_mum = action_add(
            actor=worker,
            version=version,
            what="Take Amara to the dentist",
            who_person=mother,
            due_on=dt.date(2026, 4, 15),
            status=ActionStatus.IN_PROGRESS,
        )

        assert by_agency.status == ActionStatus.NOT_STARTED
        assert by_mum.who_person == mother
        assert_audited(instance=by_mum, action="create", actor=worker, fields={"who_person_id"})

    @pytest.mark.parametrize(
        ("fields", "field", "message"),
        [
            ({"what": ""}, "what", "Enter what will be done"),
            (
                {"who_agency": ""},
                "who_agency",
                "Say who will do it: a person in the family network or an agency",
            ),
            ({"due_on": None}, "due_on", "Enter the date it will be done by"),
            ({"status": "lost"}, "status", "Choose the status of the action"),
        ],
    )
    def test_refuses_incomplete_actions(self, worker, draft_plan, fields, field, message):
        base = {"what": "Do it", "who_agency": "School", "due_on": dt.date(2026, 4, 1)}
        with pytest.raises(ValidationError) as error:
            action_add(actor=worker, version=draft_plan.versions.get(), **(base | fields))
        assert _messages(error, field) == [message]
        assert not Action.objects.exists()

    def test_refuses_an_owner_outside_the_family_network(self, worker, draft_plan):
        with pytest.raises(ValidationError) as error:
            action_add(
                actor=worker,
                version=draft_plan.versions.get(),
                what="Do it",
                who_person=AdultFactory(),
                due_on=dt.date(2026, 4, 1),
            )
        assert _messages(error, "who_person") == [
            "Choose the child or someone in the child's family network"
        ]

    def test_only_the_status_moves_on_in_the_version_in_force(self, worker, manager, ready_plan):
        version = ready_plan.versions.get()
        action = action_add(
            actor=worker, version=version, what="Do it", who_agency="School", due_on=TODAY
        )
        plan_version_authorise(actor=manager, version=version, authorised_on=TODAY)
        action.refresh_from_db()

        done = action_update(
            actor=worker,
            action=action,
            expected_version=action.version,
            what="Do it",
            who_agency="School",
            due_on=TODAY,
            status=ActionStatus.DONE,
        )
        assert done.status == ActionStatus.DONE
        with pytest.raises(ValidationError, match="is authorised and cannot be changed"):
            action_update(
                actor=worker,
                action=done,
                expected_version=done.version,
                what="Something else",
                who_agency="School",
                due_on=TODAY,
                status=ActionStatus.DONE,
            )
        assert Action.objects.get().what == "Do it"


class TestContingency:
    def test_writes_then_updates_the_contingency(self, worker, draft_plan):
        version = draft_plan.versions.get()
        created = contingency_update(
            actor=worker,
            version=version,
            triggers="Missed school",
            response="",
            who_acts="",
            fgc_status=FgcStatus.OFFERED,
        )
        assert_audited(instance=created, action="create", actor=worker)

        updated = contingency_update(
            actor=worker,
            version=version,
            triggers="Missed school",
            response="Strategy discussion",
            who_acts="Team manager",
            fgc_status=FgcStatus.DECLINED,
            fgc_reason="The family want to manage it themselves",
            expected_version=created.version,
        )

        assert updated.pk == created.pk
        assert (updated.response, updated.fgc_status) == ("Strategy discussion", "declined")
        assert_audited(instance=updated, action="update", actor=worker, fields={"response"})

    @pytest.mark.parametrize(
        ("fields", "field", "message"),
        [
            (
                {"fgc_status": FgcStatus.HELD},
                "fgc_on",
                "Enter the date the family group conference was held",
            ),
            (
                {"fgc_status": FgcStatus.HELD, "fgc_on": TODAY + dt.timedelta(days=1)},
                "fgc_on",
                "The date of the family group conference must be today or in the past",
            ),
            (
                {"fgc_status": FgcStatus.DECLINED},
                "fgc_reason",
                "Say why the family declined a family group conference",
            ),
            (
                {"fgc_status": FgcStatus.NOT_OFFERED},
                "fgc_reason",
                "Say why a family group conference was not offered",
            ),
        ],
    )
    def test_refuses_an_fgc_without_its_date_or_reason(
        self, worker, draft_plan, fields, field, message
    ):
        with pytest.raises(ValidationError) as error:
            contingency_update(
                actor=worker,
                version=draft_plan.versions.get(),
                triggers="t",
                response="r",
                who_acts="w",
                **fields,
            )
        assert _messages(error, field) == [message]
        assert not Contingency.objects.exists()

    def test_network_members_come_from_the_family_network(self, worker, draft_plan, mother):
        version = draft_plan.versions.get()
        member = contingency_network_add(
            actor=worker, version=version, person=mother, how_considered="Lives next door"
        )
        assert member.contingency.plan_version == version
        assert_audited(instance=member, action="create", actor=worker)

        with pytest.raises(ValidationError) as error:
            contingency_network_add(
                actor=worker, version=version, person=mother, how_considered="Again"
            )
        assert _messages(error, "person") == ["Grace Okafor is already in the network considered"]
        stranger = AdultFactory()
        with pytest.raises(ValidationError) as error:
            contingency_network_add(
                actor=worker, version=version, person=stranger, how_considered=""
            )
        assert _messages(error, "person") == [
            "Choose someone recorded in Amara Okafor's family network"
        ]
        assert _messages(error, "how_considered") == ["Say how this person was considered"]
        assert ContingencyNetworkMember.objects.count() == 1

        contingency_network_remove(actor=worker, member=member, reason="Moved away")
        assert not ContingencyNetworkMember.objects.exists()


class TestAuthorise:
    def test_a_manager_authorises_and_the_plan_starts(self, manager, ready_plan):
        version = ready_plan.versions.get()

        plan_version_authorise(actor=manager, version=version, authorised_on=PLAN_STARTED_ON)

        version.refresh_from_db()
        ready_plan.refresh_from_db()
        assert (version.authorised_on, version.authorised_by) == (PLAN_STARTED_ON, manager)
        assert (ready_plan.status, ready_plan.started_on) == (PlanStatus.ACTIVE, PLAN_STARTED_ON)
        assert_audited(instance=ready_plan, action="update", actor=manager, fields={"status"})
        assert_audited(instance=version, action="update", actor=manager, fields={"authorised_on"})

    @pytest.mark.parametrize(
        "role", [r for r in Role if r not in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SYSTEM)]
    )
    def test_only_a_manager_may_authorise(self, users, ready_plan, role):
        with pytest.raises(PermissionDenied):
            plan_version_authorise(
                actor=users[role], version=ready_plan.versions.get(), authorised_on=TODAY
            )
        assert ready_plan.versions.get().authorised_on is None

    def test_a_manager_of_another_service_may_not(self, ready_plan, teams):
        from cairn.testing.factories import UserFactory

        outsider = UserFactory(role=Role.TEAM_MANAGER, team=teams["disabled"])
        with pytest.raises(PermissionDenied):
            plan_version_authorise(
                actor=outsider, version=ready_plan.versions.get(), authorised_on=TODAY
            )

    def test_refused_without_a_contingency_naming_every_part(self, worker, manager, draft_plan):
        version = draft_plan.versions.get()
        outcome_add(actor=worker, version=version, text="x", measure_source="child", baseline=1)

        with pytest.raises(ValidationError) as error:
            plan_version_authorise(actor=manager, version=version, authorised_on=TODAY)

        assert _messages(error, "contingency") == [
            "The contingency arrangements are missing: what would show the plan is not working, "
            "what will then happen, who acts, family network considered"
        ]
        self._assert_nothing_written(draft_plan)

    @pytest.mark.parametrize(
        ("blank", "missing"),
        [
            ("triggers", "what would show the plan is not working"),
            ("response", "what will then happen"),
            ("who_acts", "who acts"),
        ],
    )
    def test_refused_with_an_incomplete_contingency_naming_the_missing_part(
        self, worker, manager, ready_plan, blank, missing
    ):
        version = ready_plan.versions.get()
        contingency = version.contingency
        setattr(contingency, blank, "")
        contingency.save()

        with pytest.raises(ValidationError) as error:
            plan_version_authorise(actor=manager, version=version, authorised_on=TODAY)

        assert _messages(error, "contingency") == [
            f"The contingency arrangements are incomplete. Missing: {missing}"
        ]
        self._assert_nothing_written(ready_plan)

    def test_refused_when_no_family_network_was_considered(self, worker, manager, ready_plan):
        version = ready_plan.versions.get()
        contingency_network_remove(
            actor=worker, member=version.contingency.network.get(), reason="Wrong person"
        )
        with pytest.raises(ValidationError) as error:
            plan_version_authorise(actor=manager, version=version, authorised_on=TODAY)
        assert _messages(error, "contingency") == [
            "The contingency arrangements are incomplete. Missing: family network considered"
        ]
        self._assert_nothing_written(ready_plan)

    def test_refused_without_outcomes(self, manager, draft_plan):
        with pytest.raises(ValidationError) as error:
            plan_version_authorise(
                actor=manager, version=draft_plan.versions.get(), authorised_on=TODAY
            )
        assert _messages(error, "outcomes") == [
            "Add at least one outcome: what will be different for the child"
        ]
        self._assert_nothing_written(draft_plan)

    def test_refused_with_an_outcome_not_measured(self, worker, manager, ready_plan):
        version = ready_plan.versions.get()
        outcome_add(actor=worker, version=version, text="Unmeasured")
        outcome_add(actor=worker, version=version, text="No baseline", measure_source="parent")

        with pytest.raises(ValidationError) as error:
            plan_version_authorise(actor=manager, version=version, authorised_on=TODAY)

        assert _messages(error, "outcomes") == [
            "Every outcome needs a measure of impact: outcome 3 has no measure of impact; "
            "outcome 4 has no baseline score (0 to 10)"
        ]
        self._assert_nothing_written(ready_plan)

    @pytest.mark.parametrize(
        ("authorised_on", "message"),
        [
            (None, "Enter the date the plan was authorised"),
            (TODAY + dt.timedelta(days=1), "The authorisation date must be today or in the past"),
            (
                PLAN_MADE_ON - dt.timedelta(days=1),
                "The authorisation date cannot be before this version was made (3 February 2026)",
            ),
        ],
    )
    def test_refuses_bad_dates(self, manager, ready_plan, authorised_on, message):
        with pytest.raises(ValidationError) as error:
            plan_version_authorise(
                actor=manager, version=ready_plan.versions.get(), authorised_on=authorised_on
            )
        assert _messages(error, "authorised_on") == [message]
        self._assert_nothing_written(ready_plan)

    def test_refuses_authorising_twice(self, manager, active_plan):
        with pytest.raises(ValidationError) as error:
            plan_version_authorise(
                actor=manager, version=active_plan.versions.get(), authorised_on=TODAY
            )
        assert _messages(error, "version") == ["Version 1 is already authorised"]

    @staticmethod
    def _assert_nothing_written(plan):
        plan.refresh_from_db()
        assert plan.status == PlanStatus.DRAFT
        assert plan.started_on is None
        assert not PlanVersion.objects.filter(plan=plan, authorised_on__isnull=False).exists()
        assert not AuditEvent.objects.filter(
            content_type__model="planversion", action="update"
        ).exists()


class TestVersions:
    def test_a_review_makes_a_draft_copy_and_history_stays(self, worker, manager, active_plan):
        review = CinReviewFactory(
            plan=active_plan, held_at=dt.datetime(2026, 3, 9, 10, tzinfo=dt.UTC)
        )
        first = active_plan.versions.get()

        second = plan_version_create_from_review(actor=worker, plan=active_plan, meeting=review)

        assert (second.number, second.made_on, second.meeting) == (2, dt.date(2026, 3, 9), review)
        assert second.authorised_on is None
        copied = list(second.outcomes.all())
        assert [o.text for o in copied] == [o.text for o in first.outcomes.all()]
        assert [o.previous for o in copied] == list(first.outcomes.all())
        assert second.contingency.triggers == first.contingency.triggers
        assert second.contingency.network.get().person == first.contingency.network.get().person
        assert first.outcomes.count() == 2  # history stays as it was

        # The current version stays the latest authorised one until the new one is authorised.
        assert plan_current_version(plan_get(pk=active_plan.pk)) == first
        plan_version_authorise(actor=manager, version=second, authorised_on=TODAY)
        assert plan_current_version(plan_get(pk=active_plan.pk)) == second
        active_plan.refresh_from_db()
        assert active_plan.started_on == PLAN_STARTED_ON  # set once, at the first authorisation

    def test_refused_for_a_draft_plan(self, worker, draft_plan):
        review = CinReviewFactory(plan=draft_plan)
        with pytest.raises(ValidationError, match="Only an active plan"):
            plan_version_create_from_review(actor=worker, plan=draft_plan, meeting=review)
        assert draft_plan.versions.count() == 1


class TestPlanEnd:
    def test_ends_an_active_plan(self, worker, active_plan):
        plan = plan_end(actor=worker, plan=active_plan, ended_on=TODAY, reason="Closed")
        assert (plan.status, plan.ended_on, plan.end_reason) == ("ended", TODAY, "Closed")
        assert_audited(instance=plan, action="update", actor=worker, fields={"status"})

    @pytest.mark.parametrize(
        ("ended_on", "message"),
        [
            (TODAY + dt.timedelta(days=1), "The end date must be today or in the past"),
            (
                PLAN_STARTED_ON - dt.timedelta(days=1),
                "The plan cannot end before it started on 4 February 2026",
            ),
        ],
    )
    def test_refuses_bad_dates(self, worker, active_plan, ended_on, message):
        with pytest.raises(ValidationError) as error:
            plan_end(actor=worker, plan=active_plan, ended_on=ended_on, reason="Closed")
        assert _messages(error, "ended_on") == [message]
        active_plan.refresh_from_db()
        assert active_plan.status == PlanStatus.ACTIVE

    def test_a_draft_plan_cannot_end(self, worker, draft_plan):
        with pytest.raises(ValidationError) as error:
            plan_end(actor=worker, plan=draft_plan, ended_on=TODAY, reason="Closed")
        assert _messages(error, "status") == [
            "The plan is 'Draft' and cannot become 'Ended': it can next be 'Active'"
        ]


def test_a_complete_version_helper_really_completes(worker, manager, draft_plan, aunt):
    """The shared fixture helper gives a version everything authorisation needs."""
    version = draft_plan.versions.get()
    complete_version(actor=worker, version=version, network_person=aunt)
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        plan_version_authorise(actor=manager, version=version, authorised_on=TODAY)
    assert Plan.objects.get().status == PlanStatus.ACTIVE
