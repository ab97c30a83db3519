"""Bench step "scorecard" (issue 10, ADR 0028): GET the scorecard page for the whole council
(24 months, every measure with its chart) as a senior leader: the first view, warm views, and
the view just after a record change (a contact recorded through its service); and a team's
page, first and second view.

The record change and everything it causes (the refreshed figures) happen in a transaction that
is rolled back at the end, so the bench leaves the council as it found it.
"""

import time

from django.db import transaction


class _RollBack(Exception):
    pass


def _get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    seconds = time.perf_counter() - started
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} gave {response.status_code}")
    return seconds


def _patched_equals_full(today) -> str:
    """The contacts figures read after the change (patched, ADR 0029) against a computation
    from scratch, for this month and the last, council and every scope; raises if they differ."""
    from cairn.insight.aggregation import read_figures
    from cairn.insight.measures.base import get_measure
    from cairn.insight.measures.periods import last_months
    from cairn.insight.measures.rows import Context

    measure = get_measure("contacts")
    months = last_months(today, 2)
    ctx = Context(today)
    ctx.load_all = True
    scopes = ctx.tree.all_scopes()
    read = read_figures(measures=[measure], months=months, scopes=scopes)[measure.key]
    if read != measure.figures_in(months, scopes, ctx):
        raise RuntimeError("The patched contacts figures differ from a full computation")
    return f"contacts: {len(read)} figures equal a full computation"


def bench_scorecard(warm_runs: int = 5) -> dict:
    from django.test import Client
    from django.urls import reverse

    from cairn.accounts.models import Team, User
    from cairn.accounts.roles import Role, TeamKind
    from cairn.accounts.services import system_actor
    from cairn.core import clock
    from cairn.frontdoor.services.contacts import contact_record
    from cairn.people.models import Person

    leader = (
        User.objects.filter(role__in=(Role.SENIOR_LEADER, Role.PERFORMANCE_ANALYST), is_active=True)
        .order_by("role", "pk")
        .last()
    )
    front_door = (  # the team receiving the contact: the front door, else any team
        Team.objects.filter(kind=TeamKind.FRONT_DOOR).order_by("pk").first()
        or Team.objects.exclude(kind=TeamKind.SERVICE).order_by("pk").first()
    )
    if leader is None or front_door is None:
        return {"skipped": "no senior leader, analyst or front-door team in the council"}
    client = Client()
    client.force_login(leader)
    url = reverse("insight:scorecard") + "?area=council&months=24"
    results: dict = {"url": url, "user_role": leader.role, "first_s": round(_get(client, url), 3)}
    # A team's page, first and second view (its charts are drawn ahead by refresh_scorecard;
    # where they were not, the first view draws them).
    team = Team.objects.filter(kind=TeamKind.CIN_CP).order_by("-pk").first()
    if team is not None:
        team_url = reverse("insight:scorecard") + f"?area=team-{team.pk}&months=24"
        results["team_first_s"] = round(_get(client, team_url), 3)
        results["team_second_s"] = round(_get(client, team_url), 3)
    warm = [_get(client, url) for _ in range(warm_runs)]
    results["warm_s"] = {
        "n": len(warm),
        "best": round(min(warm), 3),
        "median": round(sorted(warm)[len(warm) // 2], 3),
        "max": round(max(warm), 3),
    }
    child = Person.objects.filter(kind="child").order_by("pk").first()
    after: list[float] = []
    try:
        with transaction.atomic():
            contact_record(
                actor=system_actor(),
                received_at=clock.now(),
                source="1A",
                concerns="Bench: a contact recorded to time the scorecard after a change",
                team=front_door,
                children=[child],
                via="bench",
            )
            after.append(_get(client, url))  # the figures touched are patched here
            after.append(_get(client, url))  # and read from the table again here
            results["after_change_checked"] = _patched_equals_full(clock.today())
            raise _RollBack
    except _RollBack:
        pass
    results["after_change_s"] = round(after[0], 3)
    results["after_change_then_warm_s"] = round(after[1], 3)
    return results
