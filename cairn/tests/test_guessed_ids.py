"""A social worker cannot reach another team's child, nor a restricted child, by changing the
id in any URL that names one of a child's records (issue 11 item 7), and every refusal is in the
access log.

The page world (page_world.py) gives the same records to three children: the worker's own
(North), another team's (South) and a restricted North child whose allow list names only the
team manager. Every child-scoped URL is tried with the other two children's ids; pages that only
take POST are tried with an empty POST (the refusal must come before the form is read).
"""

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent, AccessOutcome
from cairn.tests.page_params import ROLE_ONLY, is_child_scoped, pages, url_for

pytestmark = pytest.mark.django_db

CHILD_PAGES = [(name, route) for name, route in pages() if is_child_scoped(name, route)]
# The ways to ask for a restricted record (ADR 0023): open to anyone whose scope includes the
# child, showing no name; refused like any other page for a child outside the user's scope.
ACCESS_ROUTES = {"governance:request_access", "governance:break_glass"}


def _try(client, url):
    response = client.get(url)
    if response.status_code == 405:
        response = client.post(url, {})
    return response


def test_the_child_scoped_pages_are_found():
    names = {name for name, _route in CHILD_PAGES}
    assert len(names) > 100
    assert {"casework:child_detail", "casework:plan_detail", "legal:care_plan"} <= names


@pytest.mark.parametrize("child", ["other", "restricted"])
def test_a_social_worker_cannot_reach_a_child_by_guessing_ids(client, page_world, child):
    worker = page_world["users"][Role.SOCIAL_WORKER]
    person_id = page_world[child]["child"]
    client.force_login(worker)
    reached, unlogged = [], []
    for name, route in CHILD_PAGES:
        url = url_for(name, route, page_world, child)
        before = AccessEvent.objects.filter(actor=worker, outcome=AccessOutcome.DENIED).count()
        response = _try(client, url)
        if child == "restricted" and name in ACCESS_ROUTES:
            assert response.status_code == 200, url
            assert "Ashdown" not in response.content.decode()
            continue
        if response.status_code not in (403, 404):
            reached.append(f"{name} {url}: {response.status_code}")
            continue
        logged = AccessEvent.objects.filter(
            actor=worker, outcome=AccessOutcome.DENIED, person_id=person_id, page=url
        )
        after = AccessEvent.objects.filter(actor=worker, outcome=AccessOutcome.DENIED).count()
        if name not in ROLE_ONLY and (not logged.exists() or after != before + 1):
            unlogged.append(f"{name} {url}")
    assert not reached, "reached by a guessed id:\n" + "\n".join(reached)
    assert not unlogged, "refused but not logged once as denied:\n" + "\n".join(unlogged)


def test_the_restricted_refusal_does_not_name_the_child(client, page_world):
    client.force_login(page_world["users"][Role.SOCIAL_WORKER])
    ids = page_world["restricted"]
    for name, pk in [
        ("casework:child_detail", ids["child"]),
        ("casework:plan_detail", ids["plan"]),
    ]:
        response = client.get(reverse(name, args=[pk]))
        assert response.status_code == 403
        assert "Ashdown" not in response.content.decode()


def test_the_named_manager_still_opens_the_restricted_child(client, page_world):
    client.force_login(page_world["users"][Role.TEAM_MANAGER])
    ids = page_world["restricted"]
    assert client.get(reverse("casework:child_detail", args=[ids["child"]])).status_code == 200
    assert client.get(reverse("casework:plan_detail", args=[ids["plan"]])).status_code == 200
