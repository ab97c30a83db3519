"""Contacts at the front door and early help episodes."""

from __future__ import annotations

from cairn.accounts.models import Team, User
from cairn.accounts.roles import TeamKind
from cairn.core.models import ExternalReference
from cairn.earlyhelp.models import EarlyHelpEndReason, EarlyHelpEpisode
from cairn.frontdoor.models import Contact, ContactChild
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer.engine import Item, Loader, day_start
from cairn.returns.ssd.importer.tables.base import (
    Handler,
    dates_in_order,
    kind_of,
    outcome_flag,
)


def import_team(loader: Loader) -> Team:
    """The team a contact belongs to (ssd_contacts names none): the top team of the imported
    hierarchy (the first imported department with no parent), else a team named for the
    source system."""
    imported = [
        int(pk)
        for pk in ExternalReference.objects.filter(
            system=loader.system, kind=kind_of("ssd_department")
        ).values_list("object_id", flat=True)
    ]
    teams = Team.objects.filter(pk__in=imported).order_by("parent_id", "pk")
    team = teams.filter(parent__isnull=True).first() or teams.first()
    if team is None:
        team, _ = Team.objects.get_or_create(
            name=f"Imported from {loader.system}"[:120], defaults={"kind": TeamKind.FRONT_DOOR}
        )
    return team


class Contacts(Handler):
    """ssd_contacts -> a frontdoor.Contact about one child and its ContactChild (the SSD id)."""

    table = "ssd_contacts"
    reads = ("ssd_department",)  # import_team

    def write(self, loader, rows):
        team = import_team(loader)
        contacts = loader.upsert(
            "contact_record",
            Contact,
            [
                Item(
                    r.row_id,
                    {
                        "received_at": day_start(r.values["cont_contact_date"]),
                        "source": r.values["cont_contact_source_code"],
                        "concerns": str(
                            r.values["cont_contact_outcome_json"].get("COMMENTS") or ""
                        ),
                    },
                    person_id=r.parents["cont_person_id"],
                    create_only={"team_id": team.pk},
                )
                for r in rows
            ],
        )
        loader.upsert(
            kind_of(self.table),
            ContactChild,
            [
                Item(
                    r.row_id,
                    {
                        "contact_id": contacts[r.row_id],
                        "child_id": r.parents["cont_person_id"],
                        "next_step": outcome_flag(
                            spec.CONTACT_NEXT_STEP_FLAG, r.values["cont_contact_outcome_json"]
                        ),
                    },
                    person_id=r.parents["cont_person_id"],
                )
                for r in rows
            ],
        )


END_REASONS = {value: value for value in EarlyHelpEndReason.values}
END_REASONS.update({label.lower(): value for value, label in EarlyHelpEndReason.choices})


class EarlyHelp(Handler):
    table = "ssd_early_help_episodes"

    def check(self, loader, row):
        dates_in_order(row, "earl_episode_start_date", "earl_episode_end_date")

    def write(self, loader, rows):
        workers = {
            u.pk: u.get_full_name()
            for u in User.objects.filter(
                pk__in={r.parents.get("earl_episode_worker_id") for r in rows} - {None}
            )
        }
        items = []
        for r in rows:
            v = r.values
            reason = v["earl_episode_end_reason"]
            end_reason = END_REASONS.get(reason, END_REASONS.get(reason.lower(), ""))
            if v["earl_episode_end_date"] and not end_reason:
                end_reason = EarlyHelpEndReason.OTHER
            items.append(
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents["earl_person_id"],
                        "started_on": v["earl_episode_start_date"],
                        "ended_on": v["earl_episode_end_date"],
                        "reason": v["earl_episode_reason"],
                        "end_reason": end_reason,
                        "lead_organisation": v["earl_episode_organisation"][:120],
                        "lead_practitioner": workers.get(
                            r.parents.get("earl_episode_worker_id"), ""
                        )[:120],
                    },
                    person_id=r.parents["earl_person_id"],
                )
            )
        loader.upsert(kind_of(self.table), EarlyHelpEpisode, items)
