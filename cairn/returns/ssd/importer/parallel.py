"""Load an extract's tables side by side (ADR 22, "Import speed, fourth pass").

A table waits for the tables it refers to (its declared foreign keys, `spec.Table`) and for the
tables its handler reads from the database (`Handler.reads`): those must be committed first.
Tables that do not depend on each other load at the same time, each in a worker process with
its own database connection (processes, not threads: the importer's own Python work is half
the cost, and threads would share one interpreter lock). A worker gets the ids of its parent
tables (external id -> pk, and the ids rejected) and returns its table's counts, rejections and
ids, so the import's report and "parent row rejected" are what a serial run gives.

Inside an outer transaction (a test, a caller's `atomic`) other connections cannot see its rows,
so the tables load one after the other on the caller's connection, as they do on SQLite (one
writer).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, connections

from cairn.returns.ssd import spec
from cairn.returns.ssd.importer.engine import KIND, PARENT_KINDS, Counts, Loader, Rejection
from cairn.returns.ssd.importer.fast import FastInsert

MAX_WORKERS = 8


@dataclass(frozen=True)
class TableLoad:
    """One table of the extract to load: its file, how to make its handler, what it waits for."""

    table: spec.Table
    path: Path
    make_handler: Callable[[], object]
    after: frozenset[str]


@dataclass
class TableResult:
    """What a worker sends back about the table it loaded."""

    counts: Counts
    rejections: list[Rejection]
    rejected: set[str]
    loaded: dict[str, dict[str, int]]  # the parent kinds it wrote: external id -> pk
    written: set[str] = field(default_factory=set)  # models written ("app_label.Model")


def waits_for(table: spec.Table, reads: Iterable[str], present: set[str]) -> frozenset[str]:
    """The tables of this extract that must be loaded before `table`: its foreign keys' tables
    and the tables its handler reads."""
    wanted = {f.fk_table for f in table.foreign_keys if f.fk_table != table.name} | set(reads)
    return frozenset(wanted & present)


def default_workers() -> int:
    """How many tables load at once: one per core (at most MAX_WORKERS) on PostgreSQL outside
    a transaction; otherwise one."""
    if not can_run_side_by_side():
        return 1
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


def can_run_side_by_side() -> bool:
    return connection.vendor == "postgresql" and not connection.in_atomic_block


@contextmanager
def fast_commits():
    """On PostgreSQL, commit each chunk without waiting for the WAL flush (ADR 22, "Import"):
    a crash can lose the last few chunks, which re-running the import loads again (it updates,
    never duplicates). SQLite: nothing to change."""
    if connection.vendor != "postgresql":
        yield
        return
    _synchronous_commit_off()
    try:
        yield
    finally:
        if not connection.needs_rollback:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")


def _synchronous_commit_off() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO off")


def run(loader: Loader, loads: list[TableLoad], *, workers: int) -> set[str]:
    """Load every table, `workers` at a time (parents before the tables that wait for them;
    when a worker is free, the ready table with the most work behind it goes first:
    `critical_path`). Returns the models written in worker processes ("app_label.Model"); the
    serial path's are in FastInsert's cache."""
    if workers <= 1 or not can_run_side_by_side():
        for load in loads:
            _load(loader, load)
        return set()
    priority = critical_path(loads)
    ordered = sorted(loads, key=lambda load: -priority[load.table.name])
    pending = {load.table.name: load for load in ordered}
    done: set[str] = set()
    written: set[str] = set()
    running: dict[Future, str] = {}
    connections.close_all()  # a forked worker must not share the parent's connection
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_start_worker,
        initargs=(loader.system, loader.actor, loader.run_id, loader.progress),
    )
    try:
        while pending or running:
            for name, load in list(pending.items()):
                if len(running) < workers and load.after <= done:
                    parents = {KIND[t] for t in load.after}
                    running[
                        pool.submit(
                            _load_in_worker,
                            load,
                            {t: loader.rejected[t] for t in load.after},
                            {k: loader.loaded[k] for k in parents if k in loader.loaded},
                        )
                    ] = name
                    del pending[name]
            if not running:  # unreachable: parents come first in spec.TABLES
                raise RuntimeError(f"tables wait for each other: {sorted(pending)}")
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                name = running.pop(future)
                result = future.result()  # a fault in the importer stops the import
                loader.counts[name] = result.counts
                loader.rejections += result.rejections
                loader.rejected[name] |= result.rejected
                loader.loaded.update(result.loaded)
                written |= result.written
                done.add(name)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return written


def critical_path(loads: list[TableLoad]) -> dict[str, int]:
    """Each table's lines plus the largest such sum along the tables waiting for it: the work
    that cannot start before it is done, with lines standing for time. Loading the table with
    the most first keeps the workers busy (the CIN episodes, which a chain of tables waits for,
    beside the contacts) instead of leaving a long table to run alone at the end."""
    size = {load.table.name: _lines(load.path) for load in loads}
    waiting: dict[str, list[str]] = defaultdict(list)
    for load in loads:
        for parent in load.after:
            waiting[parent].append(load.table.name)
    rank: dict[str, int] = {}

    def of(name: str) -> int:
        if name not in rank:
            rank[name] = size[name] + max((of(child) for child in waiting[name]), default=0)
        return rank[name]

    for name in size:
        of(name)
    return rank


def _lines(path: Path) -> int:
    """How many lines the file has (read in blocks; a quoted line break counts too)."""
    count = 0
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
    return count


# -- in a worker process ------------------------------------------------------------------------

_worker: Loader | None = None


def _start_worker(system: str, actor, run_id: str, progress) -> None:
    """A worker's loader for the run (forked: the arguments are the parent's objects)."""
    global _worker
    connections.close_all()  # never the parent's: open this process's own
    _worker = Loader(system=system, actor=actor, progress=progress)
    _worker.run_id = run_id
    _synchronous_commit_off()


def _load_in_worker(
    load: TableLoad, rejected: dict[str, set[str]], loaded: dict[str, dict[str, int]]
) -> TableResult:
    loader = _worker
    name = load.table.name
    loader.rejections = []
    loader.counts = {name: Counts()}
    loader.rejected = defaultdict(set, rejected)
    loader.loaded = defaultdict(dict, loaded)
    _load(loader, load)
    return TableResult(
        counts=loader.counts[name],
        rejections=loader.rejections,
        rejected=loader.rejected[name],
        loaded={k: v for k, v in loader.loaded.items() if k not in loaded and k in PARENT_KINDS},
        written={model._meta.label for model in FastInsert._cache},
    )


def _load(loader: Loader, load: TableLoad) -> None:
    handler = load.make_handler()
    loader.load_table(load.table, load.path, handler)
    finish = getattr(handler, "finish", None)
    if finish is not None:
        finish(loader)
