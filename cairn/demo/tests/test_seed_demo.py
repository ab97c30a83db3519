"""seed_demo: determinism, the command-line contract, and what a small council contains."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.casework.models import Assessment, CaseNote, Meeting, Plan, Visit
from cairn.demo.tests.conftest import AS_OF, run_seed
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ContactChild, Episode, LevelTransition
from cairn.people.models import (
    Identifier,
    Person,
    PersonKind,
)
from cairn.workforce.models import Allocation


def fingerprint() -> dict:
    """What must not change between two runs with the same seed and as-of date."""
    return {
        "people": list(
            Person.objects.order_by("pk").values_list(
                "kind",
                "la_child_id",
                "given_name",
                "family_name",
                "date_of_birth",
                "expected_date_of_birth",
                "sex",
                "ethnicity",
            )
        ),
        "identifiers": list(
            Identifier.objects.order_by("pk").values_list("person__la_child_id", "system", "value")
        ),
        "staff": list(User.objects.order_by("pk").values_list("username", "role", "team__name")),
        "allocations": list(
            Allocation.objects.order_by("pk").values_list(
                "child__la_child_id",
                "team__name",
                "worker__username",
                "started_on",
                "ended_on",
                "episode__referral_date",
            )
        ),
        "contacts": list(
            ContactChild.objects.order_by("pk").values_list(
                "child__la_child_id", "contact__received_at", "contact__source", "next_step"
            )
        ),
        "episodes": list(
            Episode.objects.order_by("pk").values_list(
                "child__la_child_id",
                "referral_date",
                "primary_need",
                "is_re_referral",
                "closed_on",
                "closure_reason",
            )
        ),
        "assessments": list(
            Assessment.objects.order_by("pk").values_list(
                "child__la_child_id", "status", "started_on", "target_date", "authorised_on"
            )
        ),
        "plans": list(
            Plan.objects.order_by("pk").values_list(
                "child__la_child_id", "status", "started_on", "ended_on"
            )
        ),
        "reviews": list(
            Meeting.objects.order_by("pk").values_list(
                "plan__child__la_child_id", "held_at", "making_difference"
            )
        ),
        "visits": list(
            Visit.objects.order_by("pk").values_list(
                "child__la_child_id", "visited_on", "child_seen"
            )
        ),
        "levels": list(
            LevelTransition.objects.order_by("pk").values_list(
                "child__la_child_id", "occurred_on", "to_level"
            )
        ),
        "notes": CaseNote.objects.count(),
        "early_help": EarlyHelpEpisode.objects.count(),
    }


def seeded_fingerprint(**options) -> dict:
    """Seed into an empty database, take the fingerprint, and roll the database back."""
    with transaction.atomic():
        run_seed(**options)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


def children():
    return Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN])


# Determinism -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_same_seed_and_date_build_the_same_council():
    first = seeded_fingerprint(seed=7)
    assert Person.objects.count() == 0  # rolled back: the second run starts from empty
    second = seeded_fingerprint(seed=7)

    assert len(first["people"]) > 300
    assert len(first["episodes"]) > 100
    assert len(first["visits"]) > 500
    assert first == second


@pytest.mark.django_db
def test_another_seed_or_date_builds_a_different_council():
    base = seeded_fingerprint(seed=7)
    other_seed = seeded_fingerprint(seed=8)
    later = seeded_fingerprint(seed=7, as_of=AS_OF + dt.timedelta(days=10))

    assert [p[2:4] for p in base["people"]] != [p[2:4] for p in other_seed["people"]]
    # The same people, ten days later: every date moves with the as-of date.
    assert [p[2:4] for p in base["people"]] == [p[2:4] for p in later["people"]]
    shifted = [
        (before[4] + dt.timedelta(days=10), after[4])
        for before, after in zip(base["people"], later["people"], strict=True)
        if before[4]
    ]
    assert all(moved == actual for moved, actual in shifted)


# The command-line contract ------------------------------------------------------------------


@pytest.mark.django_db
def test_if_empty_does_nothing_on_a_seeded_council(small_council):
    people, allocations = Person.objects.count(), Allocation.objects.count()

    output = run_seed(seed=2, if_empty=True)

    assert "nothing to do" in output
    assert (Person.objects.count(), Allocation.objects.count()) == (people, allocations)


@pytest.mark.django_db
def test_seeding_a_seeded_council_without_if_empty_is_refused(small_council):
    with pytest.raises(CommandError, match="already holds"):
        run_seed(seed=2)


@pytest.mark.django_db
def test_if_empty_seeds_an_empty_database():
    output = run_seed(if_empty=True)

    assert "nothing to do" not in output
    assert children().count() == 300


@pytest.mark.django_db
@pytest.mark.parametrize("size", ["huge", "", "SMALL"])
def test_an_unknown_size_is_refused(size):
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("seed_demo", size=size, stdout=StringIO())
    assert Person.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("as_of", ["2026-02-30", "31/03/2026", "yesterday"])
def test_a_bad_as_of_date_is_refused(as_of):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("seed_demo", size="small", as_of=as_of, stdout=StringIO())
    assert User.objects.exclude(role=Role.SYSTEM).count() == 0
