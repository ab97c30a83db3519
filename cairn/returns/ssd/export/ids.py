"""The ids an export writes, and the querying helpers every table's source shares."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce

from cairn.accounts.models import Team, User
from cairn.core.codelists import REFERRAL_SOURCE
from cairn.workforce.models import Allocation

CHUNK = 2000
SOURCE_LABELS = dict(REFERRAL_SOURCE)  # contacts and referrals give the source's label


def external_reference_model() -> type[Model] | None:
    """The importer's kept-ids model (cairn.core ExternalReference), when it exists."""
    try:
        return apps.get_model("core", "ExternalReference")
    except LookupError:
        return None


# References kept for membership, not for the record's own id (a family id per person).
FAMILY_KIND = "family_member"


def external_id(model: type[Model], pk_path: str) -> Any:
    """The SSD id of the `model` row whose primary key is at `pk_path` (e.g. "pk",
    "episode_id"): the id it was imported with when kept, else its primary key as text."""
    own = Cast(F(pk_path), output_field=CharField())
    ref = external_reference_model()
    if ref is None:
        return own
    kept = (
        ref.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=Cast(OuterRef(pk_path), output_field=CharField()),
        )
        .exclude(kind=FAMILY_KIND)
        .order_by("pk")
    )
    return Coalesce(Subquery(kept.values("external_id")[:1]), own)


def la_child_id_of(path: str) -> F:
    return F(f"{path}__la_child_id")


def children_only(qs: QuerySet, path: str = "child") -> QuerySet:
    """Rows of children in the dataset (live people with an LA child ID)."""
    return qs.filter(**{f"{path}__la_child_id__isnull": False, f"{path}__removed_at__isnull": True})


def allocation_at(child: str, day: str) -> QuerySet:
    """The child's allocation on a day (latest started first)."""
    return (
        Allocation.objects.filter(child=OuterRef(child), started_on__lte=OuterRef(day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef(day)))
        .order_by("-started_on", "-pk")
    )


def allocation_ids(child: str, day: str) -> dict:
    """Annotations: the team and worker ids of the child's allocation on the day."""
    at = allocation_at(child, day)
    return {
        "alloc_team": Subquery(at.values("team_id")[:1]),
        "alloc_worker": Subquery(at.values("worker_id")[:1]),
    }


# Team and worker ids are small sets: their export ids are looked up once per export.
@dataclass
class SmallIds:
    teams: dict[int, str]
    users: dict[int, str]

    @classmethod
    def load(cls) -> SmallIds:
        return cls(
            teams=dict(
                Team.objects.annotate(ssd_id=external_id(Team, "pk")).values_list("pk", "ssd_id")
            ),
            users=dict(
                User.objects.annotate(ssd_id=external_id(User, "pk")).values_list("pk", "ssd_id")
            ),
        )

    def team(self, pk: int | None) -> str:
        return self.teams.get(pk, "") if pk is not None else ""

    def user(self, pk: int | None) -> str:
        return self.users.get(pk, "") if pk is not None else ""
