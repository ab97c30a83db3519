"""Validation results shaped for the census page: each failing rule with the children affected,
each linked to the child's record where Cairn holds a child with that LA child ID."""

from dataclasses import dataclass

from django.urls import reverse

from cairn.people.models import Person

from .validation import Report

SHOWN = 200  # children listed per rule on the page; the rest are counted


@dataclass
class ChildLink:
    la_child_id: str
    url: str | None


@dataclass
class FindingRow:
    code: str
    type: str
    message: str
    count: int
    children: list[ChildLink]
    more: int


def finding_rows(report: Report) -> list[FindingRow]:
    ids = {cid for f in report.findings for cid in f.children[:SHOWN]}
    people = dict(
        Person.objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk")
    )  # one query for every child on the page
    rows = []
    for f in report.findings:
        shown = f.children[:SHOWN]
        links = [
            ChildLink(
                cid, reverse("casework:child_detail", args=[people[cid]]) if cid in people else None
            )
            for cid in shown
        ]
        rows.append(
            FindingRow(f.code, f.type, f.message, f.count, links, len(f.children) - len(shown))
        )
    return rows
