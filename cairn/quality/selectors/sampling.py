"""The population an audit sample is drawn from: children open to children's social care on the
as-of date, with their team, level of need, worker and manager, less those audited recently."""

import datetime as dt
from collections.abc import Sequence

from django.db.models import CharField, Exists, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.core.dates import add_months
from cairn.frontdoor.models import Episode, Level, LevelTransition
from cairn.people.models import Person
from cairn.quality.models import CaseAudit
from cairn.quality.sampling import Candidate
from cairn.workforce.models import Allocation


def recently_audited_q(*, as_of: dt.date, months: int) -> Q:
    """Audits that exclude a child: finished within `months` before `as_of`, or not finished."""
    cutoff = add_months(as_of, -months)
    return Q(audited_on__gte=cutoff, audited_on__lte=as_of) | Q(audited_on__isnull=True)


def sample_candidates(
    *,
    as_of: dt.date,
    exclude_months: int,
    team_ids: Sequence[int] = (),
    levels: Sequence[str] = (),
) -> tuple[list[Candidate], int]:
    """The eligible children and how many were excluded as recently audited.

    Open on `as_of`: a referral on or before it, not closed by it. Team and worker: the
    allocation in force that day. Level: the latest level transition on or before it (a child
    with an open referral and none recorded is a child in need). Manager: the worker's manager,
    else the team's team manager. Three queries whatever the council's size.
    """
    open_episode = Episode.objects.filter(child=OuterRef("pk"), referral_date__lte=as_of).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gt=as_of)
    )
    allocation = (
        Allocation.objects.filter(child=OuterRef("pk"), started_on__lte=as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=as_of))
        .order_by("-started_on", "-id")
    )
    level = (
        LevelTransition.objects.filter(child=OuterRef("pk"), occurred_on__lte=as_of)
        .order_by("-occurred_on", "-id")
        .values("to_level")[:1]
    )
    recent = CaseAudit.objects.filter(child=OuterRef("pk")).filter(
        recently_audited_q(as_of=as_of, months=exclude_months)
    )
    rows = (
        Person.objects.filter(Exists(open_episode))
        .annotate(
            team=Subquery(allocation.values("team_id")[:1]),
            worker=Subquery(allocation.values("worker_id")[:1]),
            worker_manager=Subquery(allocation.values("worker__manager_id")[:1]),
            need=Coalesce(Subquery(level), Value(Level.CIN), output_field=CharField()),
            recent=Exists(recent),
        )
        .exclude(need__in=[Level.NONE, Level.CLOSED])
    )
    if team_ids:
        rows = rows.filter(team__in=list(team_ids))
    if levels:
        rows = rows.filter(need__in=list(levels))
    values = list(
        rows.order_by("pk").values_list("pk", "team", "worker", "worker_manager", "need", "recent")
    )
    team_managers = dict(
        User.objects.filter(role=Role.TEAM_MANAGER, is_active=True, team__isnull=False)
        .order_by("-pk")
        .values_list("team_id", "pk")
    )
    candidates, excluded = [], 0
    for child_id, team_id, worker_id, manager_id, need, recent_audit in values:
        if recent_audit:
            excluded += 1
            continue
        candidates.append(
            Candidate(
                child_id=child_id,
                team_id=team_id,
                level=need,
                worker_id=worker_id,
                manager_id=manager_id or team_managers.get(team_id),
            )
        )
    return candidates, excluded


def team_choices() -> list[tuple[int, str]]:
    """Teams that hold children's cases, for narrowing a sample."""
    not_case_holding = [
        TeamKind.SERVICE,
        TeamKind.LEADERSHIP,
        TeamKind.SAFEGUARDING_QA,
        TeamKind.PERFORMANCE,
    ]
    teams = Team.objects.exclude(kind__in=not_case_holding).order_by("name")
    return list(teams.values_list("pk", "name"))


def team_names(team_ids: Sequence[int]) -> list[str]:
    return list(Team.objects.filter(pk__in=list(team_ids)).values_list("name", flat=True))
