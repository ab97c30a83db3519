"""What the legal seed step's parts share: dates and lengths, and the row collector."""

import datetime as dt
import math
from collections import defaultdict

from cairn.demo.context import SeedContext
from cairn.demo.journeys.rows import Ids


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def weeks_draw(rng, median: float, spread: float = 0.35) -> int:
    """A length in days, log-normal around `median` weeks."""
    return max(14, round(7 * median * math.exp(rng.gauss(0, spread))))


class Rows:
    """Rows to write, with ids handed out up front (journeys.rows.Ids)."""

    def __init__(self, ctx: SeedContext):
        self.ctx = ctx
        self.rng = ctx.rng_for("legal")
        self.as_of = ctx.as_of
        self.ids = Ids(ctx.actor.pk)
        self.rows: dict[type, list] = defaultdict(list)
        self.stats: dict[str, int] = defaultdict(int)

    def add(self, model, **values):
        rec = self.ids.rec(model, **values)
        self.rows[model].append(rec)
        return rec
