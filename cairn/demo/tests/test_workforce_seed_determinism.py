"""The seeded workforce is deterministic for a seed and an as-of date. In a module of its own:
it seeds empty databases, while test_workforce_seed.py shares one seeded council."""

import pytest
from django.db import transaction

from cairn.accounts.models import Team
from cairn.demo.tests.conftest import run_seed
from cairn.workforce.models import Absence, OversightEntry, StaffRecord, SupervisionSession


def workforce_fingerprint() -> dict:
    return {
        "records": list(
            StaffRecord.objects.order_by("pk").values_list(
                "user__username", "swe_number", "qualified_on", "started_on", "left_on"
            )
        ),
        "absences": list(
            Absence.objects.order_by("pk").values_list(
                "worker__username", "kind", "starts_on", "expected_end_on", "ended_on"
            )
        ),
        "sessions": list(
            SupervisionSession.objects.order_by("pk").values_list(
                "worker__username", "held_on", "kind"
            )
        ),
        "entries": list(
            OversightEntry.objects.order_by("pk").values_list(
                "child__la_child_id", "recorded_on", "kind", "plan_making_difference"
            )
        ),
        "thresholds": list(Team.objects.order_by("name").values_list("caseload_threshold")),
    }


@pytest.mark.django_db
def test_the_same_seed_builds_the_same_workforce():
    prints = []
    for _ in range(2):
        with transaction.atomic():
            run_seed(seed=3)
            prints.append(workforce_fingerprint())
            transaction.set_rollback(True)

    assert len(prints[0]["sessions"]) > 100
    assert prints[0] == prints[1]
