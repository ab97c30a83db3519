"""The seed pipeline: a context shared by the steps, a batching writer, and the list of steps.

A step is a function `step(ctx) -> str` that adds one kind of record to the council and returns a
one-line summary. Steps run in order; later ones (contacts, referrals, plans...) read what earlier
ones wrote, from `ctx` (the council's teams and staff) or from the database (children).

Every step draws from its own random stream, `ctx.rng_for(name)`, so adding a step never changes
what the steps before it generate.
"""

import datetime as dt
import time
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from typing import Any, TextIO

from django.conf import settings
from django.db import connection, transaction

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.accounts.services import system_actor
from cairn.demo.context import BulkWriter, Progress, SeedContext
from cairn.demo.council import build_council
from cairn.demo.families import build_children
from cairn.demo.legal import build_legal  # legal and edge of care (issue 5): after the others
from cairn.demo.profiles import SizeProfile
from cairn.demo.quality import build_audits  # quality (issue 8): after the others
from cairn.demo.workforce import build_workforce  # workforce (issue 6): after the journeys
from cairn.people.models import Person
from cairn.timescales.demo import build_alert_history  # drift history (issue 7): last

Step = Callable[[SeedContext], str]


# The steps, in order. Add new record generators (contacts, referrals, plans...) here.
STEPS: list[Step] = [
    build_council,
    build_children,
    build_workforce,
    build_audits,
    build_legal,
    build_alert_history,
]


def council_is_seeded() -> bool:
    """True once anyone but the system actor, or any person, is on record."""
    return User.objects.exclude(role=Role.SYSTEM).exists() or Person.all_objects.exists()


def seed(
    *,
    profile: SizeProfile,
    seed: int,
    as_of: dt.date,
    out: TextIO | None = None,
    steps: Iterable[Step] | None = None,
) -> dict[str, Any]:
    """Build a synthetic council in one transaction. Returns summaries, row counts and timing."""
    started = time.perf_counter()
    log = out.write if out is not None else (lambda _text: None)
    with _no_query_log(), transaction.atomic():
        actor = system_actor()
        ctx = SeedContext(
            profile=profile,
            seed=seed,
            as_of=as_of,
            actor=actor,
            writer=BulkWriter(),
            progress=Progress(out),
        )
        summaries = []
        for step in steps if steps is not None else STEPS:
            summary = step(ctx)
            ctx.progress.finish()
            # Later steps query what earlier ones wrote (the drift history evaluates every rule
            # at twelve dates): without statistics PostgreSQL plans those queries as if the
            # tables were tiny, and one of them ran for over 25 minutes on the large council.
            # ANALYZE inside the transaction samples the rows it has written.
            analyse_tables(ctx.writer.counts)
            summaries.append(summary)
            log(f"  {summary}\n")
        ctx.writer.audit(actor=actor)
    analyse_tables(ctx.writer.counts)
    return {
        "summaries": summaries,
        "counts": {m._meta.label: n for m, n in ctx.writer.counts.items()},
        "seconds": time.perf_counter() - started,
    }


@contextmanager
def _no_query_log():
    """Debug mode logs every query's SQL: for a bulk load that is gigabytes and much slower."""
    debug = settings.DEBUG
    settings.DEBUG = False
    try:
        yield
    finally:
        settings.DEBUG = debug


def analyse_tables(counts: Counter) -> None:
    """Refresh PostgreSQL's planner statistics after a bulk load, as any bulk import should."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in counts:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
