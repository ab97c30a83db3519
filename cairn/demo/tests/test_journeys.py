"""seed_demo's child-in-need journeys in the small council: the records keep every rule the
services keep, the deliberate cases are there, the demo caseload shows the journey, and the rates
land near the national ones (shared/domain/volumes.md)."""

import datetime as dt
from collections import Counter, defaultdict

import pytest
from django.db.models import Count, Max

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    AssessmentIdentity,
    AssessmentStatusChange,
    CaseNote,
    CaseNoteAppendment,
    Contingency,
    ContingencyNetworkMember,
    IdentityAspect,
    Meeting,
    MeetingChild,
    Outcome,
    Plan,
    PlanVersion,
    SignificantEvent,
    Visit,
)
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.working_days import WorkingDayCalendar
from cairn.demo.accounts import DEMO_USERNAMES
from cairn.demo.journeys.base import add_months
from cairn.demo.journeys.current import LAPSED_CONTINGENCY_EVERY
from cairn.demo.journeys.scenarios import EACH
from cairn.demo.tests.conftest import AS_OF
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import Contact, ContactChild, Episode, Level, LevelTransition
from cairn.people.models import Relationship
from cairn.workforce.models import Allocation

pytestmark = pytest.mark.usefixtures("journeys")

CALENDAR = WorkingDayCalendar()
NOT_IN_NEED = ("nfa", "early_help")


def initial_assessments():
    return Assessment.objects.filter(previous__isnull=True).select_related("episode")


def open_plans():
    return Plan.objects.filter(status__in=["draft", "active"])


def current_version(plan: Plan) -> PlanVersion | None:
    authorised = [v for v in plan.versions.all() if v.authorised_on]
    return max(authorised, key=lambda v: v.number) if authorised else None


def contingency_complete(contingency: Contingency | None) -> bool:
    """As the plan pages count it: triggers, response, who acts and the network considered."""
    return bool(
        contingency is not None
        and contingency.triggers.strip()
        and contingency.response.strip()
        and contingency.who_acts.strip()
        and contingency.network.exists()
    )


def latest_review(plan: Plan) -> Meeting | None:
    return plan.meetings.order_by("-held_at").first()


# Episodes, contacts and allocations ------------------------------------------------------------


def test_each_child_has_at_most_one_open_episode_and_episodes_never_overlap():
    by_child = defaultdict(list)
    for episode in Episode.objects.order_by("referral_date", "id"):
        by_child[episode.child_id].append(episode)

    for episodes in by_child.values():
        assert sum(e.closed_on is None for e in episodes) <= 1
        for earlier, later in zip(episodes, episodes[1:], strict=False):
            assert earlier.closed_on is not None
            assert earlier.closed_on < later.referral_date


def test_every_open_case_is_an_open_episode_with_its_current_allocation():
    current = Allocation.objects.filter(ended_on__isnull=True).select_related("episode")
    open_episodes = Episode.objects.filter(closed_on__isnull=True)

    assert current.count() == open_episodes.count()
    for allocation in current:
        assert allocation.episode is not None
        assert allocation.episode.closed_on is None
        assert allocation.episode.child_id == allocation.child_id


def test_allocations_belong_to_their_episode_and_do_not_overlap():
    by_child = defaultdict(list)
    for a in Allocation.objects.select_related("episode").order_by("started_on", "id"):
        assert a.episode is not None
        assert a.episode.referral_date <= a.started_on
        if a.ended_on is not None:
            assert a.started_on <= a.ended_on
            assert a.episode.closed_on is None or a.ended_on <= a.episode.closed_on
        by_child[a.child_id].append(a)
    for allocations in by_child.values():
        for earlier, later in zip(allocations, allocations[1:], strict=False):
            assert earlier.ended_on is not None
            assert earlier.ended_on <= later.started_on


def test_closed_episodes_have_a_reason_and_the_codes_follow_the_census_rules():
    closed = Episode.objects.filter(closed_on__isnull=False)
    reasons = Counter(closed.values_list("closure_reason", flat=True))

    assert {"RC7", "RC8", "RC9"} <= set(reasons)
    assert "" not in reasons
    for episode in closed.filter(closure_reason__in=["RC8", "RC9"]):
        assert episode.assessments.filter(status="authorised").exists()  # 8825Q
        assert not episode.plans.exists()  # 2990
    for episode in Episode.objects.filter(referral_nfa=True):
        assert not episode.assessments.exists()  # 8831
        assert not episode.plans.exists()  # 4000
        assert episode.closed_on is not None
        assert episode.primary_need == ""
    closed_not_nfa = closed.filter(referral_nfa=False)
    assert not closed_not_nfa.filter(primary_need="").exists()  # 8610


def test_the_re_referral_flag_is_a_previous_referral_within_12_months():
    previous = {}
    checked = 0
    for episode in Episode.objects.order_by("child_id", "referral_date"):
        before = previous.get(episode.child_id)
        expected = before is not None and add_months(before, 12) >= episode.referral_date
        assert episode.is_re_referral == expected
        previous[episode.child_id] = episode.referral_date
        checked += expected

    assert checked > 10


def test_every_referral_comes_from_a_decided_contact_about_that_child():
    for episode in Episode.objects.select_related("contact_child__contact"):
        decision = episode.contact_child
        assert decision.child_id == episode.child_id
        assert decision.next_step in ("referral", "strategy")
        assert decision.threshold_level.number in (3, 4)
        assert decision.decided_at.date() == episode.referral_date
        assert decision.contact.received_at.date() <= episode.referral_date
        assert decision.contact.source == episode.source


def test_threshold_decisions_are_complete_and_never_before_the_contact():
    decided = ContactChild.objects.filter(decided_at__isnull=False).select_related("contact")

    assert decided.count() > 300
    for decision in decided:
        assert decision.decided_at >= decision.contact.received_at.replace(hour=0, minute=0)
        assert decision.rationale
        assert decision.next_step
        assert decision.threshold_level_id
        assert decision.decided_by.role in (
            Role.SOCIAL_WORKER,
            Role.SENIOR_PRACTITIONER,
            Role.TEAM_MANAGER,
        )
    # Some contacts cover siblings; some go no further than advice or early help.
    assert Contact.objects.annotate(n=Count("children")).filter(n__gt=1).exists()
    steps = Counter(decided.values_list("next_step", flat=True))
    assert {"nfa", "advice", "early_help", "referral"} <= set(steps)


def test_nothing_is_dated_after_the_as_of_date():
    checks = [
        (Episode, ["referral_date", "closed_on"]),
        (Assessment, ["started_on", "child_seen_on", "authorised_on"]),
        (Plan, ["started_on", "ended_on"]),
        (PlanVersion, ["made_on", "authorised_on"]),
        (Meeting, ["held_at"]),
        (Visit, ["visited_on"]),
        (CaseNote, ["occurred_on", "finalised_at"]),
        (SignificantEvent, ["occurred_on"]),
        (EarlyHelpEpisode, ["started_on", "ended_on"]),
        (LevelTransition, ["occurred_on"]),
        (Allocation, ["started_on", "ended_on"]),
        (Contact, ["received_at"]),
        (AssessmentStatusChange, ["at"]),
    ]
    for model, names in checks:
        for name in names:
            latest = model.objects.aggregate(latest=Max(name))["latest"]
            if isinstance(latest, dt.datetime):
                latest = latest.date()
            assert latest is not None, (model, name)
            assert latest <= AS_OF, (model, name, latest)


# Assessments ---------------------------------------------------------------------------------


def test_assessment_targets_are_45_working_days_from_referral_unless_shortened():
    shorter = 0
    for a in initial_assessments():
        referral = a.episode.referral_date
        if a.target_date != CALENDAR.add_working_days(referral, 45):
            assert a.target_date == CALENDAR.add_working_days(referral, 25)
            shorter += 1
        assert referral <= a.started_on

    assert shorter < initial_assessments().count() * 0.1


def test_authorised_assessments_have_a_date_outcome_factors_and_workflow_history():
    for a in Assessment.objects.filter(status="authorised").prefetch_related("status_changes"):
        assert a.authorised_on >= a.started_on
        assert a.outcome
        assert a.authorised_by.role == Role.TEAM_MANAGER
        history = [(c.from_status, c.to_status) for c in a.status_changes.all()]
        assert history[0] == ("draft", "submitted")
        assert history[-1] == ("submitted", "authorised")
        assert a.status_changes.all()[len(history) - 1].at.date() == a.authorised_on
        assert a.factors.exists()


def test_every_assessment_records_each_identity_aspect_once():
    per_assessment = Counter(AssessmentIdentity.objects.values_list("assessment_id", flat=True))

    assert set(per_assessment.values()) == {len(IdentityAspect)}
    assert len(per_assessment) == Assessment.objects.count()
    done = AssessmentIdentity.objects.filter(assessment__status="authorised")
    assert not done.filter(content="", not_relevant_reason="").exists()
    assert done.exclude(not_relevant_reason="").exists()


def test_no_factors_identified_stands_alone_and_only_when_closed_not_in_need():
    for factor in AssessmentFactor.objects.filter(code="21").select_related("assessment__episode"):
        assert factor.assessment.factors.count() == 1
        assert factor.assessment.episode.closure_reason in ("RC8", "RC9")
    assert not AssessmentFactor.objects.filter(code__in=["18A", "19A"]).exists()


def test_updated_assessments_follow_the_one_they_update_and_the_event_that_prompted_them():
    updates = Assessment.objects.filter(previous__isnull=False).select_related(
        "previous", "prompted_by"
    )

    assert updates.count() >= 3
    for a in updates:
        assert a.previous.episode_id == a.episode_id
        assert a.previous.authorised_on <= a.started_on
        assert a.prompted_by.child_id == a.child_id
        assert a.prompted_by.occurred_on <= a.started_on


# Plans and reviews ---------------------------------------------------------------------------


def test_plans_only_follow_an_authorised_assessment_with_outcome_cin_plan():
    """Or, for CP plans and the CIN plans after a conference, one that asked for a strategy
    discussion (test_protection_seed.py checks those)."""
    for plan in Plan.objects.select_related("episode"):
        first = plan.episode.assessments.filter(previous__isnull=True).get()
        assert first.status == "authorised"
        conference = plan.episode.s47_enquiries.filter(conferences__isnull=False).exists()
        if plan.kind == "cin" and not conference and plan.carried_from_id is None:
            assert first.outcome == "cin_plan"
        else:
            assert first.outcome in ("cin_plan", "strategy")
        if plan.started_on:
            assert plan.started_on >= first.authorised_on
        if plan.ended_on:
            assert plan.episode.closed_on is None or plan.ended_on <= plan.episode.closed_on
        else:
            assert plan.episode.closed_on is None


def test_active_plans_have_a_complete_contingency_in_their_current_version():
    """All but the deliberate PLAN_NO_CONTINGENCY cases: the late scenario (EACH) and about
    one open CIN plan in LAPSED_CONTINGENCY_EVERY."""
    active = Plan.objects.filter(status="active").prefetch_related("versions")

    assert active.count() > 30
    incomplete = []
    for plan in active:
        version = current_version(plan)
        assert version is not None
        assert version.authorised_on <= AS_OF
        if not contingency_complete(getattr(version, "contingency", None)):
            incomplete.append(plan)
    assert EACH <= len(incomplete) <= EACH + active.count() // LAPSED_CONTINGENCY_EVERY + 1
    assert all(plan.kind == "cin" for plan in incomplete)
    numbers = PlanVersion.objects.values("plan_id").annotate(n=Count("id"), top=Max("number"))
    assert all(row["n"] == row["top"] for row in numbers)


def test_the_family_network_considered_is_the_childs_related_adults():
    related = set(Relationship.objects.values_list("person_id", "relative_id"))

    members = ContingencyNetworkMember.objects.select_related("contingency__plan_version__plan")
    assert members.count() > 50
    for member in members:
        child_id = member.contingency.plan_version.plan.child_id
        assert (child_id, member.person_id) in related


def test_reviews_sit_inside_their_plan_and_carry_the_plans_child():
    reviews = Meeting.objects.filter(kind="cin_review")
    reviews = reviews.select_related("plan").prefetch_related("children")

    assert reviews.count() > 50
    for review in reviews:
        held = review.held_at.date()
        assert review.plan.started_on <= held
        assert review.plan.ended_on is None or held <= review.plan.ended_on
        assert [c.child_id for c in review.children.all()] == [review.plan.child_id]
        assert review.chair.role in (Role.TEAM_MANAGER, Role.SENIOR_PRACTITIONER)
    no_opportunity = MeetingChild.objects.filter(participation="not_given_opportunity")
    assert not no_opportunity.filter(participation_note="").exists()


# Visits, notes, early help and levels --------------------------------------------------------


def test_visits_happen_only_during_the_childs_episode():
    visits = Visit.objects.select_related("episode", "child")

    assert visits.count() > 500
    for visit in visits:
        assert visit.episode.child_id == visit.child_id
        assert visit.episode.referral_date <= visit.visited_on
        assert visit.episode.closed_on is None or visit.visited_on <= visit.episode.closed_on
        if visit.child_seen:
            assert visit.child.date_of_birth <= visit.visited_on
    assert set(visits.values_list("kind", flat=True)) == {"cin", "cp", "other"}


def test_case_notes_are_final_with_a_date_or_recent_drafts_and_only_finals_are_appended_to():
    drafts = CaseNote.objects.filter(status="draft")

    assert drafts.exists()
    assert not drafts.filter(occurred_on__lt=AS_OF - dt.timedelta(days=14)).exists()
    assert not CaseNote.objects.filter(status="final", finalised_at__isnull=True).exists()
    assert CaseNoteAppendment.objects.exists()
    assert not CaseNoteAppendment.objects.filter(note__status="draft").exists()


def test_early_help_episodes_never_overlap_and_end_after_they_start():
    by_child = defaultdict(list)
    for eh in EarlyHelpEpisode.objects.order_by("started_on", "id"):
        assert eh.ended_on is None or eh.ended_on >= eh.started_on
        assert bool(eh.ended_on) == bool(eh.end_reason)
        by_child[eh.child_id].append(eh)
    for episodes in by_child.values():
        assert sum(e.ended_on is None for e in episodes) <= 1
        for earlier, later in zip(episodes, episodes[1:], strict=False):
            assert earlier.ended_on is not None
            assert earlier.ended_on <= later.started_on


def test_level_transitions_chain_from_no_service():
    by_child = defaultdict(list)
    for move in LevelTransition.objects.order_by("occurred_on", "id"):
        by_child[move.child_id].append(move)

    assert len(by_child) > 150
    for moves in by_child.values():
        assert moves[0].from_level == Level.NONE
        for before, after in zip(moves, moves[1:], strict=False):
            assert after.from_level == before.to_level
    for episode in Episode.objects.filter(closed_on__isnull=True):
        assert by_child[episode.child_id][-1].to_level in (
            Level.CIN,
            Level.CP,
            Level.PRE_PROCEEDINGS,  # legal (issue 5): open pre-proceedings or proceedings
            Level.LOOKED_AFTER,
        )


def test_step_ups_from_early_help_and_step_downs_to_it():
    step_ups = LevelTransition.objects.filter(from_level=Level.EARLY_HELP, to_level=Level.CIN)
    step_downs = LevelTransition.objects.filter(from_level=Level.CIN, to_level=Level.EARLY_HELP)
    carried = EarlyHelpEpisode.objects.filter(stepped_down_from__isnull=False)

    assert step_ups.count() >= 3
    assert step_downs.count() >= 3
    assert carried.count() >= 3
    for eh in EarlyHelpEpisode.objects.filter(end_reason="stepped_up"):
        assert Episode.objects.filter(child=eh.child, referral_date=eh.ended_on).exists()
    for eh in carried.select_related("stepped_down_from"):
        plan = eh.stepped_down_from
        assert plan.child_id == eh.child_id
        assert plan.status == "ended"
        assert plan.ended_on <= eh.started_on


# The deliberate cases (issue 3, item 12) -----------------------------------------------------


def test_late_assessments_completed_and_still_open():
    completed_late = [
        a
        for a in initial_assessments().filter(status="authorised")
        if a.authorised_on > CALENDAR.add_working_days(a.episode.referral_date, 45)
    ]
    still_open_late = (
        initial_assessments().exclude(status="authorised").filter(target_date__lt=AS_OF)
    )

    assert len(completed_late) >= 3
    assert still_open_late.count() >= 3


def test_assessments_due_exactly_today():
    due_today = initial_assessments().exclude(status="authorised").filter(target_date=AS_OF)

    assert due_today.count() >= 3
    for a in due_today:
        assert CALENDAR.add_working_days(a.episode.referral_date, 45) == AS_OF


def test_draft_plans_without_a_complete_contingency():
    drafts = Plan.objects.filter(status="draft").prefetch_related("versions")

    incomplete = [
        plan
        for plan in drafts
        if not contingency_complete(getattr(plan.versions.get(number=1), "contingency", None))
    ]
    assert len(incomplete) >= 3
    assert all(plan.started_on is None for plan in drafts)


def test_outcomes_without_a_measure_on_open_plans():
    unmeasured = Outcome.objects.filter(
        plan_version__plan__in=open_plans(), measure_source="", baseline__isnull=True
    )

    assert unmeasured.values("plan_version__plan").distinct().count() >= 3


def test_latest_reviews_with_no_participation_recorded():
    missing = [
        plan
        for plan in open_plans()
        if (review := latest_review(plan)) and review.children.get().participation == ""
    ]

    assert len(missing) >= 3


def test_two_reviews_in_a_row_answering_no():
    flagged = [
        plan
        for plan in open_plans()
        if [m.making_difference for m in plan.meetings.order_by("-held_at")[:2]] == ["no", "no"]
    ]

    assert len(flagged) >= 3


def test_significant_events_with_no_reassessment_started():
    waiting = []
    for event in SignificantEvent.objects.filter(child__episodes__closed_on__isnull=True):
        assessments = Assessment.objects.filter(child=event.child)
        last_authorised = assessments.aggregate(d=Max("authorised_on"))["d"]
        started_since = assessments.filter(started_on__gte=event.occurred_on).exists()
        if last_authorised and event.occurred_on > last_authorised and not started_since:
            waiting.append(event)

    assert len(waiting) >= 3


def test_cin_visits_due_exactly_today():
    due_today = []
    for plan in Plan.objects.filter(status="active"):
        seen = Visit.objects.filter(
            child=plan.child, child_seen=True, visited_on__gte=plan.started_on
        ).aggregate(last=Max("visited_on"))["last"]
        if CALENDAR.add_working_days(seen or plan.started_on, 20) == AS_OF:
            due_today.append(plan)

    assert len(due_today) >= 3


def test_cin_reviews_due_exactly_today():
    due_today = []
    for plan in Plan.objects.filter(status="active"):
        review = latest_review(plan)
        last = review.held_at.date() if review else plan.started_on
        if add_months(last, 3) == AS_OF:
            due_today.append(plan)

    assert len(due_today) >= 3


def test_contacts_awaiting_a_threshold_decision_due_today_and_overdue():
    waiting = ContactChild.objects.filter(decided_at__isnull=True).select_related("contact")
    due = [CALENDAR.add_working_days(w.contact.received_at.date(), 1) for w in waiting]

    assert sum(d == AS_OF for d in due) >= 3
    assert sum(d < AS_OF for d in due) >= 3
    assert not waiting.exclude(next_step="").exists()


# The demo caseload ---------------------------------------------------------------------------


def test_the_demo_social_worker_holds_a_case_showing_the_whole_journey():
    worker = User.objects.get(username=DEMO_USERNAMES[Role.SOCIAL_WORKER])
    children = Allocation.objects.filter(worker=worker, ended_on__isnull=True).values("child")
    plans = Plan.objects.filter(child__in=children).prefetch_related("versions")

    def shows_the_journey(plan: Plan) -> bool:
        version = current_version(plan)
        return (
            plan.status == "active"
            and plan.episode.assessments.filter(status="authorised", outcome="cin_plan").exists()
            and version is not None
            and contingency_complete(getattr(version, "contingency", None))
            and plan.meetings.exists()
            and Visit.objects.filter(child=plan.child, kind="cin", child_seen=True).exists()
            and CaseNote.objects.filter(child=plan.child).exists()
        )

    assert any(shows_the_journey(plan) for plan in plans.filter(status="active"))
    drafts = plans.filter(status="draft")
    assert any(
        not contingency_complete(getattr(p.versions.get(number=1), "contingency", None))
        for p in drafts
    )


# Rates (volumes.md) --------------------------------------------------------------------------


def test_referral_and_assessment_rates_are_near_the_national_ones():
    referrals = Episode.objects.count()
    assessed = initial_assessments().filter(status="authorised")
    in_time = [
        a
        for a in assessed
        if a.authorised_on <= CALENDAR.add_working_days(a.episode.referral_date, 45)
    ]

    assert 150 <= referrals <= 400
    assert 0.15 <= Episode.objects.filter(is_re_referral=True).count() / referrals <= 0.30
    assert 0.03 <= Episode.objects.filter(referral_nfa=True).count() / referrals <= 0.11
    assert 0.22 <= assessed.filter(outcome__in=NOT_IN_NEED).count() / assessed.count() <= 0.38
    assert 0.75 <= len(in_time) / assessed.count() <= 0.90


def test_open_cases_sources_needs_and_factors_follow_the_national_mix():
    open_now = Episode.objects.filter(closed_on__isnull=True).count()
    sources = Counter(Episode.objects.values_list("source", flat=True))
    needs = Counter(Episode.objects.exclude(primary_need="").values_list("primary_need", flat=True))
    factors = Counter(AssessmentFactor.objects.values_list("code", flat=True))
    domestic_abuse = sum(factors[c] for c in ("3A", "3B", "3C"))

    assert 70 <= open_now <= 160  # the caseloads of ~12 practitioners and the team queues
    assert sources.most_common(1)[0][0] == "6"  # police
    assert needs.most_common(1)[0][0] == "N1"  # abuse or neglect
    assert domestic_abuse == max(
        domestic_abuse, *(n for code, n in factors.items() if code[0] not in "3")
    )
    assert EarlyHelpEpisode.objects.count() >= 45


def test_one_bulk_audit_record_per_journey_model():
    events = AuditEvent.objects.filter(via="seed_demo", action=AuditAction.BULK_CREATE)
    by_model = {e.content_type.model_class(): e.changes["count"][1] for e in events}

    for model in (Episode, Contact, Assessment, Plan, Meeting, Visit, CaseNote, EarlyHelpEpisode):
        assert by_model[model] == model.objects.count()
    assert by_model[AssessmentStatusChange] == AssessmentStatusChange.objects.count()
    assert all(e.actor.role == Role.SYSTEM for e in events)
    assert not Episode.objects.exclude(created_by__role=Role.SYSTEM).exists()


def test_ids_continue_after_the_seed():
    """Rows were inserted with their ids chosen up front; the next insert must not collide."""
    child = Episode.objects.first().child
    event = SignificantEvent.objects.create(
        child=child,
        occurred_on=AS_OF,
        type="other",
        description="Added after seeding",
        created_by=User.objects.get(role=Role.SYSTEM),
        updated_by=User.objects.get(role=Role.SYSTEM),
    )

    assert event.pk > SignificantEvent.objects.exclude(pk=event.pk).aggregate(m=Max("id"))["m"]
