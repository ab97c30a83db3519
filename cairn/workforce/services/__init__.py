"""Writes for the workforce: staff records, allocations, absences and cover, supervision."""

from cairn.workforce.services.allocation import (
    allocation_change,
    allocation_current,
    allocation_end,
    allocation_start_error,
    child_allocate,
    episode_allocate,
    worker_error,
)

__all__ = [
    "allocation_change",
    "allocation_current",
    "allocation_end",
    "allocation_start_error",
    "child_allocate",
    "episode_allocate",
    "worker_error",
]
