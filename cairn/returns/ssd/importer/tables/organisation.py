"""Departments (teams), professionals (users and their staff records) and involvements
(allocations)."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.core import clock
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer.engine import Item, Loader, Rejection
from cairn.returns.ssd.importer.parsing import RowError
from cairn.returns.ssd.importer.tables.base import (
    Handler,
    dates_in_order,
    kind_of,
)
from cairn.workforce.models import Allocation, StaffRecord

IMPORT_TEAM_KIND = TeamKind.CIN_CP


class Departments(Handler):
    """ssd_department -> accounts.Team (matched by reference, else by name). The hierarchy is
    set once every team exists (`finish`)."""

    table = "ssd_department"

    def __init__(self):
        self.parents: dict[str, str] = {}

    def write(self, loader, rows):
        for r in rows:
            self.parents[r.row_id] = r.values["dept_team_parent_id"]
        names = [r.values["dept_team_name"][:120] for r in rows]
        by_name = dict(Team.objects.filter(name__in=names).values_list("name", "pk"))
        items = [
            Item(
                r.row_id,
                {"name": r.values["dept_team_name"][:120]},
                create_only={"kind": IMPORT_TEAM_KIND},
            )
            for r in rows
        ]

        def match(ids):
            wanted = {r.row_id: r.values["dept_team_name"][:120] for r in rows}
            return {i: by_name[wanted[i]] for i in ids if wanted.get(i) in by_name}

        loader.upsert(kind_of(self.table), Team, items, match=match)

    def finish(self, loader: Loader) -> None:
        """Set each team's parent (dept_team_parent_id), once every team is loaded."""
        parents = self.parents
        pks = loader.pks(self.table, set(parents) | set(parents.values()))
        items = []
        for team_id, parent_id in parents.items():
            if team_id not in pks:
                continue
            if parent_id and parent_id not in pks:
                loader.rejections.append(
                    Rejection(
                        spec.table(self.table).file_name,
                        0,
                        team_id,
                        f"dept_team_parent_id {parent_id!r} is not in ssd_department: the team was "
                        "loaded without its parent team",
                    )
                )
            items.append(Item(team_id, {"parent_id": pks.get(parent_id)}))
        loader.upsert(kind_of(self.table), Team, items)


def _role_for(title: str) -> str:
    lowered = title.lower()
    for role in Role:
        if role.label.lower() == lowered:
            return role.value
    if "manager" in lowered:
        return Role.TEAM_MANAGER
    if "senior" in lowered:
        return Role.SENIOR_PRACTITIONER
    return Role.SOCIAL_WORKER


class Professionals(Handler):
    """ssd_professionals -> accounts.User (cannot sign in until given access) and its
    workforce.StaffRecord."""

    table = "ssd_professionals"
    reads = ("ssd_department",)  # the team, by name

    def check(self, loader, row):
        fte = row.values.get("prof_full_time_equivalency")
        if fte is not None and not 0 <= fte <= 9.99:
            raise RowError(f"prof_full_time_equivalency {fte} is not between 0 and 9.99")
        if len(row.values["prof_social_worker_registration_no"]) > 12:
            raise RowError("prof_social_worker_registration_no is longer than 12 characters")

    def write(self, loader, rows):
        departments = {r.values["prof_professional_department"] for r in rows} - {""}
        team_by_name = dict(Team.objects.filter(name__in=departments).values_list("name", "pk"))
        staff_ids = {r.values["prof_staff_id"] for r in rows} - {""}
        by_username = dict(
            User.objects.filter(username__in=staff_ids).values_list("username", "pk")
        )
        items = []
        for r in rows:
            v = r.values
            given, _, family = v["prof_professional_name"].rpartition(" ")
            username = (v["prof_staff_id"] or f"{loader.system}-{r.row_id}")[:150]
            fields = {
                "username": username,
                "first_name": given[:150],
                "last_name": family[:150],
                "role": _role_for(v["prof_professional_job_title"]),
                "team_id": team_by_name.get(v["prof_professional_department"]),
                "is_agency": bool(v["prof_agency_worker_flag"]),
            }
            if v["prof_full_time_equivalency"] is not None:
                fields["fte"] = Decimal(f"{v['prof_full_time_equivalency']:.2f}")
            items.append(
                Item(
                    r.row_id,
                    fields,
                    create_only={"password": UNUSABLE_PASSWORD_PREFIX, "is_active": False},
                )
            )

        def match(ids):
            names = {r.row_id: r.values["prof_staff_id"] for r in rows}
            return {i: by_username[names[i]] for i in ids if names.get(i) in by_username}

        users = loader.upsert(kind_of(self.table), User, items, match=match)
        records = dict(
            StaffRecord.all_objects.filter(user_id__in=users.values()).values_list("user_id", "pk")
        )
        loader.upsert(
            "staff_record",
            StaffRecord,
            [
                Item(
                    r.row_id,
                    {
                        "user_id": users[r.row_id],
                        "swe_number": r.values["prof_social_worker_registration_no"],
                    },
                    create_only={"started_on": clock.today()},
                )
                for r in rows
            ],
            match=lambda ids: {i: records[users[i]] for i in ids if users[i] in records},
        )


class Involvements(Handler):
    """ssd_involvements -> workforce.Allocation (no worker: the team's unallocated queue)."""

    table = "ssd_involvements"

    def check(self, loader, row):
        dates_in_order(row, "invo_involvement_start_date", "invo_involvement_end_date")
        if not row.values["invo_person_id"]:
            raise RowError("invo_person_id is blank: an allocation is of a child")
        if len(row.values["invo_worker_change_reason"]) > 200:
            raise RowError("invo_worker_change_reason is longer than 200 characters")

    def write(self, loader, rows):
        loader.upsert(
            kind_of(self.table),
            Allocation,
            [
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents["invo_person_id"],
                        "episode_id": r.parents.get("invo_referral_id"),
                        "team_id": r.parents["invo_professional_team"],
                        "worker_id": r.parents.get("invo_professional_id"),
                        "started_on": r.values["invo_involvement_start_date"],
                        "ended_on": r.values["invo_involvement_end_date"],
                        "reason": r.values["invo_worker_change_reason"],
                    },
                    person_id=r.parents["invo_person_id"],
                )
                for r in rows
            ],
        )
