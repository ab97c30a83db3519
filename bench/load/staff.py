"""Sign-ins for the load scenario: real seeded case-holding staff, with a password for one run.

Seeded staff cannot sign in (their passwords are unusable; only the ten demo accounts have one).
`accounts_prepare` gives N case-holding social workers and senior practitioners a random
password made for this run, and lists for each the children the locust users will search for,
open and visit (only children that account may see, and for visits may record on). After the
run `accounts_restore` puts their old (unusable) password hashes back.

It writes to the database, so it is only for a benchmark copy: `bench/load/run.py` refuses to
call it without `--yes-this-is-a-bench-database`, and it refuses production settings itself.
Needs Django set up (run.py does that). Not part of the test suite.
"""

import os
import random
import secrets

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

CASE_HOLDERS = ("social_worker", "senior_practitioner")
CHILDREN_PER_ACCOUNT = 20


class NotABenchDatabase(RuntimeError):
    """Raised when asked to change passwords outside a benchmark database."""


def _refuse_production() -> None:
    module = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    if module.endswith(".production") or getattr(settings, "SESSION_COOKIE_SECURE", False):
        raise NotABenchDatabase(f"Refusing to set bench passwords with settings {module!r}.")


def _case_holders(rng: random.Random, count: int) -> list:
    """Up to `count` signed-in-able case holders with at least one allocated child, fixed order."""
    from cairn.accounts.models import User
    from cairn.accounts.selectors import has_left
    from cairn.core import clock
    from cairn.workforce.models import Allocation

    holders = set(
        Allocation.objects.filter(ended_on__isnull=True, worker__isnull=False).values_list(
            "worker_id", flat=True
        )
    )
    today = clock.today()
    staff = [
        user
        for user in User.objects.filter(role__in=CASE_HOLDERS, is_active=True, pk__in=holders)
        .select_related("staff_record", "team")
        .order_by("pk")
        if not has_left(user, today=today)
    ]
    return rng.sample(staff, min(count, len(staff)))


def _children_for(user, rng: random.Random, open_children: set[int]) -> dict:
    """Children the account may open (its caseload), may record a visit on, and names to search."""
    from cairn.people.models import Person
    from cairn.people.selectors import child_list_allocated_to, child_list_visible_to

    caseload = list(child_list_allocated_to(user=user)[:CHILDREN_PER_ACCOUNT])
    pages = [c for c in caseload if user.has_perm("casework.view_record", c)]
    visits = [
        c for c in pages if c.pk in open_children and user.has_perm("casework.write_record", c)
    ]
    visible = list(child_list_visible_to(user=user).values_list("pk", flat=True).order_by("pk"))
    chosen = rng.sample(visible, min(CHILDREN_PER_ACCOUNT, len(visible)))
    searchable = [
        p
        for p in Person.objects.filter(pk__in=chosen).order_by("pk")
        if user.has_perm("people.view_person", p)
    ]

    def row(child):
        return {"pk": child.pk, "name": child.full_name, "la_child_id": child.la_child_id}

    return {
        "pages": [row(c) for c in pages],
        "visits": [row(c) for c in visits],
        "searches": [row(c) for c in searchable],
    }


@transaction.atomic
def accounts_prepare(*, count: int, seed: int = 1) -> tuple[list[dict], dict[int, str]]:
    """Give `count` case holders one fresh password; return their sign-ins and old hashes."""
    from cairn.accounts.models import User
    from cairn.frontdoor.models import Episode

    _refuse_production()
    rng = random.Random(seed)
    open_children = set(
        Episode.objects.filter(closed_on__isnull=True).values_list("child_id", flat=True)
    )
    password = secrets.token_urlsafe(18)
    accounts, old_hashes = [], {}
    for user in _case_holders(rng, count):
        children = _children_for(user, rng, open_children)
        if not children["pages"]:
            continue
        old_hashes[user.pk] = user.password
        accounts.append(
            {"username": user.username, "password": password, "role": user.role, **children}
        )
    User.objects.filter(pk__in=old_hashes).update(password=make_password(password))
    return accounts, old_hashes


@transaction.atomic
def accounts_restore(old_hashes: dict[int, str]) -> None:
    """Put back the password hashes the accounts had before the run."""
    from cairn.accounts.models import User

    _refuse_production()
    for pk, hashed in old_hashes.items():
        User.objects.filter(pk=pk).update(password=hashed)
