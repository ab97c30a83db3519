import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

AS_OF = dt.date(2026, 3, 31)


def run_seed(*, seed: int = 1, as_of: dt.date = AS_OF, **options) -> str:
    out = StringIO()
    call_command(
        "seed_demo", size="small", seed=seed, as_of=as_of.isoformat(), stdout=out, **options
    )
    return out.getvalue()


@pytest.fixture
def small_council(db):
    """A small council seeded with seed 1 as of 31 March 2026; returns the command's output."""
    return run_seed()


@pytest.fixture(scope="module")
def seeded_small(django_db_setup, django_db_blocker):
    """One small council (seed 1, as of 31 March 2026) for a whole test module, rolled back at
    the end: seeding takes seconds, and these tests only read it."""
    with django_db_blocker.unblock(), transaction.atomic():
        output = run_seed()
        yield output
        transaction.set_rollback(True)


@pytest.fixture
def journeys(seeded_small, db):
    """The seeded small council, for a test that reads it."""
    return seeded_small
