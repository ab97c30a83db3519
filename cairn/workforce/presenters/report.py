"""The workforce report shaped for the page and the CSV download: one row per team (and the
total), and one row per month."""

import datetime as dt

from cairn.accounts.models import Team
from cairn.people.presenters import format_date
from cairn.workforce.presenters.formatting import one_decimal, percent
from cairn.workforce.selectors.report import WorkforceMeasures

HEADERS = [
    "Headcount",
    "FTE",
    "Agency share",
    "Established posts (FTE)",
    "Vacancies (FTE)",
    "Turnover (12 months)",
    "Average caseload",
    "Average weighted caseload",
    "Supervised within standard",
]


def measure_cells(m: WorkforceMeasures) -> list[str]:
    return [
        str(m.headcount),
        one_decimal(m.fte),
        percent(m.agency_share),
        one_decimal(m.posts),
        one_decimal(m.vacancies),
        percent(m.turnover),
        one_decimal(m.average_caseload),
        one_decimal(m.weighted_caseload),
        percent(m.supervision_compliance),
    ]


def team_table(
    teams: list[Team], measures: dict[int, WorkforceMeasures], total: WorkforceMeasures
) -> list[list[str]]:
    rows = [[team.name, *measure_cells(measures[team.pk])] for team in teams]
    rows.append(["All teams", *measure_cells(total)])
    return rows


def month_table(points: list[tuple[dt.date, WorkforceMeasures]]) -> list[list[str]]:
    return [[format_date(day), *measure_cells(m)] for day, m in points]
