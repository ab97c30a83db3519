"""A small council with one of every record a page's URL can name, for the page matrix and the
guessed-id tests (cairn/tests/test_page_matrix.py, test_guessed_ids.py).

`build_child_records(child, team)` gives one child every child-scoped record (contact, episode,
assessment, plan, review, visit, case note, CP plan with its S47 and conference, legal records,
edge-of-care referral, case audit, oversight action...) and returns their ids by URL kwarg
role, so the same URL can be filled for a child in the user's team, in another team, or
restricted. `build_world(users, teams)` adds the three children and the non-child records.
Rows are built directly (factories); no page relies on their audit trail.
"""

import datetime as dt

from django.apps import apps

from cairn.accounts.roles import Role
from cairn.api import services as api_services
from cairn.casework.models import Meeting, MeetingChild, MeetingKind
from cairn.governance import services as governance
from cairn.governance.models import AccessRequest
from cairn.returns.models import ReturnRun
from cairn.testing import chair_factories as chair
from cairn.testing import edgeofcare_factories as eoc
from cairn.testing import frontdoor_factories as fd
from cairn.testing import legal_factories as legal
from cairn.testing import plans_factories as plans
from cairn.testing import protection_factories as cp
from cairn.testing import quality_factories as qa
from cairn.testing import records_factories as records
from cairn.testing import staff_factories as staff
from cairn.testing import workforce_factories as wf
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory, _system
from cairn.timescales.models import Rule


def _meeting(kind, day, plan=None, children=()):
    system = _system()
    meeting = Meeting.objects.create(
        kind=kind,
        held_at=dt.datetime(day.year, day.month, day.day, 10, tzinfo=dt.UTC),
        plan=plan,
        created_by=system,
        updated_by=system,
    )
    for child in children:
        MeetingChild.objects.create(
            meeting=meeting, child=child, created_by=system, updated_by=system
        )
    return meeting


def build_child_records(child, *, team, worker, manager, qa_officer, chair_user) -> dict:
    """Every child-scoped record for `child` (allocated to `team` and `worker`); returns a map
    from a name used in the matrix to the record's id."""
    AllocationFactory(child=child, team=team, worker=worker)
    contact_child = fd.ContactChildFactory(child=child, contact__team=team)
    episode = fd.EpisodeFactory(child=child)
    early_help = fd.EarlyHelpEpisodeFactory(child=child)
    assessment = fd.AssessmentFactory(episode=episode, child=child)
    plan = plans.PlanFactory(episode=episode, child=child)
    version = plans.PlanVersionFactory(plan=plan)
    outcome = plans.OutcomeFactory(plan_version=version)
    action = plans.ActionFactory(plan_version=version)
    review = plans.CinReviewFactory(plan=plan)
    visit = records.VisitFactory(episode=episode, child=child, worker=worker)
    note = records.CaseNoteFactory(child=child)
    cp_plan = cp.cp_plan_with_history(child=child, episode=episode, chair=chair_user)
    core_group = _meeting(MeetingKind.CORE_GROUP, dt.date(2026, 2, 9), plan=cp_plan)
    alert = chair.PracticeAlertFactory(plan=cp_plan, child=child, raised_by=chair_user)
    chair.PracticeAlertStageFactory(alert=alert, recipient=manager)
    legal_meeting = _meeting(MeetingKind.LEGAL_PLANNING, dt.date(2026, 1, 5), children=[child])
    legal.LegalPlanningFactory(meeting=legal_meeting)
    pre_proceedings = legal.PreProceedingsFactory(children=[child])
    proceedings = legal.CareProceedingsFactory(children=[child])
    hearing = legal.HearingFactory(proceedings=proceedings)
    looked_after = legal.LookedAfterPeriodFactory(child=child)
    referral = eoc.AcceptedReferralFactory(child=child, team=team, referrer=worker)
    intervention = eoc.InterventionFactory(referral=referral, worker=worker)
    audit = qa.CaseAuditFactory(child=child, auditor=qa_officer)
    recommendation = qa.RecommendationFactory(audit=audit, child=child, owner=worker)
    entry = wf.OversightEntryFactory(child=child, manager=manager)
    oversight_action = wf.OversightActionFactory(entry=entry, owner=worker)
    return {
        "child": child.pk,
        "contact": contact_child.contact_id,
        "contact_child": contact_child.pk,
        "episode": episode.pk,
        "early_help": early_help.pk,
        "assessment": assessment.pk,
        "plan": plan.pk,
        "plan_version": version.pk,
        "outcome": outcome.pk,
        "action": action.pk,
        "review": review.pk,
        "visit": visit.pk,
        "case_note": note.pk,
        "strategy": cp_plan.s47.strategy_discussion_id,
        "s47": cp_plan.s47.pk,
        "conference": cp_plan.icpc.pk,
        "cp_plan": cp_plan.pk,
        "core_group": core_group.pk,
        "practice_alert": alert.pk,
        "legal_planning": legal_meeting.pk,
        "pre_proceedings": pre_proceedings.pk,
        "proceedings": proceedings.pk,
        "proceedings_child": proceedings.children.get().pk,
        "hearing": hearing.pk,
        "looked_after": looked_after.pk,
        "eoc_referral": referral.pk,
        "intervention": intervention.pk,
        "case_audit": audit.pk,
        "recommendation": recommendation.pk,
        "oversight_action": oversight_action.pk,
    }


def _insight_records(users) -> dict:
    """The performance scorecard's records (issue 12), when that app is installed."""
    try:
        report_model = apps.get_model("insight", "MembersReport")
    except LookupError:
        return {}
    leader = users[Role.SENIOR_LEADER]
    report = report_model.objects.create(
        title="Performance, March 2026",
        period_end=dt.date(2026, 3, 1),
        created_by=leader,
        updated_by=leader,
    )
    return {"members_report": report.pk, "measure_key": "supervision_in_time"}


def build_world(users, teams) -> dict:
    """Three children with every record (North: the staff's own team; South: another team of
    the same service; and a restricted North child naming only the team manager), plus staff,
    absence, supervision, audit programme, governance and returns records. Returns
    {"own": ids, "other": ids, "restricted": ids, "shared": ids}."""
    worker = users[Role.SOCIAL_WORKER]
    manager = users[Role.TEAM_MANAGER]
    ig = users[Role.IG_OFFICER]
    roles = {
        "worker": worker,
        "manager": manager,
        "qa_officer": users[Role.QA_OFFICER],
        "chair_user": users[Role.CP_CHAIR],
    }
    own = PersonFactory(given_name="Amara", family_name="Okafor")
    other = PersonFactory(given_name="Tyler", family_name="Hughes")
    restricted = PersonFactory(given_name="Rowan", family_name="Ashdown")
    world = {
        "own": build_child_records(own, team=teams["north"], **roles),
        "other": build_child_records(
            other,
            team=teams["south"],
            **{**roles, "worker": UserFactory(username="south.worker", team=teams["south"])},
        ),
        "restricted": build_child_records(restricted, team=teams["north"], **roles),
    }
    governance.person_restrict(
        actor=ig, person=restricted, category="staff_family", reason="A worker's nephew"
    )
    allowance = governance.restriction_allow_user(
        actor=ig, person=restricted, user=manager, reason="Manages the case"
    )
    access_request = AccessRequest.objects.create(
        person=restricted,
        requester=users[Role.SENIOR_PRACTITIONER],
        reason="Duty visit",
        created_by=users[Role.SENIOR_PRACTITIONER],
        updated_by=users[Role.SENIOR_PRACTITIONER],
    )
    staff.StaffRecordFactory(user=worker)
    training = staff.TrainingRecordFactory(staff=worker)
    absence = staff.AbsenceFactory(worker=worker)
    session = wf.SupervisionSessionFactory(worker=worker, supervisor=manager)
    tool_version = qa.ToolVersionFactory()
    cycle = qa.CycleFactory(tool_version=tool_version)
    question = tool_version.questions.first()
    theme = qa.ThemeFactory(name="Neglect")  # a theme an auditor can tag (quality:audit_finding)
    system = _system()
    run = ReturnRun.objects.create(
        kind="cin_census",
        reference_date=dt.date(2026, 3, 31),
        created_by=system,
        updated_by=system,
    )
    api_client = api_services.api_client_create(
        actor=system, name="Synthetic partner portal", role=Role.SOCIAL_WORKER, team=teams["north"]
    )
    api_token = api_services.api_token_issue(
        actor=system, client=api_client, scopes=["children:read"]
    ).token
    world["shared"] = {
        "api_client": api_client.pk,
        "api_token": api_token.pk,
        **_insight_records(users),
        "worker": worker.pk,
        "own_team": teams["north"].pk,
        "allowance": allowance.pk,
        "access_request": access_request.pk,
        "training": training.pk,
        "absence": absence.pk,
        "supervision_session": session.pk,
        "tool_version": tool_version.pk,
        "cycle": cycle.pk,
        "question": question.pk,
        "theme": theme.pk,
        "return_run": run.pk,
        "rule_code": Rule.objects.order_by("code").values_list("code", flat=True).first(),
    }
    return world
