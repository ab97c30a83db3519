"""seed_demo's child protection histories in the small council (issue 4, item 10): the records
keep the rules the protection services keep, every child at CP level has them, the deliberate
drift cases are there, and the rates land near the national ones (shared/domain/volumes.md)."""

import datetime as dt
import random
from collections import Counter, defaultdict

import pytest
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.casework.models import Meeting, MeetingKind, Plan, PlanKind, Visit
from cairn.core.working_days import WorkingDayCalendar
from cairn.demo.accounts import DEMO_USERNAMES
from cairn.demo.journeys.base import add_months, days
from cairn.demo.journeys.calendar import WorkingDayTable
from cairn.demo.journeys.protection.schedule import Scheduler
from cairn.demo.tests.conftest import AS_OF, run_seed
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import Level, LevelTransition
from cairn.protection.models import (
    S47_DECISIONS,
    ConferenceDetail,
    CoreGroupMember,
    CPCategory,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    S47Enquiry,
    StrategyDiscussion,
)
from cairn.timescales.engine.plans import cp_midpoint_due, cp_next_review_due

CALENDAR = WorkingDayCalendar()
PROTECTION_MODELS = (
    StrategyDiscussion,
    S47Enquiry,
    ConferenceDetail,
    CPCategory,
    CoreGroupMember,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
)


def cp_plans():
    return Plan.objects.filter(kind=PlanKind.CP)


def open_cp_plans():
    return cp_plans().filter(status="active")


def held(meeting: Meeting):
    return meeting.held_at.date()


def fingerprint() -> dict:
    """The protection records, by value, in id order."""
    return {
        "s47": list(
            S47Enquiry.objects.order_by("pk").values_list(
                "child__la_child_id", "started_on", "ended_on", "icpc_needed", "outcome"
            )
        ),
        "conferences": list(
            ConferenceDetail.objects.order_by("pk").values_list(
                "child__la_child_id", "meeting__kind", "meeting__held_at", "outcome", "category"
            )
        ),
        "plans": list(
            cp_plans()
            .order_by("pk")
            .values_list("child__la_child_id", "started_on", "ended_on", "end_reason")
        ),
        "alerts": list(
            PracticeAlertStage.objects.order_by("pk").values_list(
                "alert__child__la_child_id", "stage", "started_on", "responded_on"
            )
        ),
        "midpoints": list(MidpointReview.objects.order_by("pk").values_list("reviewed_on")),
    }


# Determinism: first in the module, before the module's seeded council exists ----------------


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_protection_histories():
    from django.db import transaction

    prints = []
    for _ in range(2):
        with transaction.atomic():
            run_seed(seed=5)
            prints.append(fingerprint())
            transaction.set_rollback(True)

    assert prints[0]["conferences"]
    assert prints[0] == prints[1]


# The seeded small council ----------------------------------------------------------------------


@pytest.mark.usefixtures("journeys")
class TestRecords:
    def test_every_cp_plan_was_made_by_an_icpc_with_its_category(self):
        plans = cp_plans().prefetch_related("meetings__conference", "categories")

        assert plans.filter(status="active").count() >= 8
        for plan in plans:
            icpcs = [m for m in plan.meetings.all() if m.kind == MeetingKind.ICPC]
            assert len(icpcs) == 1, plan
            conference = icpcs[0].conference
            assert held(icpcs[0]) == plan.started_on
            assert conference.outcome == "cp_plan"
            assert conference.category
            first = plan.categories.all()[0]
            assert (first.category, first.from_on) == (conference.category, plan.started_on)
            assert conference.transfer_in == (conference.s47_id is None)
            assert icpcs[0].chair.role == Role.CP_CHAIR

    def test_every_s47_follows_a_strategy_discussion_that_decided_on_it(self):
        s47s = S47Enquiry.objects.select_related("strategy_discussion__strategy", "episode")

        assert s47s.count() >= 50
        for s47 in s47s:
            meeting = s47.strategy_discussion
            assert meeting.kind == MeetingKind.STRATEGY
            assert meeting.strategy.decision in S47_DECISIONS
            assert held(meeting) == s47.started_on
            assert s47.episode.child_id == s47.child_id
            assert s47.episode.referral_date <= s47.started_on
            assert s47.episode.closed_on is None or (s47.ended_on or AS_OF) <= s47.episode.closed_on
            assert s47.strategy_discussion.children.get().child_id == s47.child_id
        not_needed = s47s.filter(icpc_needed=False)
        assert not_needed.count() >= 10
        assert not not_needed.filter(icpc_not_needed_reason="").exists()
        nfa = StrategyDiscussion.objects.filter(decision="nfa")
        assert nfa.exists()
        assert not S47Enquiry.objects.filter(strategy_discussion__strategy__in=nfa).exists()

    def test_conferences_follow_their_s47_and_are_finalised_by_their_chair(self):
        conferences = ConferenceDetail.objects.select_related("meeting", "s47")

        for c in conferences:
            meeting = c.meeting
            assert meeting.kind in (MeetingKind.ICPC, MeetingKind.RCPC)
            assert meeting.chair.role == Role.CP_CHAIR
            if meeting.finalised_at is not None:
                assert meeting.finalised_by_id == meeting.chair_id
            if c.s47_id:
                assert c.s47.started_on <= held(meeting)
                assert c.s47.icpc_needed is True
        kinds = Counter(conferences.values_list("meeting__kind", "outcome"))
        assert kinds["icpc", "no_plan"] >= 1
        assert kinds["rcpc", "continue"] >= 5
        assert {"end_to_cin", "end_close", "end_to_early_help"} <= {o for _, o in kinds}
        assert conferences.filter(pre_birth=True).exists()
        assert conferences.filter(transfer_in=True).exists()
        assert Meeting.objects.filter(kind=MeetingKind.ICPC, finalised_at__isnull=False).exists()

    def test_review_conferences_end_plans_as_recorded(self):
        for plan in cp_plans().filter(status="ended").prefetch_related("meetings__conference"):
            last = max((m for m in plan.meetings.all() if m.kind == MeetingKind.RCPC), key=held)
            assert held(last) == plan.ended_on
            assert last.conference.outcome.startswith("end_")
            if last.conference.outcome == "end_to_cin":
                carried = plan.carried_to.get()
                assert carried.kind == PlanKind.CIN
                assert carried.started_on == plan.ended_on
            if last.conference.outcome == "end_to_early_help":
                assert EarlyHelpEpisode.objects.filter(
                    stepped_down_from=plan, started_on=plan.ended_on
                ).exists()

    def test_meetings_of_a_plan_sit_inside_it(self):
        meetings = Meeting.objects.filter(plan__kind=PlanKind.CP).select_related("plan")

        assert meetings.filter(kind=MeetingKind.CORE_GROUP).count() >= 20
        for m in meetings:
            assert m.plan.started_on <= held(m)
            assert m.plan.ended_on is None or held(m) <= m.plan.ended_on
            assert m.children.get().child_id == m.plan.child_id

    def test_levels_agree_with_the_plans(self):
        moves = defaultdict(list)
        for move in LevelTransition.objects.order_by("occurred_on", "id"):
            moves[move.child_id].append(move)
        plans = defaultdict(list)
        for plan in cp_plans():
            plans[plan.child_id].append(plan)

        # A return to CP after pre-proceedings (the legal step) is not a new plan.
        for child_id, child_moves in moves.items():
            to_cp = [
                m.occurred_on
                for m in child_moves
                if m.to_level == Level.CP and m.from_level != Level.PRE_PROCEEDINGS
            ]
            assert to_cp == sorted(p.started_on for p in plans[child_id])
            left = {m.occurred_on for m in child_moves if m.from_level == Level.CP}
            legal = any(m.to_level == Level.PRE_PROCEEDINGS for m in child_moves)
            for plan in plans[child_id]:
                if plan.ended_on and not legal:
                    assert plan.ended_on in left

    def test_core_groups_and_midpoint_reviews(self):
        firsts = []
        for plan in cp_plans().prefetch_related("meetings", "core_group_members"):
            groups = sorted(held(m) for m in plan.meetings.all() if m.kind == "core_group")
            if groups:
                firsts.append(CALENDAR.add_working_days(plan.started_on, 10) >= groups[0])
            assert plan.core_group_members.exists()
        assert 0.6 <= sum(firsts) / len(firsts) < 1

        midpoints = MidpointReview.objects.select_related("plan", "chair")
        assert midpoints.count() >= 10
        for review in midpoints:
            assert review.plan.started_on < review.reviewed_on <= AS_OF
            assert review.chair.role == Role.CP_CHAIR
            assert review.child_id == review.plan.child_id

    def test_every_conference_is_held_on_a_working_day(self):
        """No ICPC or review conference on a weekend or bank holiday (CIN census rule 8875)."""
        conferences = Meeting.objects.filter(kind__in=[MeetingKind.ICPC, MeetingKind.RCPC])
        held_on = [timezone.localdate(m.held_at) for m in conferences]

        assert len(held_on) >= 50
        assert [day for day in held_on if not CALENDAR.is_working_day(day)] == []

    def test_practice_alerts_at_every_stage(self):
        stages = PracticeAlertStage.objects.select_related("alert", "recipient")

        assert set(stages.values_list("stage", flat=True)) == {1, 2, 3}
        roles = {1: Role.TEAM_MANAGER, 2: Role.SERVICE_MANAGER}
        for row in stages:
            assert row.response_due_on == CALENDAR.add_working_days(row.started_on, 5)
            if row.stage in roles:
                assert row.recipient.role == roles[row.stage]
            if row.stage < row.alert.stage:
                assert row.escalated_on is not None
        statuses = Counter(PracticeAlert.objects.values_list("status", flat=True))
        assert statuses["open"] >= 2
        assert statuses["resolved"] >= 2
        assert stages.filter(responded_on__isnull=False).exists()
        assert MidpointReview.objects.filter(
            alert_raised=True, practice_alerts__isnull=False
        ).exists()

    def test_cp_visits_some_missed(self):
        visits = Visit.objects.filter(kind="cp")

        assert visits.count() >= 100
        assert visits.filter(child_seen=False).exists()
        for visit in visits.select_related("episode"):
            assert visit.episode.referral_date <= visit.visited_on <= AS_OF

    def test_the_demo_chair_chairs_real_conferences(self):
        chair = User.objects.get(username=DEMO_USERNAMES[Role.CP_CHAIR])
        chaired = Meeting.objects.filter(chair=chair)

        assert chaired.filter(kind=MeetingKind.ICPC, finalised_by=chair).exists()
        assert chaired.filter(kind=MeetingKind.RCPC).exists()
        assert chaired.filter(plan__status="active").exists()
        assert MidpointReview.objects.filter(chair=chair).exists()

    def test_no_constraint_is_broken_and_nothing_is_after_the_as_of_date(self):
        tables = [m._meta.db_table for m in PROTECTION_MODELS]
        connection.check_constraints(table_names=tables)  # foreign keys (deferred until commit)
        for model in PROTECTION_MODELS:
            for row in model.objects.all():
                row.validate_constraints()
        for model, name in (
            (S47Enquiry, "ended_on"),
            (MidpointReview, "reviewed_on"),
            (PracticeAlert, "resolved_on"),
            (PracticeAlertStage, "responded_on"),
            (CPCategory, "from_on"),
        ):
            assert model.objects.aggregate(latest=Max(name))["latest"] <= AS_OF


# Rates (volumes.md) ----------------------------------------------------------------------------


@pytest.mark.usefixtures("journeys")
class TestRates:
    def test_icpc_timeliness_is_near_the_national_share(self):
        icpcs = ConferenceDetail.objects.filter(
            meeting__kind=MeetingKind.ICPC, s47__isnull=False
        ).select_related("meeting", "s47")
        in_time = [
            held(c.meeting) <= CALENDAR.add_working_days(c.s47.started_on, 15) for c in icpcs
        ]

        assert len(in_time) >= 15
        assert 0.65 <= sum(in_time) / len(in_time) <= 0.95  # national 81%

    def test_initial_categories_follow_the_national_mix(self):
        initial = Counter(
            ConferenceDetail.objects.filter(outcome="cp_plan").values_list("category", flat=True)
        )

        assert initial.most_common(1)[0][0] == "NEG"
        assert {"NEG", "EMO"} <= set(initial)
        assert CPCategory.objects.count() >= cp_plans().count()

    def test_repeat_plans_within_24_months(self):
        plans = list(cp_plans().order_by("child_id", "started_on"))
        repeats = 0
        for before, plan in zip(plans, plans[1:], strict=False):
            if before.child_id == plan.child_id and before.ended_on is not None:
                repeats += plan.started_on <= add_months(before.ended_on, 24)

        assert 0.08 <= repeats / len(plans) <= 0.40  # national ~23%

    def test_plan_lengths_spread_from_weeks_to_years(self):
        # Ended plans, and open ones so far: a small council ends only a few dozen plans, so
        # the long ones are as likely to be open still as to have ended.
        ended = [(p.ended_on - p.started_on).days for p in cp_plans().filter(status="ended")]
        open_so_far = [(AS_OF - p.started_on).days for p in open_cp_plans()]

        assert min(ended) < 90
        assert max(ended + open_so_far) > 365


# The deliberate cases (architecture.md: every CP drift rule broken, and exactly on deadline) ----


def latest(child_plans, kind) -> dict:
    rows = Meeting.objects.filter(plan__in=child_plans, kind=kind).values("plan")
    return {r["plan"]: r["last"].date() for r in rows.annotate(last=Max("held_at"))}


@pytest.mark.usefixtures("journeys")
class TestDeliberateCases:
    def test_icpc_overdue_and_due_today(self):
        waiting = S47Enquiry.objects.filter(
            episode__closed_on__isnull=True, icpc_needed=True, conferences__isnull=True
        )
        due = [CALENDAR.add_working_days(s.started_on, 15) for s in waiting]

        assert sum(d < AS_OF for d in due) >= 1
        assert sum(d == AS_OF for d in due) >= 1

    def test_core_group_review_visit_and_midpoint_overdue_and_due_today(self):
        plans = open_cp_plans()
        groups = latest(plans, MeetingKind.CORE_GROUP)
        reviews = latest(plans, MeetingKind.RCPC)
        found = Counter()
        for plan in plans:
            start = plan.started_on
            if plan.pk not in groups:
                found["core_group", _state(CALENDAR.add_working_days(start, 10))] += 1
            review = reviews.get(plan.pk)
            due = add_months(review, 6) if review else add_months(start, 3)
            found["review", _state(due)] += 1
            seen = Visit.objects.filter(
                child=plan.child, kind="cp", child_seen=True, visited_on__gte=start
            ).aggregate(last=Max("visited_on"))["last"]
            found["visit", _state(CALENDAR.add_working_days(seen or start, 10))] += 1
            conference = max(review or start, start)
            midpoint = plan.midpoint_reviews.filter(reviewed_on__gt=conference).exists()
            if not midpoint:
                half = conference + days((due - conference).days // 2)
                found["midpoint", _state(half)] += 1
            found["long", _state(add_months(start, 18))] += 1

        for rule in ("core_group", "review", "visit", "midpoint"):
            assert found[rule, "overdue"] >= 1, rule
            assert found[rule, "today"] >= 1, rule
        assert found["long", "overdue"] >= 1

    def test_a_plan_reaches_18_months_on_the_first_day_it_can(self):
        """No plan reaches 18 months exactly on 31 March (30 September + 18 months is
        30 March); one started on 1 October reaches it the next day."""
        reaching = [add_months(p.started_on, 18) for p in open_cp_plans()]

        assert AS_OF + days(1) in reaching

    def test_practice_alerts_overdue_and_due_today(self):
        waiting = PracticeAlertStage.objects.filter(
            alert__status="open", responded_on__isnull=True, escalated_on__isnull=True
        )
        due = Counter(_state(s.response_due_on) for s in waiting)

        assert due["overdue"] >= 1
        assert due["today"] >= 1

    def test_an_open_plan_repeats_one_that_ended_within_24_months(self):
        flagged = [
            plan
            for plan in open_cp_plans()
            if cp_plans()
            .filter(
                child=plan.child,
                ended_on__lte=plan.started_on,
                ended_on__gte=add_months(plan.started_on, -24),
            )
            .exists()
        ]

        assert flagged


def _state(due) -> str:
    return "overdue" if due < AS_OF else "today" if due == AS_OF else "later"


# The "due today" scenarios' conference dates, for any as-of date (no database) ------------------

TABLE = WorkingDayTable(CALENDAR, dt.date(2023, 1, 1), dt.date(2029, 12, 31))


def scenario_deadline(scenario: str, icpc: dt.date, reviews: tuple) -> dt.date:
    """The deadline the scenario puts on the as-of date, as the timescales engine counts it."""
    last = reviews[-1] if reviews else icpc
    review_due = cp_next_review_due(plan_started=icpc, last_review=last if reviews else None)
    if scenario == "review_due_today":
        return review_due
    return cp_midpoint_due(last_conference=last, next_review=review_due)


def can_fall_due_on(scenario: str, as_of: dt.date) -> bool:
    """Whether some working-day conference (an ICPC, or a review) has its deadline on as_of."""
    for back in range(1, 200):
        day = as_of - days(back)
        if TABLE.is_working_day(day) and as_of in (
            scenario_deadline(scenario, day, ()),
            scenario_deadline(scenario, day - days(90), (day,)),
        ):
            return True
    return False


@pytest.mark.parametrize("as_of", [AS_OF, AS_OF + days(10)])
@pytest.mark.parametrize("scenario", ["review_due_today", "midpoint_due_today"])
def test_the_due_today_scenarios_fall_due_on_the_as_of_dates_the_tests_use(scenario, as_of):
    icpc, reviews = Scheduler(rng=random.Random(1), cal=TABLE, as_of=as_of).due_today(
        frozenset({scenario})
    )

    assert all(TABLE.is_working_day(day) for day in (icpc, *reviews))
    assert scenario_deadline(scenario, icpc, reviews) == as_of


def test_the_midpoint_due_on_31_march_2026_follows_a_review_conference():
    """No weekday ICPC has its midpoint on 31 March 2026 (Sunday 15 February would): the
    scenario holds a review on Wednesday 31 December 2025, due again 30 June."""
    icpc, reviews = Scheduler(rng=random.Random(1), cal=TABLE, as_of=AS_OF).due_today(
        frozenset({"midpoint_due_today"})
    )

    assert reviews == (dt.date(2025, 12, 31),)
    assert icpc < reviews[0] <= add_months(icpc, 3)


@pytest.mark.parametrize("scenario", ["review_due_today", "midpoint_due_today"])
def test_the_due_today_scenarios_never_hold_a_conference_on_a_non_working_day(scenario):
    """Every as-of date over two years: the conferences are on working days, and the deadline
    is on the as-of date whenever a working-day conference can put it there, else later."""
    as_of, exact = dt.date(2025, 6, 1), 0
    while as_of < dt.date(2027, 6, 1):
        schedule = Scheduler(rng=random.Random(1), cal=TABLE, as_of=as_of)
        icpc, reviews = schedule.due_today(frozenset({scenario}))
        due = scenario_deadline(scenario, icpc, reviews)

        assert all(TABLE.is_working_day(day) for day in (icpc, *reviews)), as_of
        assert reviews == () or icpc < reviews[0] <= add_months(icpc, 3), as_of
        if can_fall_due_on(scenario, as_of):
            assert due == as_of, as_of
            exact += 1
        else:
            assert due > as_of, as_of
        plan_long = schedule.open_dates(frozenset({"plan_long_today"}))[1]
        assert TABLE.is_working_day(plan_long), as_of
        assert add_months(plan_long, 18) >= as_of, as_of
        as_of += days(1)
    assert exact > 365
