"""Supervision pages: compliance for every team side by side, a worker's sessions, recording a
session (which writes an oversight entry on each child discussed) and a team's standard."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.accounts.models import Team, User
from cairn.casework.selectors.caseload import worker_get
from cairn.casework.views.visits import add_service_errors
from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.core.working_days import council_calendar
from cairn.workforce.forms.caseload import StandardForm
from cairn.workforce.forms.supervision import SupervisionForm
from cairn.workforce.presenters.oversight import entry_views
from cairn.workforce.presenters.supervision import (
    compliance_rows,
    session_rows,
    session_summary,
    worker_supervision_rows,
)
from cairn.workforce.selectors.caseload import case_holding_teams, caseload_team_ids_visible_to
from cairn.workforce.selectors.oversight import oversight_action_owners
from cairn.workforce.selectors.supervision import (
    children_to_discuss,
    standard_for_team,
    standards_by_team,
    supervisees_of,
    supervision_compliance,
    supervision_session_get,
    supervision_sessions_for_worker,
)
from cairn.workforce.services.caseload import supervision_standard_set
from cairn.workforce.services.supervision import supervision_record


def _worker(request: HttpRequest, worker_pk: int) -> User:
    worker = worker_get(pk=worker_pk)
    if worker is None:
        raise Http404
    return worker


def _team(request: HttpRequest, pk: int) -> Team:
    team = case_holding_teams(team_ids=None).filter(pk=pk).first()
    if team is None:
        raise Http404
    return team


@require_GET
@permission_required("workforce.view_supervision", raise_exception=True)
def supervision_overview(request: HttpRequest) -> HttpResponse:
    """Compliance with the supervision standard, every team the user may see side by side
    (the disabled children's team as any other), and the workers overdue."""
    today = clock.today()
    teams = case_holding_teams(team_ids=caseload_team_ids_visible_to(user=request.user))
    compliance = supervision_compliance(teams=teams, day=today, calendar=council_calendar())
    supervisees = {w.pk for w in supervisees_of(supervisor=request.user, day=today)}
    workers = [w for team in compliance for w in team.workers]
    overdue = [w for team in compliance for w in team.overdue]
    return render(
        request,
        "workforce/supervision/overview.html",
        {
            "teams": compliance_rows(compliance),
            "overdue": worker_supervision_rows(overdue, can_record=supervisees),
            "workers": worker_supervision_rows(
                [w for w in workers if w.worker.pk in supervisees], can_record=supervisees
            ),
            "today": today,
        },
    )


@require_GET
@permission_required("workforce.view_worker_supervision", fn=_worker, raise_exception=True)
def worker_supervision(request: HttpRequest, worker_pk: int) -> HttpResponse:
    worker = _worker(request, worker_pk)
    return render(
        request,
        "workforce/supervision/worker.html",
        {
            "worker": worker,
            "rows": session_rows(supervision_sessions_for_worker(worker=worker)),
            "can_record": request.user.has_perm("workforce.record_supervision", worker),
        },
    )


@require_GET
def supervision_session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A session and the oversight entries it wrote, for the worker, the supervisor and the
    managers of the worker's team."""
    session = supervision_session_get(pk=pk)
    if session is None:
        raise Http404
    user = request.user
    if session.supervisor_id != user.pk and not user.has_perm(
        "workforce.view_worker_supervision", session.worker
    ):
        raise PermissionDenied
    return render(
        request,
        "workforce/supervision/session.html",
        {
            "session": session,
            "summary": session_summary(session),
            "entries": entry_views(session.oversight_entries.all(), clock.today()),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("workforce.record_supervision", fn=_worker, raise_exception=True)
def supervision_record_view(request: HttpRequest, worker_pk: int) -> HttpResponse:
    worker = _worker(request, worker_pk)
    children = children_to_discuss(worker=worker, supervisor=request.user)
    form = SupervisionForm(
        request.POST or None, children=children, owners=oversight_action_owners()
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = supervision_record(actor=request.user, worker=worker, **form.service_data())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = session.oversight_entries.count()
            messages.success(
                request,
                f"Supervision saved. {count} child record{'s' if count != 1 else ''} updated",
            )
            return redirect("workforce:supervision_session", pk=session.pk)
    return render(
        request,
        "workforce/supervision/record.html",
        {"worker": worker, "form": form, "has_children": bool(form.children)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("workforce.set_team_settings", fn=_team, raise_exception=True)
def supervision_standard_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A team's supervision standard (its managers or a system administrator)."""
    team = _team(request, pk)
    current = standard_for_team(team.pk, standards_by_team())
    form = StandardForm(
        request.POST or None,
        initial={
            "interval_months": str(current.interval_months),
            "nq_weekly_weeks": current.nq_weekly_weeks,
            "nq_fortnightly_months": current.nq_fortnightly_months,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            supervision_standard_set(actor=request.user, team=team, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Supervision standard of {team.name} saved")
            if request.user.has_perm("workforce.view_team_caseload", team):
                return redirect("workforce:team_caseload", pk=team.pk)
            return redirect("home")
    return render(
        request,
        "workforce/supervision/standard.html",
        {"team": team, "form": form, "own": current.team_id == team.pk},
    )
