"""What the small council holds: staff and demo accounts, children and their families,
caseloads, identifiers and the audit of the bulk load. One council is seeded for the module."""

import datetime as dt
from collections import Counter
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.core.models import AuditAction, AuditEvent
from cairn.demo.accounts import DEMO_PASSWORD, DEMO_USERNAMES
from cairn.demo.tests.conftest import AS_OF
from cairn.people.identifiers import nhs_number_error, upn_error
from cairn.people.models import (
    Address,
    Disability,
    Identifier,
    IdentifierSystem,
    Person,
    PersonKind,
    Relationship,
    RelationshipType,
)
from cairn.people.names import name_keys
from cairn.people.selectors import child_list_allocated_to
from cairn.workforce.models import Allocation


def children():
    return Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN])


def age_on(dob: dt.date, day: dt.date) -> int:
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


def test_progress_is_not_drawn_when_output_is_not_a_terminal(journeys):
    assert "\r" not in journeys
    assert "300 children" in journeys


# Staff and demo accounts ---------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
def test_every_role_has_a_demo_account_that_can_sign_in(journeys, role):
    username = DEMO_USERNAMES[role]

    user = authenticate(username=username, password=DEMO_PASSWORD)

    assert user is not None
    assert user.role == role
    assert user.is_active
    assert authenticate(username=username, password="wrong-password-123") is None


def test_other_seeded_staff_cannot_sign_in(journeys):
    others = User.objects.exclude(username__in=DEMO_USERNAMES.values()).exclude(role=Role.SYSTEM)

    assert others.count() > 5
    assert not any(u.has_usable_password() for u in others)


def test_demo_accounts_command_lists_every_demo_account(journeys):
    out = StringIO()
    call_command("demo_accounts", stdout=out)

    lines = out.getvalue().splitlines()
    for role, username in DEMO_USERNAMES.items():
        line = next(line for line in lines if line.startswith(username + " "))
        assert Role(role).label in line
        assert DEMO_PASSWORD in line


def test_small_council_structure(journeys):
    kinds = Counter(Team.objects.values_list("kind", flat=True))
    staff = User.objects.exclude(role=Role.SYSTEM)

    assert kinds[TeamKind.LEADERSHIP] == 1
    assert kinds[TeamKind.SERVICE] == 1
    case_kinds = (TeamKind.ASSESSMENT, TeamKind.CIN_CP, TeamKind.CHILDREN_IN_CARE)
    assert sum(kinds[k] for k in case_kinds) == 3
    assert 20 <= staff.count() <= 30
    assert {u.role for u in staff} == {r for r in Role if r != Role.SYSTEM}
    # Everyone but the director has a manager; social workers report to their team's manager.
    assert staff.filter(manager__isnull=True).count() == 1
    for sw in staff.filter(role=Role.SOCIAL_WORKER):
        assert sw.manager.role == Role.TEAM_MANAGER
        assert sw.manager.team_id == sw.team_id
    assert staff.filter(is_agency=True).exists()
    assert staff.filter(fte__lt=1).exists()


# Children and their records -----------------------------------------------------------------


def test_demo_social_worker_has_a_caseload(journeys):
    worker = User.objects.get(username=DEMO_USERNAMES[Role.SOCIAL_WORKER])

    current = Allocation.objects.filter(worker=worker, ended_on__isnull=True)

    assert 8 <= current.count() <= 14
    assert child_list_allocated_to(user=worker).count() == current.count()


def test_caseloads_queues_and_closed_cases(journeys):
    current = Allocation.objects.filter(ended_on__isnull=True)
    per_worker = Counter(current.exclude(worker=None).values_list("worker_id", flat=True))

    assert len(per_worker) >= 9
    assert all(8 <= n <= 14 for n in per_worker.values())
    assert current.filter(worker__isnull=True).exists()  # a team's unallocated queue
    assert Allocation.objects.filter(ended_on__isnull=False).count() > 100
    assert not Allocation.objects.filter(started_on__gt=AS_OF).exists()
    assert not Allocation.objects.filter(ended_on__gt=AS_OF).exists()
    holders = User.objects.filter(pk__in=per_worker).values_list("role", flat=True)
    assert set(holders) <= {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER}
    # Every child has a history: at least a contact about them, and perhaps referrals.
    assert children().exclude(contacts__isnull=False).count() == 0


def test_every_seeded_identifier_is_valid_and_unique(journeys):
    nhs = list(
        Identifier.objects.filter(system=IdentifierSystem.NHS).values_list("value", flat=True)
    )
    upns = list(
        Identifier.objects.filter(system=IdentifierSystem.UPN).values_list("value", flat=True)
    )

    assert len(nhs) > 0.8 * children().count()
    assert len(upns) > 100
    assert [n for n in nhs if nhs_number_error(n)] == []
    assert [u for u in upns if upn_error(u)] == []
    assert len(set(nhs)) == len(nhs)
    assert len(set(upns)) == len(upns)
    assert len(set(children().values_list("la_child_id", flat=True))) == children().count()


def test_upn_or_a_reason_for_every_born_child(journeys):
    with_upn = set(
        Identifier.objects.filter(system=IdentifierSystem.UPN).values_list("person_id", flat=True)
    )
    for child in children().filter(kind=PersonKind.CHILD):
        if child.pk in with_upn:
            assert child.upn_unknown_reason == ""
            assert age_on(child.date_of_birth, AS_OF) >= 5
        elif age_on(child.date_of_birth, AS_OF) < 5:
            assert child.upn_unknown_reason == "UN1"
        else:
            assert child.upn_unknown_reason in {"UN2", "UN3", "UN4", "UN5", "UN6"}


def test_unborn_children_have_sex_unknown_and_an_expected_date(journeys):
    unborn = children().filter(kind=PersonKind.UNBORN)

    assert unborn.exists()
    for child in unborn:
        assert child.sex == "U"
        assert child.date_of_birth is None
        assert child.expected_date_of_birth > AS_OF
        assert not child.identifiers.exists()


def test_characteristics_follow_national_shares(journeys):
    total = children().count()
    sex = Counter(children().values_list("sex", flat=True))
    disabled = (
        Disability.objects.exclude(code="NONE").values_list("person_id", flat=True).distinct()
    )

    assert 0.45 < sex["M"] / total < 0.61
    assert 0.37 < sex["F"] / total < 0.53
    assert 0 < sex["U"] / total < 0.05
    assert 0.06 < len(disabled) / total < 0.22
    assert Counter(children().values_list("ethnicity", flat=True)).most_common(1)[0][0] == "WBRI"
    assert all(p.date_of_birth <= AS_OF for p in children().filter(kind=PersonKind.CHILD))
    # A child recorded with no disability has NONE alone.
    for person_id in disabled:
        assert not Disability.objects.filter(person_id=person_id, code="NONE").exists()


def test_families_link_children_to_adults_and_siblings(journeys):
    mothers = Relationship.objects.filter(type=RelationshipType.MOTHER)
    siblings = Relationship.objects.filter(type=RelationshipType.SIBLING)

    assert mothers.count() > 0.8 * children().count()
    assert all(r.relative.kind == PersonKind.ADULT for r in mothers.select_related("relative"))
    assert all(r.person.is_child for r in mothers.select_related("person"))
    assert siblings.exists()
    assert all(
        r.person.is_child and r.relative.is_child
        for r in siblings.select_related("person", "relative")
    )
    assert Relationship.objects.filter(same_household=False).exists()
    assert Address.objects.filter(ended_on__isnull=False).exists()
    assert not Address.objects.filter(started_on__gt=AS_OF).exists()


def test_name_search_keys_are_set(journeys):
    for person in Person.objects.all():
        keys = name_keys(given_name=person.given_name, family_name=person.family_name)
        assert keys == {field: getattr(person, field) for field in keys}


def test_one_bulk_audit_record_per_model(journeys):
    events = AuditEvent.objects.filter(via="seed_demo", action=AuditAction.BULK_CREATE)
    by_model = {e.content_type.model_class(): e.changes["count"][1] for e in events}

    assert by_model[Person] == Person.objects.count()
    assert by_model[Allocation] == Allocation.objects.count()
    assert by_model[User] == User.objects.exclude(role=Role.SYSTEM).count()
    assert by_model[Team] == Team.objects.count()
    assert len(events) == len(by_model)  # one record per model, not per row
    assert all(e.actor.role == Role.SYSTEM for e in events)
    assert Person.objects.exclude(created_by__role=Role.SYSTEM).count() == 0
