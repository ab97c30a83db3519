"""The child's page: content, permissions (with the access log), and bounded queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent
from cairn.people.services import relationship_create
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import AdultFactory, AllocationFactory, PersonFactory
from cairn.testing.records_factories import (
    ActivePlanFactory,
    AssessmentFactory,
    ContingencyFactory,
    EpisodeFactory,
    LevelTransitionFactory,
    PlanVersionFactory,
    SignificantEventFactory,
    VisitFactory,
)
from cairn.timescales.engine import alerts_as_of
from cairn.timescales.links import alert_action_url

from .conftest import TODAY

pytestmark = pytest.mark.django_db

# Session and user, permission and scope checks, the access log, navigation, the child, level
# journey, allocation, open episode, the plan and its parts, what is due (the drift engine's
# alerts for the child: one query per rule group, ADR 0016), the family network (3) and the
# chronology (one per source): 41 today, whatever the history.
CHILD_PAGE_MAX_QUERIES = 45
# Child protection: 3 CP due rules; the chair's section (alerts, their stages, midpoint).
CHILD_PAGE_MAX_QUERIES += 6
# Child protection record (issue 4): S47 enquiries (+ their conferences), CP plans (+ their
# categories, previous plans), strategy discussions, conferences, the write check.
CHILD_PAGE_MAX_QUERIES += 8
# Quality (issue 8): AUDIT_ACTION_OVERDUE; the child's audits and open recommendations (2).
CHILD_PAGE_MAX_QUERIES += 3
# Legal (issue 5): legal planning meetings, pre-proceedings, proceedings, looked after (4).
CHILD_PAGE_MAX_QUERIES += 4
# Workforce (issue 6): CASE_OVERSIGHT_DUE; management oversight (latest entries, open actions).
CHILD_PAGE_MAX_QUERIES += 3
# Workforce (issue 6): UNALLOCATED and WORKER_ABSENT (1); social worker changes (1).
CHILD_PAGE_MAX_QUERIES += 2
# The drift engine (ADR 0016): its rule values and PLO_DURATION, PROCEEDINGS_26W; less the
# contingency flag the page no longer works out itself.
CHILD_PAGE_MAX_QUERIES += 2

# Roles that see a North team child (own team, managed teams, or every child).
SEES_NORTH = {
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.PERFORMANCE_ANALYST,
    Role.SENIOR_LEADER,
    Role.IG_OFFICER,
}


def _url(child):
    return reverse("casework:child_detail", args=[child.pk])


def _family(worker, child):
    mother = AdultFactory(given_name="Grace", family_name="Okafor", sex="F")
    father = AdultFactory(given_name="Femi", family_name="Okafor", sex="M")
    relationship_create(
        actor=worker, person=child, relative=mother, type="mother", same_household=True
    )
    relationship_create(
        actor=worker, person=child, relative=father, type="father", same_household=False
    )
    brother = PersonFactory(
        given_name="Tobi", family_name="Okafor", sex="M", date_of_birth=dt.date(2012, 5, 1)
    )
    relationship_create(
        actor=worker, person=brother, relative=mother, type="mother", same_household=True
    )
    return mother, father, brother


def _history(worker, child, episode, size: int):
    plan = ActivePlanFactory(episode=episode, started_on=dt.date(2026, 2, 2))
    ContingencyFactory(plan_version=PlanVersionFactory(plan=plan))
    AssessmentFactory(episode=episode)
    LevelTransitionFactory(child=child, decided_by=worker)
    for n in range(size):
        VisitFactory(
            episode=episode,
            worker=worker,
            visited_on=dt.date(2026, 2, 2) + dt.timedelta(days=n % 40),
        )
        SignificantEventFactory(
            child=child, occurred_on=dt.date(2026, 1, 5) + dt.timedelta(days=n % 60)
        )
        relative = AdultFactory()
        relationship_create(actor=worker, person=child, relative=relative, type="other")
        LevelTransitionFactory(
            child=child,
            decided_by=worker,
            occurred_on=dt.date(2025, 12, 20) + dt.timedelta(days=n),
            from_level="cin" if n % 2 == 0 else "cp",
            to_level="cp" if n % 2 == 0 else "cin",
        )


def test_shows_who_they_are_level_worker_due_plan_family_and_chronology(
    worker_client, worker, open_child, episode
):
    _family(worker, open_child)
    _history(worker, open_child, episode, size=1)

    response = worker_client.get(_url(open_child))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Amara Okafor" in page
    assert open_child.la_child_id in page
    assert reverse("people:person_detail", args=[open_child.pk]) in page
    assert "Child in need" in page  # current level and plan
    assert f"{worker.get_full_name()}, North locality" in page
    # What is due: exactly the drift engine's alerts for the child, most urgent first, each
    # linked to where to act.
    alerts = sorted(alerts_as_of(as_of=TODAY, children=[open_child.pk]), key=lambda a: a.urgency)
    assert {"ASSESSMENT_45WD", "CIN_VISIT_DUE"} <= {a.rule for a in alerts}
    assert [row.rule for row in response.context["page"].alerts] == [a.rule for a in alerts]
    assert page.count('data-rule="') == len(alerts)
    for alert in alerts:
        assert f'data-rule="{alert.rule}"' in page
        assert escape(alert.explanation) in page
        assert f'href="{alert_action_url(alert)}"' in page
    assert "Assessment within 45 working days" in page
    assert "Child in need visit" in page
    assert "Incomplete: missing family network considered" in page  # the plan's contingency
    assert "Open since the referral of 19 December 2025" in page
    # the genogram, with an accessible name and the list beside it
    assert 'role="img"' in page
    assert "Genogram of Amara Okafor&#x27;s family network" in page
    for name in ("Grace Okafor", "Femi Okafor", "Tobi Okafor"):
        assert name in page
    assert "Sibling through Grace Okafor" in page
    assert page.count("<circle") >= 1  # the mother (and Amara)
    assert page.count("<rect") >= 2  # the father and the brother
    assert "View the full chronology" in page
    assert "Latest in the chronology" in page
    assert_access_logged(person=open_child, actor=worker)


@pytest.mark.parametrize("role", [r for r in Role if r != Role.SYSTEM])
def test_permission_matrix_and_access_log(client, users, open_child, role):
    user = users[role]
    client.force_login(user)

    response = client.get(_url(open_child))

    if role in SEES_NORTH:
        assert response.status_code == 200
        assert_access_logged(person=open_child, actor=user, outcome="granted")
    else:
        assert response.status_code == 403
        assert_access_logged(person=open_child, actor=user, outcome="denied")


def test_a_child_in_another_team_is_refused_and_the_attempt_logged(
    worker_client, worker, child_in_south
):
    assert worker_client.get(_url(child_in_south)).status_code == 403
    assert_access_logged(person=child_in_south, actor=worker, outcome="denied")


def test_an_adult_or_unknown_id_is_not_found(worker_client, worker, open_child):
    mother = AdultFactory()
    relationship_create(actor=worker, person=open_child, relative=mother, type="mother")
    assert worker_client.get(_url(mother)).status_code == 404
    assert worker_client.get(reverse("casework:child_detail", args=[999999])).status_code == 404
    assert not AccessEvent.objects.filter(person=mother).exists()


def test_writers_see_the_record_buttons_and_readers_do_not(client, users, open_child):
    client.force_login(users[Role.SOCIAL_WORKER])
    assert "Record a visit" in client.get(_url(open_child)).content.decode()
    client.force_login(users[Role.QA_OFFICER])
    assert "Record a visit" not in client.get(_url(open_child)).content.decode()


def test_a_writer_can_start_a_plan_from_an_open_referral_without_one(
    client, users, open_child, episode
):
    start = reverse("casework:plan_start", args=[open_child.pk])
    client.force_login(users[Role.SOCIAL_WORKER])
    assert start in client.get(_url(open_child)).content.decode()
    client.force_login(users[Role.QA_OFFICER])
    assert start not in client.get(_url(open_child)).content.decode()
    ActivePlanFactory(episode=episode)
    client.force_login(users[Role.SOCIAL_WORKER])
    assert start not in client.get(_url(open_child)).content.decode()


def test_queries_do_not_grow_with_the_history(
    worker_client, worker, open_child, episode, teams, django_assert_max_num_queries
):
    small = PersonFactory()
    AllocationFactory(child=small, team=teams["north"], worker=worker)
    _family(worker, small)
    _history(worker, small, EpisodeFactory(child=small), size=1)
    _family(worker, open_child)
    _history(worker, open_child, episode, size=30)

    with CaptureQueriesContext(connection) as small_page:
        assert worker_client.get(_url(small)).status_code == 200
    assert len(small_page) <= CHILD_PAGE_MAX_QUERIES
    with django_assert_max_num_queries(len(small_page)):
        response = worker_client.get(_url(open_child))
    assert response.status_code == 200
    assert response.content.decode().count("cairn-journey") == 1
    assert len(response.context["page"].journey) == 31
