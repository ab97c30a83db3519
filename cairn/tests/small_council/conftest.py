"""The small synthetic council (seed 1, as of 31 March 2026), seeded once for this whole package
and rolled back at the end. The issue acceptance checks that read the demo council live here:
every drift rule shown, pages equal to drift_report, returns valid under our validator and the
sector's own tools."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

AS_OF = dt.date(2026, 3, 31)


@pytest.fixture(scope="package")
def small_council(django_db_setup, django_db_blocker):
    """seed_demo --size small --seed 1 --as-of 2026-03-31; returns the command's output."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("seed_demo", size="small", seed=1, as_of=AS_OF.isoformat(), stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def council(small_council, db):
    """The seeded small council, for a test that reads it (each test rolls back its own writes)."""
    return small_council
