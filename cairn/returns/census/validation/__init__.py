"""Cairn's own CIN census validator: the DfE rules of cin-census.md (errors and queries) as
checks over any return file, ours or anyone's.

The file is read one child at a time (`reading.py`); each rule is a small function over one
child, or over small per-child summaries for the few rules on the whole return, and the engine
runs the rules that apply to the file's census year. Rules are versioned by census year
(`since` / `until`, the year ReferenceDate falls in): e.g. the pre-proceedings rules apply from
2026/27. The rules live in one module per family (`rules_*.py`).
"""

from cairn.returns.census.validation.codes import upn_check_letter
from cairn.returns.census.validation.engine import (
    RULES_BY_CODE,
    Finding,
    Report,
    rules_for,
    validate,
    validate_file,
)
from cairn.returns.census.validation.model import Child, ChildSummary, Header, Return
from cairn.returns.census.validation.reading import parse_return, read_return
from cairn.returns.census.validation.registry import ERROR, QUERY, RULES, Context, Rule, rule

__all__ = [
    "ERROR",
    "QUERY",
    "RULES",
    "RULES_BY_CODE",
    "Child",
    "ChildSummary",
    "Context",
    "Finding",
    "Header",
    "Report",
    "Return",
    "Rule",
    "parse_return",
    "read_return",
    "rule",
    "rules_for",
    "upn_check_letter",
    "validate",
    "validate_file",
]
