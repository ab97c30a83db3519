"""The seeded workforce (issue 6): staff records and churn, establishment and thresholds,
training, absence and cover, supervision and management oversight. One small council is seeded
for the module (conftest.seeded_small); the determinism test seeds its own."""

import datetime as dt
import re
from collections import Counter, defaultdict

from django.db.models import Max

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.demo.accounts import DEMO_USERNAMES
from cairn.demo.tests.conftest import AS_OF
from cairn.workforce.models import (
    Absence,
    Allocation,
    CaseloadWeight,
    Cover,
    OversightAction,
    OversightEntry,
    OversightKind,
    StaffRecord,
    SupervisionSession,
    SupervisionStandard,
    TeamEstablishment,
    TrainingRecord,
)

REGISTERED = {
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.SENIOR_LEADER,
}


def staff():
    return User.objects.exclude(role=Role.SYSTEM)


# Staff records and churn ---------------------------------------------------------------------


def test_every_member_of_staff_has_a_staff_record(journeys):
    without = staff().filter(staff_record__isnull=True)

    assert not without.exists()
    assert StaffRecord.objects.filter(started_on__gt=AS_OF).count() == 0
    for record in StaffRecord.objects.select_related("user"):
        assert record.user.date_joined.date() == record.started_on


def test_registered_staff_have_unique_social_work_england_numbers(journeys):
    records = StaffRecord.objects.select_related("user")
    numbers = [r.swe_number for r in records if r.user.role in REGISTERED]

    assert all(re.fullmatch(r"SW\d{6}", n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    others = [r for r in records if r.user.role not in REGISTERED]
    assert others
    assert all(r.swe_number == "" and r.qualified_on is None for r in others)
    assert all(r.qualified_on <= r.started_on for r in records if r.user.role in REGISTERED)


def test_leavers_are_inactive_and_hold_nothing_after_leaving(journeys):
    leavers = StaffRecord.objects.filter(left_on__isnull=False).select_related("user")

    assert leavers.count() >= 2
    assert all(r.left_on <= AS_OF and r.started_on <= r.left_on for r in leavers)
    assert all(not r.user.is_active and not r.user.has_usable_password() for r in leavers)
    assert set(staff().filter(is_active=False)) == {r.user for r in leavers}
    held = Allocation.objects.filter(worker__in=[r.user for r in leavers])
    assert held.exists()  # their part of the team's history
    assert not held.filter(ended_on__isnull=True).exists()
    for r in leavers:
        latest = held.filter(worker=r.user).aggregate(latest=Max("ended_on"))["latest"]
        first = held.filter(worker=r.user).order_by("started_on").first()
        assert latest is None or latest <= r.left_on
        assert first is None or first.started_on >= r.started_on


def test_current_staff_were_in_post_for_every_allocation_they_hold(journeys):
    for record in StaffRecord.objects.filter(left_on__isnull=True):
        first = Allocation.objects.filter(worker=record.user_id).order_by("started_on").first()
        assert first is None or record.started_on <= first.started_on


def test_a_newly_qualified_social_worker_is_supervised_weekly_at_first(journeys):
    year_ago = AS_OF - dt.timedelta(days=365)
    nq = StaffRecord.objects.filter(
        user__role=Role.SOCIAL_WORKER, qualified_on__gt=year_ago, left_on__isnull=True
    )

    assert nq.exists()
    for record in nq:
        assert record.started_on >= record.qualified_on
        days = list(
            SupervisionSession.objects.filter(
                worker=record.user_id, held_on__lt=record.started_on + dt.timedelta(weeks=6)
            ).values_list("held_on", flat=True)
        )
        assert days
        assert all(b - a <= dt.timedelta(days=8) for a, b in zip(days, days[1:], strict=False))


def test_demo_accounts_are_current_staff(journeys):
    demo = StaffRecord.objects.filter(user__username__in=DEMO_USERNAMES.values())

    assert demo.count() == len(DEMO_USERNAMES)
    assert not demo.filter(left_on__isnull=False).exists()


# Establishment, thresholds, council defaults, training --------------------------------------


def test_each_team_has_funded_posts_at_least_its_filled_fte_with_some_vacancies(journeys):
    vacancies = 0
    for team in Team.objects.all():
        current = TeamEstablishment.objects.filter(team=team, from_on__lte=AS_OF).last()
        filled = sum(u.fte for u in team.members.filter(is_active=True))
        assert current is not None
        assert current.posts_fte >= filled
        vacancies += current.posts_fte - filled
    assert vacancies >= 1


def test_some_teams_have_workers_over_their_caseload_threshold_and_some_do_not(journeys):
    counts = Counter(
        Allocation.objects.filter(ended_on__isnull=True, worker__isnull=False).values_list(
            "worker_id", flat=True
        )
    )
    over, under = set(), set()
    for user in staff().filter(pk__in=counts).select_related("team"):
        (over if counts[user.pk] > user.team.caseload_threshold else under).add(user.team_id)

    assert over
    assert under - over


def test_the_council_has_caseload_weights_and_a_supervision_standard(journeys):
    assert CaseloadWeight.objects.count() == 6
    standard = SupervisionStandard.objects.get(team__isnull=True)
    assert (standard.interval_months, standard.nq_weekly_weeks) == (1, 6)


def test_training_records_include_expired_and_in_date_courses(journeys):
    records = TrainingRecord.objects.all()

    assert records.values("staff").distinct().count() == staff().count()
    assert records.filter(expires_on__lt=AS_OF).exists()
    assert records.filter(expires_on__gte=AS_OF).exists()
    assert not records.filter(completed_on__gt=AS_OF).exists()


# Absence and cover ---------------------------------------------------------------------------


def test_some_workers_are_away_today_with_cover_and_some_without(journeys):
    away = Absence.objects.filter(starts_on__lte=AS_OF, ended_on__isnull=True)
    covered = {
        c.absence_id
        for c in Cover.objects.filter(absence__in=away, starts_on__lte=AS_OF, ends_on__gte=AS_OF)
    }

    assert any(a.pk in covered for a in away)
    assert any(a.pk not in covered for a in away)
    assert not away.filter(worker__username__in=DEMO_USERNAMES.values()).exists()
    assert Absence.objects.filter(kind="planned").exists()
    assert Absence.objects.filter(kind="unplanned").exists()


def test_absences_do_not_overlap_and_cover_comes_from_the_team(journeys):
    by_worker = defaultdict(list)
    for a in Absence.objects.order_by("starts_on"):
        end = a.ended_on or a.expected_end_on or AS_OF
        assert a.starts_on <= AS_OF
        assert end >= a.starts_on
        by_worker[a.worker_id].append((a.starts_on, end))
    for spells in by_worker.values():
        assert all(e1 < s2 for (_, e1), (s2, _) in zip(spells, spells[1:], strict=False))
    for cover in Cover.objects.select_related("absence__worker", "cover_worker"):
        assert cover.cover_worker.team_id == cover.absence.worker.team_id
        assert cover.cover_worker != cover.absence.worker


# Supervision and oversight -------------------------------------------------------------------


def compliance(sessions) -> dict[int, float]:
    """Per team: the share of gaps between a worker's sessions within 35 days (monthly)."""
    by_worker = defaultdict(list)
    for worker, team, day in sessions.values_list("worker", "worker__team", "held_on"):
        by_worker[(worker, team)].append(day)
    kept, gaps = Counter(), Counter()
    for (_, team), days in by_worker.items():
        days.sort()
        for a, b in zip(days, days[1:], strict=False):
            gaps[team] += 1
            kept[team] += (b - a).days <= 35
    return {team: kept[team] / gaps[team] for team in gaps}


def test_supervision_is_clearly_less_regular_in_the_disabled_childrens_team(journeys):
    rates = compliance(SupervisionSession.objects.all())
    weaker = Team.objects.get(name__icontains="disabled children").pk

    others = [rate for team, rate in rates.items() if team != weaker]
    assert len(others) >= 2
    assert rates[weaker] < 0.5
    assert min(others) > 0.85


def test_every_child_discussed_in_supervision_has_one_oversight_entry(journeys):
    entries = OversightEntry.objects.filter(supervision_session__isnull=False).select_related(
        "supervision_session"
    )
    pairs = Counter(entries.values_list("supervision_session", "child"))

    assert entries.count() > 100
    assert set(pairs.values()) == {1}
    assert not entries.exclude(kind=OversightKind.SUPERVISION).exists()
    allocations = defaultdict(list)
    for a in Allocation.objects.exclude(worker=None):
        allocations[(a.worker_id, a.child_id)].append(a)
    for entry in entries:
        session = entry.supervision_session
        assert entry.manager_id == session.supervisor_id
        assert entry.recorded_on == session.held_on
        held = allocations[(session.worker_id, entry.child_id)]
        assert any(
            a.started_on <= session.held_on and (a.ended_on is None or session.held_on < a.ended_on)
            for a in held
        )


def test_managers_record_decisions_authorisations_and_actions(journeys):
    kinds = Counter(OversightEntry.objects.values_list("kind", flat=True))
    actions = OversightAction.objects.all()

    assert kinds[OversightKind.DECISION] > 0
    assert kinds[OversightKind.AUTHORISATION] > 0
    assert actions.filter(status="done", done_on__lte=AS_OF).exists()
    assert actions.filter(status="open").exists()
    assert not actions.filter(status="done", done_on__isnull=True).exists()
    assert not OversightEntry.objects.filter(recorded_on__gt=AS_OF).exists()
    assert not SupervisionSession.objects.filter(held_on__gt=AS_OF).exists()


def test_sessions_are_held_by_the_workers_manager_while_in_post(journeys):
    records = {r.user_id: r for r in StaffRecord.objects.all()}
    for worker, manager, day in SupervisionSession.objects.values_list(
        "worker", "supervisor", "held_on"
    ).iterator():
        record = records[worker]
        assert record.started_on <= day
        assert record.left_on is None or day <= record.left_on
        assert manager == User.objects.get(pk=worker).manager_id


def test_the_workforce_load_is_audited_in_bulk(journeys):
    audited = set(
        AuditEvent.objects.filter(action=AuditAction.BULK_CREATE).values_list(
            "content_type__model", flat=True
        )
    )

    assert {
        "staffrecord",
        "teamestablishment",
        "trainingrecord",
        "absence",
        "cover",
        "supervisionsession",
        "oversightentry",
        "oversightaction",
    } <= audited
