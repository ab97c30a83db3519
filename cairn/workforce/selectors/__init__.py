"""Reads for the workforce: staff, allocations, absences and cover, caseloads, supervision."""

from cairn.workforce.selectors.allocation import (
    CASE_HOLDING_TEAM_KINDS,
    team_list_for_allocation,
    worker_list_for_allocation,
)

__all__ = [
    "CASE_HOLDING_TEAM_KINDS",
    "team_list_for_allocation",
    "worker_list_for_allocation",
]
