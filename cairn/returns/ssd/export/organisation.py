"""Sources of the organisation tables: departments (teams), professionals, involvements
(allocations)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db.models import (
    Count,
    OuterRef,
    Q,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.core import clock
from cairn.frontdoor.models import Episode
from cairn.returns.ssd import spec
from cairn.returns.ssd.export.ids import (
    CHUNK,
    SmallIds,
    children_only,
    external_id,
)
from cairn.workforce.models import Allocation


def department_rows(ids: SmallIds) -> Iterator[dict]:
    for row in Team.objects.order_by("pk").values("pk", "name", "parent_id", "parent__name"):
        yield {
            "dept_team_id": ids.team(row["pk"]),
            "dept_team_name": row["name"],
            "dept_team_parent_id": ids.team(row["parent_id"]),
            "dept_team_parent_name": row["parent__name"],
        }


def caseload_date(today: dt.date) -> dt.date:
    """The previous 30 September (the workforce census date)."""
    this_year = dt.date(today.year, 9, 30)
    return this_year if today >= this_year else dt.date(today.year - 1, 9, 30)


def professionals_rows(ids: SmallIds) -> Iterator[dict]:
    census = caseload_date(clock.today())
    held = (
        Allocation.objects.filter(worker=OuterRef("pk"), started_on__lte=census)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=census))
        .order_by()
        .values("worker")
        .annotate(n=Count("child", distinct=True))
        .values("n")
    )
    users = (
        User.objects.exclude(role=Role.SYSTEM)
        .order_by("pk")
        .annotate(caseload=Coalesce(Subquery(held), Value(0)))
        .values(
            "pk",
            "username",
            "first_name",
            "last_name",
            "staff_record__swe_number",
            "is_agency",
            "role",
            "caseload",
            "team__name",
            "fte",
        )
    )
    for row in users.iterator(chunk_size=CHUNK):
        yield {
            "prof_professional_id": ids.user(row["pk"]),
            "prof_staff_id": row["username"],
            "prof_professional_name": " ".join(
                p for p in (row["first_name"], row["last_name"]) if p
            ),
            "prof_social_worker_registration_no": row["staff_record__swe_number"],
            "prof_agency_worker_flag": row["is_agency"],
            "prof_professional_job_title": Role(row["role"]).label,
            "prof_professional_caseload": row["caseload"],
            "prof_professional_department": row["team__name"],
            "prof_full_time_equivalency": row["fte"],
        }


def involvements_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(Allocation.objects)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Allocation, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
        )
        .values(
            "ssd_id",
            "worker_id",
            "team_id",
            "child__la_child_id",
            "ssd_episode",
            "started_on",
            "ended_on",
            "reason",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "invo_involvements_id": row["ssd_id"],
            "invo_professional_id": ids.user(row["worker_id"]),
            "invo_professional_role_id": spec.INVOLVEMENT_ROLE if row["worker_id"] else "",
            "invo_professional_team": ids.team(row["team_id"]),
            "invo_person_id": row["child__la_child_id"],
            "invo_referral_id": row["ssd_episode"],
            "invo_involvement_start_date": row["started_on"],
            "invo_involvement_end_date": row["ended_on"],
            "invo_worker_change_reason": row["reason"],
        }
