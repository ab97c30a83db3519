"""What the seed steps share: the context (profile, seed, as-of date, actor, the council built so
far), a writer that bulk-creates in batches and counts rows, and a progress line."""

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.core.management.base import OutputWrapper
from django.db import models

from cairn.accounts.models import User
from cairn.core.audit import audit_bulk_created
from cairn.demo.profiles import SizeProfile

VIA = "seed_demo"
BATCH_SIZE = 5000


class BulkWriter:
    """bulk_create in batches, counting rows per model for the audit records at the end."""

    def __init__(self, batch_size: int = BATCH_SIZE):
        self.batch_size = batch_size
        self.counts: Counter[type[models.Model]] = Counter()

    def create(self, model: type[models.Model], objs: list) -> list:
        if objs:
            model.objects.bulk_create(objs, batch_size=self.batch_size)
            self.counts[model] += len(objs)
        return objs

    def audit(self, *, actor: User) -> None:
        """One audit record per model: the job, the model and how many rows it created."""
        for model, count in self.counts.items():
            audit_bulk_created(actor=actor, model=model, count=count, via=VIA)


class Progress:
    """A one-line progress counter, shown only when the output is a terminal."""

    def __init__(self, out: TextIO | None):
        self.out = out if out is not None and _isatty(out) else None

    def update(self, label: str, done: int, total: int) -> None:
        if self.out is not None:
            width = 30
            filled = int(width * done / total) if total else width
            bar = "#" * filled + "-" * (width - filled)
            _write(self.out, f"\r  {label:<10} [{bar}] {done:,}/{total:,}")

    def finish(self) -> None:
        if self.out is not None:
            _write(self.out, "\r" + " " * 79 + "\r")


def _write(out: Any, text: str) -> None:
    if isinstance(out, OutputWrapper):
        out.write(text, ending="")  # OutputWrapper would otherwise add a newline
    else:
        out.write(text)
    out.flush()


def _isatty(out: Any) -> bool:
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


@dataclass
class SeedContext:
    profile: SizeProfile
    seed: int
    as_of: dt.date
    actor: User
    writer: BulkWriter
    progress: Progress
    council: Any = None  # cairn.demo.council.Council, set by the council step
    notes: dict[str, Any] = field(default_factory=dict)

    def rng_for(self, step: str) -> random.Random:
        """A random stream of its own for each step (string seeds are stable across runs)."""
        return random.Random(f"cairn-demo:{self.seed}:{step}")
