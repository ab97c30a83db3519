"""Run Data to Insight's CIN census validator (PyPI csc-validator-be-cin) on a return file and
print its findings as JSON: {"rule_set": ..., "findings": [{"code", "type", "count",
"children"}]}.

Runs in the oracle virtualenv (.venv-oracles), never in Cairn's: the validator pins pandas 1.5.3.
Usage: .venv-oracles/bin/python d2i_cin.py FILE.xml

The rule set is chosen from the file's ReferenceDate (cin2025_26 for 2026-03-31). A rule that
raises an exception is reported as a finding of type "exception" (some rules raise when they find
a problem: tooling-notes.md).
"""

import contextlib
import copy
import importlib
import io
import json
import sys
import xml.etree.ElementTree as ET

from cin_validator import cin_validator
from cin_validator.rule_engine import RuleContext


def main(path: str) -> int:
    root = ET.parse(path).getroot()  # noqa: S314 - our own test file
    reference = root.findtext("Header/CollectionDetails/ReferenceDate") or ""
    year = int(reference[:4])
    rule_set = f"cin{year - 1}_{str(year)[2:]}"
    registry = importlib.import_module(f"cin_validator.rules.{rule_set}").registry
    data = cin_validator.enum_keys(cin_validator.process_data(cin_validator.convert_data(root)))
    findings = []
    for rule in registry.values():
        ctx = RuleContext(rule)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                rule.func(copy.deepcopy(data), ctx)
        except Exception as exc:  # a finding, not a crash of the oracle
            findings.append(
                {
                    "code": str(rule.code),
                    "type": "exception",
                    "count": 1,
                    "children": [],
                    "detail": f"{type(exc).__name__}: {exc}",
                }
            )
            continue
        issues = [
            ctx.type_zero_issues,
            ctx.type_one_issues,
            ctx.type_two_issues,
            ctx.type_three_issues,
            ctx.la_level_issues,
        ]
        count = max(len(i) for i in issues)
        if count:
            findings.append(
                {
                    "code": str(rule.code),
                    "type": rule.rule_type.value.lower(),
                    "count": int(count),
                    "children": _children(issues, data),
                }
            )
    json.dump({"rule_set": rule_set, "findings": findings}, sys.stdout, indent=1)
    return 0


def _children(issues, data) -> list[str]:
    """LA child IDs at the rows a rule flagged (issue tables have tables_affected and ROW_ID)."""
    by_name = {table.name: frame for table, frame in data.items()}
    found = set()
    for frame in issues[:4]:
        if len(frame) == 0 or not hasattr(frame, "iterrows"):
            continue
        for _, issue in frame.iterrows():
            table = by_name.get(str(issue.get("tables_affected")))
            with contextlib.suppress(Exception):
                found.add(str(table.loc[int(issue["ROW_ID"]), "LAchildID"]))
    return sorted(found)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
