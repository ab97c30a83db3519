import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

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
