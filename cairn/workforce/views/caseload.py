"""Caseload pages: a team's caseloads, caseloads by team across a service, the council's
weights and a team's threshold."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.accounts.models import Team
from cairn.casework.views.visits import add_service_errors
from cairn.core import clock
from cairn.workforce.forms.caseload import ThresholdForm, WeightsForm
from cairn.workforce.presenters.caseload import team_rows, worker_rows
from cairn.workforce.selectors.caseload import (
    case_holding_teams,
    caseload_team_ids_visible_to,
    service_caseloads,
    team_caseload,
    weights_current,
)
from cairn.workforce.services.caseload import caseload_weights_set, team_caseload_threshold_set


def _team(request: HttpRequest, pk: int) -> Team:
    team = case_holding_teams(team_ids=None).filter(pk=pk).first()
    if team is None:
        raise Http404
    return team


@require_GET
@permission_required("workforce.view_team_caseloads", raise_exception=True)
def caseloads_start(request: HttpRequest) -> HttpResponse:
    """Where "Team caseloads" leads: a service view for those who see several teams, else the
    manager's own team."""
    if request.user.has_perm("workforce.view_service_caseloads"):
        return redirect("workforce:service_caseloads")
    visible = caseload_team_ids_visible_to(user=request.user) or []
    team = case_holding_teams(team_ids=visible).first()
    if team is None:
        raise Http404("You do not manage a team that holds cases")
    if len(visible) > 1:
        return redirect("workforce:service_caseloads")
    return redirect("workforce:team_caseload", pk=team.pk)


@require_GET
@permission_required("workforce.view_service_caseloads", raise_exception=True)
def service_caseloads_view(request: HttpRequest) -> HttpResponse:
    """Caseload by team: where the pressure is (CASELOAD_HIGH, weighted caseloads, children
    waiting to be allocated)."""
    caseloads = service_caseloads(user=request.user, day=clock.today())
    return render(
        request,
        "workforce/caseload/service.html",
        {"rows": team_rows(caseloads), "today": clock.today()},
    )


@require_GET
@permission_required("workforce.view_team_caseload", fn=_team, raise_exception=True)
def team_caseload_view(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    caseload = team_caseload(team=team, day=clock.today())
    # The team's managers (who may change its settings) also open each worker's caseload.
    can_set = request.user.has_perm("workforce.set_team_settings", team)
    return render(
        request,
        "workforce/caseload/team.html",
        {
            "team": team,
            "caseload": caseload,
            "rows": worker_rows(caseload, link_caseloads=can_set),
            "can_set": can_set,
            "back_to_service": request.user.has_perm("workforce.view_service_caseloads"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("workforce.set_team_settings", fn=_team, raise_exception=True)
def team_threshold_edit(request: HttpRequest, pk: int) -> HttpResponse:
    team = _team(request, pk)
    form = ThresholdForm(request.POST or None, initial={"threshold": team.caseload_threshold})
    if request.method == "POST" and form.is_valid():
        try:
            team_caseload_threshold_set(
                actor=request.user, team=team, threshold=form.cleaned_data["threshold"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Caseload threshold of {team.name} saved")
            return redirect("workforce:team_caseload", pk=team.pk)
    return render(request, "workforce/caseload/threshold.html", {"team": team, "form": form})


@require_http_methods(["GET", "POST"])
@permission_required("workforce.manage_caseload_weights", raise_exception=True)
def caseload_weights_edit(request: HttpRequest) -> HttpResponse:
    """The council's weight per case type (system administrators)."""
    form = WeightsForm(request.POST or None, initial=weights_current())
    if request.method == "POST" and form.is_valid():
        try:
            changed = caseload_weights_set(actor=request.user, weights=dict(form.cleaned_data))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(changed)
            text = {0: "No weights changed", 1: "1 weight changed"}.get(
                count, f"{count} weights changed"
            )
            messages.success(request, text)
            return redirect("workforce:caseload_weights")
    return render(request, "workforce/caseload/weights.html", {"form": form})
