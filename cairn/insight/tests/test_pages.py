"""The scorecard page and its drill-down lists (issue 10; ADR 0028): who may see which area, the
figures shown, the drill-down list's length against its figure, and the child scope."""

import pytest
from django.test import override_settings
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.insight.measures.base import Scope, measures
from cairn.insight.selectors import scorecard
from cairn.insight.tests.page_data import MARCH, TODAY, referred_child

pytestmark = pytest.mark.django_db

READERS = {
    Role.SENIOR_LEADER,
    Role.PERFORMANCE_ANALYST,
    Role.QA_OFFICER,
    Role.SERVICE_MANAGER,
    Role.TEAM_MANAGER,
}


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def referrals(teams):
    """Three children referred in March 2026: two in North, one in South."""
    return [
        referred_child(teams["north"], given_name="Amara"),
        referred_child(teams["north"], given_name="Kofi"),
        referred_child(teams["south"], given_name="Tyler"),
    ]


def _drill(client, key, scope: Scope, month=MARCH):
    url = reverse("insight:drill_down", args=[key])
    return client.get(url, {"area": scope.key, "month": month.strftime("%Y-%m")})


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM], ids=lambda r: r.value)
def test_only_leaders_managers_analysts_and_qa_read_the_scorecard(users, role):
    assert users[role].has_perm("insight.view_scorecard") == (role in READERS)


def test_the_scorecard_is_refused_to_others(client, users):
    for role in (Role.SOCIAL_WORKER, Role.CP_CHAIR, Role.IG_OFFICER, Role.SYSTEM_ADMIN):
        client.force_login(users[role])
        assert client.get(reverse("insight:scorecard")).status_code == 403


def test_the_scorecard_shows_every_measure_by_group_with_its_links(client, users, referrals):
    client.force_login(users[Role.SENIOR_LEADER])
    response = client.get(reverse("insight:scorecard"), {"months": "12"})
    assert response.status_code == 200
    html = response.content.decode()
    shown = [b.key for _, blocks in response.context["groups"] for b in blocks]
    assert shown == [m.key for m in measures()]
    for measure in measures():
        assert f'data-measure="{measure.key}"' in html
        assert reverse("insight:export_csv", args=[measure.key]) in html
        assert reverse("insight:export_xlsx", args=[measure.key]) in html
    # Every chart is an accessible SVG with its own title, and a table of its figures.
    assert html.count('role="img"') == len(measures())
    assert html.count("Figures by month") == len(measures())
    assert "style=" not in html.split('<main class="govuk-main-wrapper"')[1]  # strict CSP
    referrals_block = next(
        b for _, blocks in response.context["groups"] for b in blocks if b.key == "referrals"
    )
    assert referrals_block.latest == "3"
    assert referrals_block.latest_month == "March 2026"
    assert len(referrals_block.months) == 12


def test_a_team_manager_sees_only_their_team_and_a_wider_area_is_an_error(
    client, users, teams, referrals
):
    client.force_login(users[Role.TEAM_MANAGER])
    response = client.get(reverse("insight:scorecard"), {"area": "council"})
    form = response.context["form"]
    assert [c for c, _ in form.fields["area"].choices] == [Scope.team(teams["north"].pk).key]
    assert "area" in form.errors
    card = response.context["card"]
    assert card.scope == Scope.team(teams["north"].pk)
    assert card.row("referrals").latest.value == 2


def test_a_service_manager_chooses_their_service_and_its_teams(client, users, teams):
    client.force_login(users[Role.SERVICE_MANAGER])
    response = client.get(reverse("insight:scorecard"))
    choices = [c for c, _ in response.context["form"].fields["area"].choices]
    assert choices == [
        Scope.service(teams["service"].pk).key,
        Scope.team(teams["north"].pk).key,
        Scope.team(teams["south"].pk).key,
    ]
    assert response.context["card"].scope == Scope.service(teams["service"].pk)


@pytest.mark.parametrize(
    ("area", "expected"), [("council", 3), ("north", 2), ("south", 1), ("service", 3)]
)
def test_the_drill_down_list_is_as_long_as_the_figure(
    client, users, teams, referrals, area, expected
):
    scope = Scope.council() if area == "council" else Scope.team(teams[area].pk)
    if area == "service":
        scope = Scope.service(teams["service"].pk)
    figure = scorecard(scope=scope, months=12, keys=["referrals"]).row("referrals").latest
    assert figure.value == expected

    client.force_login(users[Role.PERFORMANCE_ANALYST])
    response = _drill(client, "referrals", scope)
    assert response.status_code == 200
    drill = response.context["drill"]
    assert drill.total == drill.shown == expected
    assert response.content.decode().count('data-testid="child-row"') == expected
    names = {c.given_name for c in response.context["children"]}
    wanted = {"council": {"Amara", "Kofi", "Tyler"}, "north": {"Amara", "Kofi"}}
    assert names == wanted.get(area, names)


def test_every_latest_figure_links_to_a_list_as_long_as_it(client, users, referrals):
    """Whatever the measure: the children behind each linked latest figure number the figure's
    count (or a share's numerator)."""
    client.force_login(users[Role.SENIOR_LEADER])
    response = client.get(reverse("insight:scorecard"))
    for _, blocks in response.context["groups"]:
        for block in blocks:
            if not block.latest_drill_url or block.behind is None:
                continue
            drill = client.get(block.latest_drill_url).context["drill"]
            assert drill.total == drill.shown == block.behind, block.key


def test_the_drill_down_lists_only_children_the_user_may_see(client, users, teams):
    referred_child(teams["north"], given_name="Amara")
    # Referred while in North, now with the disabled children's team: outside the North
    # manager's child scope, though still behind North's March figure.
    referred_child(teams["north"], given_name="Priya", moved_to=teams["disabled"])
    client.force_login(users[Role.TEAM_MANAGER])
    response = _drill(client, "referrals", Scope.team(teams["north"].pk))
    drill = response.context["drill"]
    assert (drill.total, drill.shown) == (2, 1)
    assert [c.given_name for c in response.context["children"]] == ["Amara"]
    assert 'data-testid="outside-scope"' in response.content.decode()


def test_a_drill_down_outside_the_users_areas_is_refused(client, users, teams, referrals):
    client.force_login(users[Role.TEAM_MANAGER])
    assert _drill(client, "referrals", Scope.council()).status_code == 403
    assert _drill(client, "referrals", Scope.team(teams["south"].pk)).status_code == 403
    assert _drill(client, "no_such_measure", Scope.team(teams["north"].pk)).status_code == 404


def test_a_record_change_shows_on_the_next_view(client, users, teams, referrals):
    client.force_login(users[Role.SENIOR_LEADER])
    url = reverse("insight:scorecard")
    first = client.get(url).context["card"].row("referrals").latest.value
    referred_child(teams["south"], given_name="Leah")
    second = client.get(url).context["card"].row("referrals").latest.value
    assert (first, second) == (3, 4)
