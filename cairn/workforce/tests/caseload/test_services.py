"""Caseload settings: the council's weights (system administrators, with history) and a
team's threshold (its managers)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.testing.audit import assert_audited
from cairn.workforce.models import CaseloadWeight, CaseType, SupervisionStandard
from cairn.workforce.selectors.caseload import weights_current
from cairn.workforce.services.caseload import (
    caseload_weights_set,
    supervision_standard_set,
    team_caseload_threshold_set,
)


@pytest.mark.django_db
def test_a_system_administrator_changes_weights_and_every_value_is_kept(users):
    admin = users[Role.SYSTEM_ADMIN]

    changed = caseload_weights_set(
        actor=admin, weights={CaseType.CP: Decimal("1.75"), CaseType.CIN: Decimal("1")}
    )
    row = CaseloadWeight.objects.get(case_type=CaseType.CP)
    assert_audited(instance=row, action=AuditAction.CREATE, actor=admin)
    caseload_weights_set(actor=admin, weights={CaseType.CP: Decimal("2")})

    assert changed == [CaseType.CP]  # CIN was already at its default
    assert weights_current()[CaseType.CP] == Decimal("2")
    event = assert_audited(instance=row, action=AuditAction.UPDATE, actor=admin, fields={"weight"})
    assert event.changes["weight"] == ["1.75", "2"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("weight", "message"),
    [
        (None, "Enter the weight for child protection"),
        (Decimal("0"), "The weight for child protection must be more than 0 and at most 10"),
        (Decimal("11"), "The weight for child protection must be more than 0 and at most 10"),
    ],
)
def test_a_weight_out_of_range_is_refused_and_nothing_changes(users, weight, message):
    with pytest.raises(ValidationError) as refused:
        caseload_weights_set(actor=users[Role.SYSTEM_ADMIN], weights={CaseType.CP: weight})
    assert refused.value.message_dict == {CaseType.CP: [message]}
    assert not CaseloadWeight.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [r for r in Role if r not in (Role.SYSTEM_ADMIN, Role.SYSTEM)])
def test_only_a_system_administrator_changes_weights(users, role):
    with pytest.raises(ValidationError, match="Only a system administrator"):
        caseload_weights_set(actor=users[role], weights={CaseType.CP: Decimal("2")})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.TEAM_MANAGER, True),
        (Role.SERVICE_MANAGER, True),
        (Role.SYSTEM_ADMIN, True),
        (Role.SOCIAL_WORKER, False),
        (Role.SENIOR_PRACTITIONER, False),
        (Role.SENIOR_LEADER, False),
        (Role.PERFORMANCE_ANALYST, False),
    ],
)
def test_a_teams_threshold_is_set_by_its_managers(teams, users, role, allowed):
    actor = users[role]
    if not allowed:
        with pytest.raises(ValidationError, match="You cannot change the caseload threshold"):
            team_caseload_threshold_set(actor=actor, team=teams["north"], threshold=18)
        return
    team = team_caseload_threshold_set(actor=actor, team=teams["north"], threshold=18)
    team.refresh_from_db()
    assert team.caseload_threshold == 18
    event = AuditEvent.objects.latest("id")
    assert (event.actor, event.changes) == (actor, {"caseload_threshold": [20, 18]})


@pytest.mark.django_db
def test_a_team_manager_cannot_set_another_teams_threshold(teams, users):
    with pytest.raises(ValidationError):
        team_caseload_threshold_set(
            actor=users[Role.TEAM_MANAGER], team=teams["south"], threshold=18
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("threshold", "message"),
    [(None, "Enter the caseload threshold"), (0, "between 1 and 100"), (101, "between 1 and 100")],
)
def test_a_threshold_out_of_range_is_refused(teams, users, threshold, message):
    with pytest.raises(ValidationError, match=message):
        team_caseload_threshold_set(
            actor=users[Role.TEAM_MANAGER], team=teams["north"], threshold=threshold
        )
    teams["north"].refresh_from_db()
    assert teams["north"].caseload_threshold == 20


@pytest.mark.django_db
def test_a_team_manager_sets_their_teams_supervision_standard(teams, users):
    manager = users[Role.TEAM_MANAGER]
    standard = supervision_standard_set(
        actor=manager,
        team=teams["north"],
        interval_months=2,
        nq_weekly_weeks=4,
        nq_fortnightly_months=6,
    )
    assert_audited(instance=standard, action=AuditAction.CREATE, actor=manager)
    supervision_standard_set(
        actor=manager,
        team=teams["north"],
        interval_months=1,
        nq_weekly_weeks=4,
        nq_fortnightly_months=6,
    )
    assert_audited(
        instance=standard, action=AuditAction.UPDATE, actor=manager, fields={"interval_months"}
    )
    assert SupervisionStandard.objects.get(team=teams["north"]).interval_months == 1


@pytest.mark.django_db
def test_only_a_system_administrator_sets_the_councils_standard(users):
    with pytest.raises(ValidationError, match="You cannot change this supervision standard"):
        supervision_standard_set(
            actor=users[Role.SERVICE_MANAGER],
            team=None,
            interval_months=1,
            nq_weekly_weeks=6,
            nq_fortnightly_months=6,
        )
    standard = supervision_standard_set(
        actor=users[Role.SYSTEM_ADMIN],
        team=None,
        interval_months=1,
        nq_weekly_weeks=6,
        nq_fortnightly_months=6,
    )
    assert standard.team is None


@pytest.mark.django_db
def test_a_fortnightly_period_shorter_than_the_weekly_one_is_refused(teams, users):
    with pytest.raises(ValidationError) as refused:
        supervision_standard_set(
            actor=users[Role.TEAM_MANAGER],
            team=teams["north"],
            interval_months=1,
            nq_weekly_weeks=12,
            nq_fortnightly_months=2,
        )
    assert refused.value.message_dict == {
        "nq_fortnightly_months": [
            "Fortnightly supervision must last until after the weekly weeks end"
        ]
    }
