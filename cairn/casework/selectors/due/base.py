"""The shared parts of "what is due": statuses, items, and the collector each rule adds to."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import models

from cairn.core.working_days import WorkingDayCalendar
from cairn.frontdoor.models import Episode

DUE_SOON_WORKING_DAYS = 5
CIN_VISIT_WORKING_DAYS = 20  # CIN_VISIT_DUE local default
CIN_REVIEW_MONTHS = 3  # CIN_REVIEW_DUE local default
ASSESSMENT_UPDATE_WORKING_DAYS = 10  # ASSESSMENT_UPDATE_DUE local default


class DueStatus(models.TextChoices):
    OVERDUE = "overdue", "Overdue"
    DUE_SOON = "due_soon", "Due soon"
    DUE = "due", "Due"
    FLAG = "flag", "Needs attention"


@dataclass(frozen=True)
class DueItem:
    rule: str
    what: str
    due: dt.date | None
    status: str
    detail: str = ""

    @property
    def status_label(self) -> str:
        return DueStatus(self.status).label


def due_status(*, due: dt.date, today: dt.date, calendar: WorkingDayCalendar) -> str:
    if today > due:
        return DueStatus.OVERDUE
    if due <= calendar.add_working_days(today, DUE_SOON_WORKING_DAYS):
        return DueStatus.DUE_SOON
    return DueStatus.DUE


def long_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


class DueCollector:
    """Collects the items for each child, labelling each deadline as of `today`."""

    def __init__(self, today: dt.date, calendar: WorkingDayCalendar):
        self.today = today
        self.calendar = calendar
        self.items: dict[int, list[DueItem]] = defaultdict(list)

    def add(self, child_id: int, *, rule: str, what: str, due: dt.date, detail: str) -> None:
        status = due_status(due=due, today=self.today, calendar=self.calendar)
        self.items[child_id].append(
            DueItem(rule=rule, what=what, due=due, status=status, detail=detail)
        )


def open_children(child_ids: list[int]) -> set[int]:
    return set(
        Episode.objects.filter(child_id__in=child_ids, closed_on__isnull=True).values_list(
            "child_id", flat=True
        )
    )
