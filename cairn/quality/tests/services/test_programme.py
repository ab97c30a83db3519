"""Planning the programme: cycles, samples (reproducible, exclusions honoured, rule recorded)
and allocation to auditors."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction
from cairn.quality.models import AuditStatus, CaseAudit, CycleKind, ToolVersionStatus
from cairn.quality.services.programme import (
    audit_allocate,
    cycle_create,
    sample_select,
    theme_create,
)
from cairn.testing.audit import assert_audited
from cairn.testing.factories import AllocationFactory, PersonFactory
from cairn.testing.quality_factories import CaseAuditFactory, CycleFactory, ToolVersionFactory
from cairn.testing.records_factories import EpisodeFactory, LevelTransitionFactory

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def open_children(teams, worker):
    """Twelve open children: eight in North (six CIN, two CP), four in South (CIN)."""
    children = []
    for n in range(12):
        child = PersonFactory()
        EpisodeFactory(child=child, referral_date=dt.date(2025, 10, 1))
        team = teams["north"] if n < 8 else teams["south"]
        AllocationFactory(
            child=child,
            team=team,
            worker=worker if n < 8 else None,
            started_on=dt.date(2025, 10, 2),
        )
        if n in (6, 7):
            LevelTransitionFactory(
                child=child, occurred_on=dt.date(2025, 11, 1), from_level="cin", to_level="cp"
            )
        children.append(child)
    closed = PersonFactory()
    EpisodeFactory(
        child=closed,
        referral_date=dt.date(2025, 1, 1),
        closed_on=dt.date(2025, 6, 1),
        closure_reason="RC8",
    )
    return children


def test_a_qa_officer_plans_a_monthly_cycle_with_the_tool_in_use(auditor):
    version = ToolVersionFactory()
    cycle = cycle_create(
        actor=auditor,
        name="April 2026",
        kind=CycleKind.MONTHLY,
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2026, 4, 30),
    )
    assert cycle.tool_version == version
    assert_audited(instance=cycle, action=AuditAction.CREATE, actor=auditor)


def test_a_cycle_needs_a_published_tool_and_a_theme_when_thematic(auditor):
    ToolVersionFactory(status=ToolVersionStatus.DRAFT)
    with pytest.raises(ValidationError) as error:
        cycle_create(
            actor=auditor,
            name="Neglect",
            kind=CycleKind.THEMATIC,
            starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2026, 3, 1),
        )
    assert error.value.message_dict == {
        "name": ["Publish the audit tool before planning a cycle"],
        "ends_on": ["The end date must be on or after the start date"],
        "theme": ["Choose the theme of a thematic audit"],
    }


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.SENIOR_LEADER, Role.CP_CHAIR]
)
def test_only_qa_officers_plan_cycles_and_themes(users, role):
    ToolVersionFactory()
    with pytest.raises(PermissionDenied):
        cycle_create(
            actor=users[role],
            name="April",
            kind=CycleKind.MONTHLY,
            starts_on=dt.date(2026, 4, 1),
            ends_on=dt.date(2026, 4, 30),
        )
    with pytest.raises(PermissionDenied):
        theme_create(actor=users[role], name="Neglect")


def _select(actor, cycle, **options):
    values = {"method": "stratified", "size": 4, "seed": 2026, "exclude_months": 6}
    return sample_select(actor=actor, cycle=cycle, **(values | options))


def test_a_sample_is_reproducible_from_its_recorded_seed(auditor, open_children, manager):
    first = _select(auditor, CycleFactory())
    chosen = set(first.cycle.audits.values_list("child_id", flat=True))
    # Same rule and seed on another cycle (the first cycle's audits are not finished, so
    # leave no exclusion window to compare like with like).
    CaseAudit.objects.update(audited_on=dt.date(2025, 1, 1))
    again = _select(auditor, CycleFactory(), exclude_months=0)
    assert set(again.cycle.audits.values_list("child_id", flat=True)) == chosen
    assert len(chosen) == 4
    assert first.population == 12
    assert "seed 2026" in first.rule
    assert "Stratified by team and level of need" in first.rule
    audit = first.cycle.audits.filter(team__name="North locality").first()
    assert audit.status == AuditStatus.TO_ALLOCATE
    assert audit.worker.role == Role.SOCIAL_WORKER
    assert audit.manager == manager
    assert_audited(instance=first, action=AuditAction.CREATE, actor=auditor)


def test_a_stratified_sample_takes_each_team_and_level_share(auditor, open_children):
    sample = _select(auditor, CycleFactory(), size=6)
    rows = list(sample.cycle.audits.values_list("team__name", "level"))
    # 12 children: North CIN 6, North CP 2, South CIN 4 -> 3, 1, 2 of 6
    assert rows.count(("North locality", "cin")) == 3
    assert rows.count(("North locality", "cp")) == 1
    assert rows.count(("South locality", "cin")) == 2


def test_children_audited_recently_are_left_out(auditor, open_children):
    recent, older, unfinished = open_children[:3]
    CaseAuditFactory(child=recent, audited_on=dt.date(2025, 11, 20))
    CaseAuditFactory(child=older, audited_on=dt.date(2025, 8, 1))  # over 6 months before
    CaseAuditFactory(child=unfinished, audited_on=None)
    sample = _select(auditor, CycleFactory(), size=12, method="random")
    chosen = set(sample.cycle.audits.values_list("child_id", flat=True))
    assert recent.pk not in chosen
    assert unfinished.pk not in chosen
    assert older.pk in chosen
    assert (sample.population, sample.excluded) == (10, 2)
    assert "leaving out 2 audited in the 6 months before" in sample.rule


def test_a_sample_can_be_narrowed_to_teams_and_levels(auditor, open_children, teams):
    sample = _select(auditor, CycleFactory(), size=10, team_ids=[teams["north"].pk], levels=["cp"])
    assert sample.population == 2
    assert set(sample.cycle.audits.values_list("level", flat=True)) == {"cp"}
    assert "North locality" in sample.rule
    assert "Child protection" in sample.rule


def test_a_cycle_has_one_sample_and_an_empty_population_is_refused(auditor, open_children):
    cycle = CycleFactory()
    _select(auditor, cycle)
    with pytest.raises(ValidationError, match="already been drawn"):
        _select(auditor, cycle)
    with pytest.raises(ValidationError, match="No children open on that day"):
        _select(auditor, CycleFactory(), levels=["pre_proceedings"])
    with pytest.raises(ValidationError, match="between 1 and 200"):
        _select(auditor, CycleFactory(), size=0)


def test_allocating_an_audit_to_a_qa_officer(auditor, moderator, open_children, users):
    _select(auditor, CycleFactory())
    audit = CaseAudit.objects.first()
    audit = audit_allocate(actor=auditor, audit=audit, auditor=moderator)
    assert (audit.status, audit.auditor) == (AuditStatus.ALLOCATED, moderator)
    assert_audited(instance=audit, action=AuditAction.UPDATE, actor=auditor, fields={"auditor_id"})
    with pytest.raises(
        ValidationError, match="quality assurance officer or child protection chair"
    ):
        audit_allocate(actor=auditor, audit=audit, auditor=users[Role.SOCIAL_WORKER])
    audit.status = AuditStatus.SUBMITTED
    with pytest.raises(ValidationError, match="cannot become 'Allocated'"):
        audit_allocate(actor=auditor, audit=audit, auditor=auditor)
