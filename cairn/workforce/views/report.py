"""The workforce report: team by measure today, and the last 12 months; CSV download."""

import csv

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.core.working_days import council_calendar
from cairn.people.presenters import format_date
from cairn.workforce.presenters.report import HEADERS, month_table, team_table
from cairn.workforce.selectors.caseload import case_holding_teams, caseload_team_ids_visible_to
from cairn.workforce.selectors.report import council_total, workforce_measures, workforce_over_time


def _report(request: HttpRequest) -> dict:
    today = clock.today()
    calendar = council_calendar()
    teams = list(case_holding_teams(team_ids=caseload_team_ids_visible_to(user=request.user)))
    measures = workforce_measures(teams=teams, day=today, calendar=calendar)
    return {
        "today": today,
        "headers": HEADERS,
        "teams": team_table(teams, measures, council_total(measures.values())),
        "months": month_table(workforce_over_time(teams=teams, today=today, calendar=calendar)),
    }


@require_GET
@permission_required("workforce.view_workforce_report", raise_exception=True)
def workforce_report(request: HttpRequest) -> HttpResponse:
    return render(request, "workforce/report/report.html", _report(request))


@require_GET
@permission_required("workforce.view_workforce_report", raise_exception=True)
def workforce_report_csv(request: HttpRequest) -> HttpResponse:
    """The same figures as the page: the teams today, then the month ends."""
    report = _report(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="workforce-report-{report["today"].isoformat()}.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(["Team", *HEADERS])
    writer.writerows(report["teams"])
    writer.writerow([])
    writer.writerow([f"Month (all teams, to {format_date(report['today'])})", *HEADERS])
    writer.writerows(report["months"])
    return response
