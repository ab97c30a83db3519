"""Reads for the Annex A lists: one generator of row facts per list.

Each generator streams the list's records (one query, read in chunks) and, per chunk of
CHUNK rows, loads what the columns need about those rows' children and episodes with one query
per related table: a bounded number of set-based queries whatever the council's size, never one
per child. A row is a plain dict of facts held in the record; the columns in `lists.py` derive
the cells from it. Removed records are hidden by the models' default managers.

The lists are council-wide statutory returns: they are not scoped to a user (the permission to
export them is checked by the command's caller or the view).
"""

from cairn.returns.annexa.selectors.cases import cin_rows, cp_rows, looked_after_rows
from cairn.returns.annexa.selectors.common import AllocationFacts, ChildFacts, Names
from cairn.returns.annexa.selectors.rows import (
    assessment_rows,
    contact_rows,
    early_help_rows,
    referral_rows,
    s47_rows,
)

__all__ = [
    "AllocationFacts",
    "ChildFacts",
    "Names",
    "assessment_rows",
    "cin_rows",
    "contact_rows",
    "cp_rows",
    "early_help_rows",
    "looked_after_rows",
    "referral_rows",
    "s47_rows",
]
