"""The garbage collector's settings for long batch work in one process (an import of millions
of rows, run from a management command: the settings are the whole process's).

Python's cyclic garbage collector runs a pass each time 700 more container objects (dicts,
lists, model instances) have been made than freed, and every so often a full pass over every
object the process holds: Django's models, URL patterns and templates included. A batch that
builds and drops thousands of row dicts a second pays for those passes over and over, though
what it drops is freed by reference counting anyway. On the SSD import of a 167,136-row
extract they were about a third of the importer's CPU (ADR 22, "Import speed, sixth pass").
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# A pass after 50,000 new container objects instead of 700: cycles are still collected while
# the batch runs (the peak memory of that import did not change).
BATCH_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Run the block with the objects that exist now left out of the collector's passes
    (`gc.freeze`: Django's models and the like, which live as long as the process) and with
    passes far apart. Processes forked inside the block start the same way, sharing those
    objects' memory pages with this one instead of copying them when a pass touches them. The
    collector is as before afterwards (`gc.unfreeze`: nothing else in Cairn freezes objects)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(*BATCH_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
