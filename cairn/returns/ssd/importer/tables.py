"""Where each SSD table's rows go in Cairn (the inverse of export.py; ADR 22, "Import").

One handler per table: `check` adds the rules a row must meet beyond its declared types
(raise RowError), `write` turns valid rows into Cairn records through `Loader.upsert`, which
audits each record and keeps the SSD ids as ExternalReference rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    AssessmentOutcome,
    AssessmentStatus,
    Attendance,
    AttendeeRole,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.casework.models.meetings import PARTICIPATION_PN_CODE, AgencyKind, ParticipationMode
from cairn.casework.models.visits import Visit, VisitKind
from cairn.core import clock
from cairn.core.models import ExternalReference
from cairn.core.working_days import council_calendar
from cairn.earlyhelp.models import EarlyHelpEndReason, EarlyHelpEpisode
from cairn.frontdoor.models import Contact, ContactChild, Episode
from cairn.people.models import (
    Address,
    Disability,
    Identifier,
    ImmigrationStatus,
    Person,
    PersonKind,
)
from cairn.people.names import name_keys
from cairn.protection.models import (
    ConferenceDetail,
    ConferenceOutcome,
    CPCategory,
    S47Enquiry,
    S47Outcome,
)
from cairn.returns.ssd import spec
from cairn.returns.ssd.importer.engine import KIND, Item, Loader, Rejection, Row, day_start
from cairn.returns.ssd.importer.parsing import RowError, json_flag
from cairn.workforce.models import Allocation, StaffRecord

ASSESSMENT_WORKING_DAYS = 45
IMPORT_TEAM_KIND = TeamKind.CIN_CP


def _kind(table: str) -> str:
    return KIND[table]


class Handler:
    table: str
    # Tables whose records `write` reads from the database besides its foreign keys' tables:
    # they are loaded (committed) first when tables load side by side (parallel.py).
    reads: tuple[str, ...] = ()

    def check(self, loader: Loader, row: Row) -> None:
        """Rules across a row's fields (dates in order, flags that go together)."""

    def write(self, loader: Loader, rows: list[Row]) -> None:
        raise NotImplementedError


def _after(row: Row, start: str, end: str) -> None:
    first, last = row.values.get(start), row.values.get(end)
    if first and last and last < first:
        raise RowError(f"{end} {last.isoformat()} is before {start} {first.isoformat()}")


def _outcome_flag(mapping: dict[str, str], data: dict[str, Any], default: str = "") -> str:
    """The Cairn value whose SSD flag is set (the first in the mapping's order)."""
    for value, key in mapping.items():
        if json_flag(data, key):
            return value
    return default


# ---------------------------------------------------------------------------------------------
# Organisation


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

        loader.upsert(_kind(self.table), Team, items, match=match)

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
        loader.upsert(_kind(self.table), Team, items)


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

        users = loader.upsert(_kind(self.table), User, items, match=match)
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


# ---------------------------------------------------------------------------------------------
# People


class People(Handler):
    """ssd_person -> people.Person: the SSD person id is the LA child ID. UPN, NHS number and
    legacy id become Identifier rows."""

    table = "ssd_person"

    def __init__(self, linked: set[tuple[str, str, str]] | None = None):
        # (person id, system, value) that ssd_linked_identifiers holds: loaded there, in its
        # order and with its ids and dates, not here.
        self.linked = linked or set()

    def check(self, loader, row):
        v = row.values
        if len(row.row_id) > 20:
            raise RowError("pers_person_id is longer than 20 characters (the LA child ID)")
        if v["pers_dob"] and v["pers_expected_dob"]:
            raise RowError("pers_dob and pers_expected_dob are both set: give one")
        if not v["pers_dob"] and v["pers_expected_dob"] and v["pers_sex"] not in ("", "U"):
            raise RowError("an unborn child's pers_sex must be U")
        _after(row, "pers_dob", "pers_death_date")
        for name, limit in (
            ("pers_forename", 100),
            ("pers_surname", 100),
            ("pers_upn", 40),
            ("pers_single_unique_id", 40),
            ("pers_legacy_id", 40),
        ):
            if len(v[name]) > limit:
                raise RowError(f"{name} is longer than {limit} characters")

    def write(self, loader, rows):
        items = []
        for r in rows:
            v = r.values
            unborn = not v["pers_dob"] and bool(v["pers_expected_dob"])
            fields = {
                "kind": PersonKind.UNBORN if unborn else PersonKind.CHILD,
                "la_child_id": r.row_id,
                "given_name": v["pers_forename"],
                "family_name": v["pers_surname"],
                "date_of_birth": v["pers_dob"],
                "expected_date_of_birth": v["pers_expected_dob"],
                "date_of_death": v["pers_death_date"],
                "sex": v["pers_sex"] or "U",
                "gender_identity": v["pers_gender"] or "00",
                "ethnicity": v["pers_ethnicity"] or "NOBT",
                "upn_unknown_reason": v["pers_upn_unknown"],
                **name_keys(given_name=v["pers_forename"], family_name=v["pers_surname"]),
            }
            items.append(Item(r.row_id, fields))

        def match(ids):
            return dict(
                Person.all_objects.filter(la_child_id__in=ids).values_list("la_child_id", "pk")
            )

        people = loader.upsert(_kind(self.table), Person, items, match=match)
        for system, column in (
            ("upn", "pers_upn"),
            ("nhs", "pers_single_unique_id"),
            ("legacy", "pers_legacy_id"),
        ):
            wanted = [
                r
                for r in rows
                if r.values[column] and (r.row_id, system, r.values[column]) not in self.linked
            ]
            _identifiers(
                loader,
                f"person_{system}",
                [
                    (r.row_id, people[r.row_id], system, r.values[column], None, None)
                    for r in wanted
                ],
                keep_references=False,
            )


def _identifiers(
    loader: Loader, kind: str, wanted: list[tuple], *, keep_references: bool = True
) -> None:
    """Identifier rows (external id, person, system, value, from, to): a person's existing
    identifier with the same system and value is adopted, not duplicated. The person table's
    UPN, NHS number and legacy id keep no reference of their own: ssd_linked_identifiers names
    the same identifiers with its own ids."""
    if not wanted:
        return
    existing = {
        (p, s, val): pk
        for pk, p, s, val in Identifier.objects.filter(
            person_id__in={w[1] for w in wanted}
        ).values_list("pk", "person_id", "system", "value")
    }
    # The person table gives no validity dates: it leaves those of ssd_linked_identifiers be.
    dates = "fields" if keep_references else "create_only"
    items = []
    for eid, person, system, value, start, end in wanted:
        item = Item(eid, {"person_id": person, "system": system, "value": value}, person_id=person)
        getattr(item, dates).update(valid_from=start, valid_to=end)
        items.append(item)
    by_id = {w[0]: (w[1], w[2], w[3]) for w in wanted}

    def match(ids):
        return {i: existing[by_id[i]] for i in ids if by_id[i] in existing}

    loader.upsert(kind, Identifier, items, match=match, keep_references=keep_references)


class PersonRecord(Handler):
    """A table of one record per row belonging to a person (disability, address, ...)."""

    model: Any
    person_field: str

    def fields(self, row: Row) -> dict[str, Any]:
        raise NotImplementedError

    def write(self, loader, rows):
        loader.upsert(
            _kind(self.table),
            self.model,
            [
                Item(
                    r.row_id,
                    {"person_id": r.parents[self.person_field], **self.fields(r)},
                    person_id=r.parents[self.person_field],
                )
                for r in rows
            ],
        )


class Disabilities(PersonRecord):
    table, model, person_field = "ssd_disability", Disability, "disa_person_id"

    def fields(self, row):
        return {"code": row.values["disa_disability_code"]}


class ImmigrationStatuses(PersonRecord):
    table, model, person_field = "ssd_immigration_status", ImmigrationStatus, "immi_person_id"

    def check(self, loader, row):
        _after(row, "immi_immigration_status_start_date", "immi_immigration_status_end_date")

    def fields(self, row):
        v = row.values
        return {
            "status": v["immi_immigration_status"],
            "started_on": v["immi_immigration_status_start_date"],
            "ended_on": v["immi_immigration_status_end_date"],
        }


class Addresses(PersonRecord):
    table, model, person_field = "ssd_address", Address, "addr_person_id"

    def check(self, loader, row):
        _after(row, "addr_address_start_date", "addr_address_end_date")
        if len(row.values["addr_address_postcode"]) > 10:
            raise RowError("addr_address_postcode is longer than 10 characters")

    def fields(self, row):
        v = row.values
        data = {k: str(val or "").strip() for k, val in v["addr_address_json"].items()}
        line_2 = " ".join(
            p for p in (data.get(k, "") for k in ("ROOM", "FLOOR", "FLAT", "BUILDING")) if p
        )
        line_1 = " ".join(p for p in (data.get("HOUSE", ""), data.get("STREET", "")) if p)
        return {
            "line_1": line_1[:120],
            "line_2": line_2[:120],
            "town": data.get("TOWN", "")[:80],
            "postcode": v["addr_address_postcode"],
            "started_on": v["addr_address_start_date"],
            "ended_on": v["addr_address_end_date"],
        }


class Families(Handler):
    """ssd_family: Cairn holds no family groups; the membership is kept as references (the
    family id in `group_id`), so a re-export or a report can find it."""

    table = "ssd_family"

    def write(self, loader, rows):
        loader.touch_references(
            _kind(self.table),
            Person,
            {r.row_id: r.parents["fami_person_id"] for r in rows},
            {r.row_id: r.values["fami_family_id"] for r in rows},
        )


IDENTIFIER_SYSTEMS = {label.lower(): system for system, label in spec.IDENTIFIER_TYPE.items()}
IDENTIFIER_SYSTEMS.update(
    {
        "nhs": "nhs",
        "nhs no": "nhs",
        "unique pupil number": "upn",
        "former unique pupil number": "former_upn",
        "case number": "legacy",
        "legacy id": "legacy",
        "home office ref": "home_office",
        "home office number": "home_office",
    }
)


class LinkedIdentifiers(Handler):
    table = "ssd_linked_identifiers"

    def check(self, loader, row):
        kind = row.values["link_identifier_type"].strip().lower()
        if kind not in IDENTIFIER_SYSTEMS:
            known = ", ".join(spec.IDENTIFIER_TYPE.values())
            raise RowError(
                f"link_identifier_type {row.values['link_identifier_type']!r} is not "
                f"one Cairn holds ({known})"
            )
        if len(row.values["link_identifier_value"]) > 40:
            raise RowError("link_identifier_value is longer than 40 characters")
        _after(row, "link_valid_from_date", "link_valid_to_date")

    def write(self, loader, rows):
        _identifiers(
            loader,
            _kind(self.table),
            [
                (
                    r.row_id,
                    r.parents["link_person_id"],
                    IDENTIFIER_SYSTEMS[r.values["link_identifier_type"].strip().lower()],
                    r.values["link_identifier_value"],
                    r.values["link_valid_from_date"],
                    r.values["link_valid_to_date"],
                )
                for r in rows
            ],
        )


# ---------------------------------------------------------------------------------------------
# Front door and early help


def import_team(loader: Loader) -> Team:
    """The team a contact belongs to (ssd_contacts names none): the top team of the imported
    hierarchy (the first imported department with no parent), else a team named for the
    source system."""
    imported = [
        int(pk)
        for pk in ExternalReference.objects.filter(
            system=loader.system, kind=_kind("ssd_department")
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
            _kind(self.table),
            ContactChild,
            [
                Item(
                    r.row_id,
                    {
                        "contact_id": contacts[r.row_id],
                        "child_id": r.parents["cont_person_id"],
                        "next_step": _outcome_flag(
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
        _after(row, "earl_episode_start_date", "earl_episode_end_date")

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
        loader.upsert(_kind(self.table), EarlyHelpEpisode, items)


# ---------------------------------------------------------------------------------------------
# Referral, assessment, CIN


class Referrals(Handler):
    """ssd_cin_episodes -> frontdoor.Episode. The team and worker are the allocation's, which
    ssd_involvements carries."""

    table = "ssd_cin_episodes"

    def check(self, loader, row):
        v = row.values
        _after(row, "cine_referral_date", "cine_close_date")
        if v["cine_close_date"] and not v["cine_close_reason"]:
            raise RowError("cine_close_reason is blank: a closed episode needs its reason")

    def write(self, loader, rows):
        loader.upsert(
            _kind(self.table),
            Episode,
            [
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents["cine_person_id"],
                        "referral_date": r.values["cine_referral_date"],
                        "source": r.values["cine_referral_source_code"],
                        "primary_need": r.values["cine_cin_primary_need_code"],
                        "referral_nfa": bool(r.values["cine_referral_nfa"]),
                        "closed_on": r.values["cine_close_date"],
                        "closure_reason": r.values["cine_close_reason"],
                    },
                    person_id=r.parents["cine_person_id"],
                )
                for r in rows
            ],
        )


class Assessments(Handler):
    table = "ssd_cin_assessments"

    def check(self, loader, row):
        _after(row, "cina_assessment_start_date", "cina_assessment_auth_date")

    def write(self, loader, rows):
        calendar = council_calendar()
        referral_dates = dict(
            Episode.all_objects.filter(
                pk__in={r.parents["cina_referral_id"] for r in rows}
            ).values_list("pk", "referral_date")
        )
        items = []
        for r in rows:
            v = r.values
            outcome = ""
            if v["cina_assessment_outcome_nfa"]:
                outcome = AssessmentOutcome.NFA
            else:
                outcome = _outcome_flag(
                    spec.ASSESSMENT_OUTCOME_FLAG, v["cina_assessment_outcome_json"]
                )
            authorised = v["cina_assessment_auth_date"]
            if authorised and not outcome:
                outcome = AssessmentOutcome.OTHER
            counted_from = (
                referral_dates.get(r.parents["cina_referral_id"]) or v["cina_assessment_start_date"]
            )
            items.append(
                Item(
                    r.row_id,
                    {
                        "episode_id": r.parents["cina_referral_id"],
                        "child_id": r.parents["cina_person_id"],
                        "started_on": v["cina_assessment_start_date"],
                        "child_seen_on": v["cina_assessment_start_date"]
                        if v["cina_assessment_child_seen"]
                        else None,
                        "authorised_on": authorised,
                        "status": AssessmentStatus.AUTHORISED
                        if authorised
                        else AssessmentStatus.DRAFT,
                        "outcome": outcome,
                    },
                    person_id=r.parents["cina_person_id"],
                    create_only={
                        "target_date": calendar.add_working_days(
                            counted_from, ASSESSMENT_WORKING_DAYS
                        ),
                    },
                )
            )
        loader.upsert(_kind(self.table), Assessment, items)


class AssessmentFactors(Handler):
    """ssd_assessment_factors -> one casework.AssessmentFactor per code (codes already on the
    assessment are kept)."""

    table = "ssd_assessment_factors"

    def write(self, loader, rows):
        assessments = {r.row_id: r.parents["cinf_assessment_id"] for r in rows}
        children = dict(
            Assessment.all_objects.filter(pk__in=assessments.values()).values_list("pk", "child_id")
        )
        existing = {
            (a, c): pk
            for pk, a, c in AssessmentFactor.objects.filter(
                assessment_id__in=assessments.values()
            ).values_list("pk", "assessment_id", "code")
        }
        items = []
        for r in rows:
            assessment = assessments[r.row_id]
            for code in r.values["cinf_assessment_factors_json"]:
                items.append(
                    Item(
                        f"{r.row_id}:{code}",
                        {
                            "assessment_id": assessment,
                            "code": code,
                        },
                        person_id=children.get(assessment),
                    )
                )
        by_item = {i.external_id: (i.fields["assessment_id"], i.fields["code"]) for i in items}
        loader.upsert(
            "assessment_factor",
            AssessmentFactor,
            items,
            match=lambda ids: {i: existing[by_item[i]] for i in ids if by_item[i] in existing},
        )
        loader.touch_references(_kind(self.table), Assessment, assessments)


def _first_versions(
    loader: Loader,
    kind: str,
    plans: dict[str, int],
    rows: list[Row],
    start: str,
    meetings: dict[str, int | None],
) -> None:
    """Version 1 of each plan, authorised on its start date (made at the ICPC for a CP plan):
    the SSD holds no plan content, and Cairn's plan is current from its first version."""
    loader.upsert(
        f"{kind}_version",
        PlanVersion,
        [
            Item(
                r.row_id,
                {
                    "plan_id": plans[r.row_id],
                    "number": 1,
                    "made_on": r.values[start],
                    "authorised_on": r.values[start],
                    "meeting_id": meetings.get(r.row_id),
                },
            )
            for r in rows
        ],
    )


def _plan_items(rows, *, kind, id_start, id_end, person, referral) -> list[Item]:
    items = []
    for r in rows:
        ended = r.values[id_end]
        items.append(
            Item(
                r.row_id,
                {
                    "child_id": r.parents[person],
                    "episode_id": r.parents.get(referral),
                    "kind": kind,
                    "status": PlanStatus.ENDED if ended else PlanStatus.ACTIVE,
                    "started_on": r.values[id_start],
                    "ended_on": ended,
                },
                person_id=r.parents[person],
            )
        )
    return items


class CinPlans(Handler):
    table = "ssd_cin_plans"

    def check(self, loader, row):
        _after(row, "cinp_cin_plan_start_date", "cinp_cin_plan_end_date")

    def write(self, loader, rows):
        plans = loader.upsert(
            _kind(self.table),
            Plan,
            _plan_items(
                rows,
                kind=PlanKind.CIN,
                id_start="cinp_cin_plan_start_date",
                id_end="cinp_cin_plan_end_date",
                person="cinp_person_id",
                referral="cinp_referral_id",
            ),
        )
        _first_versions(loader, _kind(self.table), plans, rows, "cinp_cin_plan_start_date", {})


def _episodes_on(rows: list[Row], person_field: str, date_field: str) -> dict[str, int]:
    """Each row's CIN episode: the child's latest episode referred on or before the date."""
    children = {r.parents[person_field] for r in rows}
    episodes: dict[int, list[tuple[dt.date, int]]] = {}
    for pk, child, referred in (
        Episode.objects.filter(child_id__in=children)
        .order_by("referral_date", "pk")
        .values_list("pk", "child_id", "referral_date")
    ):
        episodes.setdefault(child, []).append((referred, pk))
    found = {}
    for r in rows:
        day = r.values[date_field]
        candidates = [
            pk for referred, pk in episodes.get(r.parents[person_field], []) if referred <= day
        ]
        if candidates:
            found[r.row_id] = candidates[-1]
    return found


class Visits(Handler):
    """CIN and CP visits -> casework.Visit, in the child's CIN episode on the visit date. The
    SSD does not say who visited: the worker is the import actor."""

    kind: str
    prefix: str
    reads = ("ssd_cin_episodes",)  # the episode on the visit date

    def check(self, loader, row):
        p = self.prefix
        if row.values[f"{p}_seen_alone"] and not row.values[f"{p}_seen"]:
            raise RowError(f"{p}_seen_alone is Y but {p}_seen is not: a child seen alone was seen")

    def write(self, loader, rows):
        p = self.prefix
        person = f"{p.split('_')[0]}_person_id"
        episodes = _episodes_on(rows, person, f"{p}_date")
        missing = [r for r in rows if r.row_id not in episodes]
        if missing:
            raise ValueError(
                f"no CIN episode for the child on the visit date ({missing[0].values[f'{p}_date']})"
            )
        loader.upsert(
            _kind(self.table),
            Visit,
            [
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents[person],
                        "episode_id": episodes[r.row_id],
                        "kind": self.kind,
                        "visited_on": r.values[f"{p}_date"],
                        "child_seen": bool(r.values[f"{p}_seen"]),
                        "seen_alone": bool(r.values[f"{p}_seen_alone"]),
                        "bedroom_seen": bool(r.values[f"{p}_bedroom"]),
                    },
                    person_id=r.parents[person],
                    create_only={"worker_id": loader.actor.pk},
                )
                for r in rows
            ],
        )


class CinVisits(Visits):
    table, kind, prefix = "ssd_cin_visits", VisitKind.CIN, "cinv_cin_visit"


class CpVisits(Visits):
    table, kind, prefix = "ssd_cp_visits", VisitKind.CP, "cppv_cp_visit"


# ---------------------------------------------------------------------------------------------
# Child protection


def _meetings(
    loader,
    kind_name,
    rows,
    *,
    meeting_field,
    date_field,
    person_field,
    meeting_kind,
    plan_field=None,
) -> dict[str, int]:
    """The casework.Meeting of each row (rows sharing a meeting id share the meeting) and the
    MeetingChild of each row's child. Returns row id -> meeting pk."""
    meeting_of = {r.row_id: (r.values.get(meeting_field) or f"row:{r.row_id}") for r in rows}
    meetings = loader.upsert(
        f"{kind_name}_meeting",
        Meeting,
        [
            Item(
                meeting_of[r.row_id],
                {
                    "kind": meeting_kind,
                    "held_at": day_start(r.values[date_field]),
                    "plan_id": r.parents.get(plan_field) if plan_field else None,
                },
            )
            for r in rows
        ],
    )
    result = {r.row_id: meetings[meeting_of[r.row_id]] for r in rows}
    pairs = {(result[r.row_id], r.parents[person_field]): r for r in rows}
    existing = {
        (m, c): pk
        for pk, m, c in MeetingChild.objects.filter(
            meeting_id__in={m for m, _ in pairs}
        ).values_list("pk", "meeting_id", "child_id")
    }
    participation = MEETING_PARTICIPATION
    items = []
    for (meeting, child), r in pairs.items():
        pn = r.values.get("cppr_cp_review_participation", "")
        mode = participation.get(pn, "")
        items.append(
            Item(
                r.row_id,
                {
                    "meeting_id": meeting,
                    "child_id": child,
                    "participation": mode,
                    # Cairn asks why a child was not given the opportunity; the SSD has no
                    # field for it, so the note says where the code came from.
                    "participation_note": (
                        f"{pn} (not given the opportunity) in {loader.system}'s extract, which "
                        "records no reason"
                        if mode == ParticipationMode.NOT_GIVEN_OPPORTUNITY
                        else ""
                    ),
                },
                person_id=child,
            )
        )
    by_item = {i.external_id: (i.fields["meeting_id"], i.fields["child_id"]) for i in items}
    loader.upsert(
        f"{kind_name}_child",
        MeetingChild,
        items,
        match=lambda ids: {i: existing[by_item[i]] for i in ids if by_item[i] in existing},
    )
    return result


# PN code -> ParticipationMode (the first mode of a shared code).
MEETING_PARTICIPATION = {code: mode for mode, code in reversed(PARTICIPATION_PN_CODE.items())}


def s47_decision(outcome: dict, nfa: bool | None) -> tuple[bool | None, str]:
    """(icpc_needed, finding) from the S47 outcome (the inverse of export.s47_outcome): a
    conference flag means an ICPC is needed; NFA means not needed, concerns not substantiated;
    NFA_CONTINUE_SINGLE means not needed, substantiated; all flags empty means not decided."""
    if json_flag(outcome, "CP_CONFERENCE_FLAG"):
        return True, ""
    if json_flag(outcome, "NFA_FLAG") or nfa:
        return False, S47Outcome.NOT_SUBSTANTIATED
    if json_flag(outcome, "NFA_CONTINUE_SINGLE_FLAG"):
        return False, S47Outcome.SUBSTANTIATED
    decided = any(str(value).strip() for key, value in outcome.items() if key.endswith("_FLAG"))
    return (False, "") if decided else (None, "")


class S47s(Handler):
    """ssd_s47_enquiry -> protection.S47Enquiry and the strategy discussion (a Meeting) it
    started from, held on the S47 start date."""

    table = "ssd_s47_enquiry"

    def check(self, loader, row):
        _after(row, "s47e_s47_start_date", "s47e_s47_end_date")

    def write(self, loader, rows):
        meetings = _meetings(
            loader,
            "s47_strategy",
            rows,
            meeting_field="",
            date_field="s47e_s47_start_date",
            person_field="s47e_person_id",
            meeting_kind=MeetingKind.STRATEGY,
        )
        items = []
        for r in rows:
            v = r.values
            needed, finding = s47_decision(v["s47e_s47_outcome_json"], v["s47e_s47_nfa"])
            items.append(
                Item(
                    r.row_id,
                    {
                        "child_id": r.parents["s47e_person_id"],
                        "episode_id": r.parents["s47e_referral_id"],
                        "strategy_discussion_id": meetings[r.row_id],
                        "started_on": v["s47e_s47_start_date"],
                        "ended_on": v["s47e_s47_end_date"],
                        "lead_worker_id": r.parents.get("s47e_s47_completed_by_worker_id"),
                        "icpc_needed": needed,
                        "outcome": finding,
                        "icpc_not_needed_reason": "No conference (as recorded in the source)"
                        if needed is False
                        else "",
                    },
                    person_id=r.parents["s47e_person_id"],
                )
            )
        loader.upsert(_kind(self.table), S47Enquiry, items)


class Icpcs(Handler):
    """ssd_initial_cp_conference -> a Meeting of kind icpc (siblings share it through
    icpc_icpc_meeting_id) and its protection.ConferenceDetail. A conference that made a plan
    needs the plan's initial category: it is read from ssd_cp_plans first."""

    table = "ssd_initial_cp_conference"

    def __init__(self, categories: dict[str, str] | None = None):
        self.categories = categories or {}

    def check(self, loader, row):
        v = row.values
        made_plan = v["icpc_icpc_outcome_cp_flag"] or json_flag(
            v["icpc_icpc_outcome_json"], "CP_FLAG"
        )
        if made_plan and not self.categories.get(row.row_id):
            raise RowError(
                "the conference made a plan but no ssd_cp_plans row with this "
                "cppl_icpc_id gives the plan's initial category"
            )

    def write(self, loader, rows):
        meetings = _meetings(
            loader,
            "icpc",
            rows,
            meeting_field="icpc_icpc_meeting_id",
            date_field="icpc_icpc_date",
            person_field="icpc_person_id",
            meeting_kind=MeetingKind.ICPC,
        )
        items = []
        for r in rows:
            v = r.values
            made_plan = v["icpc_icpc_outcome_cp_flag"] or json_flag(
                v["icpc_icpc_outcome_json"], "CP_FLAG"
            )
            decided = v["icpc_icpc_outcome_cp_flag"] is not None or any(
                str(value).strip()
                for key, value in v["icpc_icpc_outcome_json"].items()
                if key.endswith("_FLAG")
            )
            outcome = ConferenceOutcome.CP_PLAN if made_plan else ConferenceOutcome.NO_PLAN
            items.append(
                Item(
                    r.row_id,
                    {
                        "meeting_id": meetings[r.row_id],
                        "child_id": r.parents["icpc_person_id"],
                        "s47_id": r.parents.get("icpc_s47_enquiry_id"),
                        "outcome": outcome if decided else "",
                        "category": self.categories.get(r.row_id, "") if made_plan else "",
                        "transfer_in": bool(v["icpc_icpc_transfer_in"]),
                    },
                    person_id=r.parents["icpc_person_id"],
                )
            )
        loader.upsert(_kind(self.table), ConferenceDetail, items)


class CpPlans(Handler):
    """ssd_cp_plans -> casework.Plan of kind cp and its CPCategory rows (initial from the
    start; the latest, when different, after it)."""

    table = "ssd_cp_plans"

    def check(self, loader, row):
        _after(row, "cppl_cp_plan_start_date", "cppl_cp_plan_end_date")
        if not row.values["cppl_cp_plan_initial_category"]:
            raise RowError("cppl_cp_plan_initial_category is blank: a plan has a category")

    def write(self, loader, rows):
        plans = loader.upsert(
            _kind(self.table),
            Plan,
            _plan_items(
                rows,
                kind=PlanKind.CP,
                id_start="cppl_cp_plan_start_date",
                id_end="cppl_cp_plan_end_date",
                person="cppl_person_id",
                referral="cppl_referral_id",
            ),
        )
        conference_meetings = dict(
            ConferenceDetail.all_objects.filter(
                pk__in={r.parents.get("cppl_icpc_id") for r in rows} - {None}
            ).values_list("pk", "meeting_id")
        )
        _first_versions(
            loader,
            _kind(self.table),
            plans,
            rows,
            "cppl_cp_plan_start_date",
            {r.row_id: conference_meetings.get(r.parents.get("cppl_icpc_id")) for r in rows},
        )
        items = []
        for r in rows:
            v = r.values
            initial, latest = v["cppl_cp_plan_initial_category"], v["cppl_cp_plan_latest_category"]
            items.append(
                Item(
                    f"{r.row_id}:initial",
                    {
                        "plan_id": plans[r.row_id],
                        "category": initial,
                        "from_on": v["cppl_cp_plan_start_date"],
                    },
                    person_id=r.parents["cppl_person_id"],
                )
            )
            if latest and latest != initial:
                items.append(
                    Item(
                        f"{r.row_id}:latest",
                        {
                            "plan_id": plans[r.row_id],
                            "category": latest,
                            "from_on": v["cppl_cp_plan_end_date"] or v["cppl_cp_plan_start_date"],
                        },
                        person_id=r.parents["cppl_person_id"],
                    )
                )
        loader.upsert("cp_category", CPCategory, items)


# A review the source records as quorate: children's social care and the two other statutory
# safeguarding partners attended (Cairn derives quoracy from attendance; ADR 22, Import).
QUORUM = (AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.POLICE, AgencyKind.HEALTH)


class CpReviews(Handler):
    """ssd_cp_reviews -> a Meeting of kind rcpc for the plan and its ConferenceDetail (outcome
    continue, or end and close); the participation code maps back to a ParticipationMode."""

    table = "ssd_cp_reviews"

    def check(self, loader, row):
        if not row.values["cppr_cp_plan_id"]:
            raise RowError("cppr_cp_plan_id is blank: a review belongs to a plan")

    def write(self, loader, rows):
        meetings = _meetings(
            loader,
            "cp_review",
            rows,
            meeting_field="cppr_cp_review_meeting_id",
            date_field="cppr_cp_review_date",
            person_field="cppr_person_id",
            meeting_kind=MeetingKind.RCPC,
            plan_field="cppr_cp_plan_id",
        )
        items = []
        for r in rows:
            carry_on = r.values["cppr_cp_review_outcome_continue_cp"]
            outcome = {True: ConferenceOutcome.CONTINUE, False: ConferenceOutcome.END_CLOSE}.get(
                carry_on, ""
            )
            items.append(
                Item(
                    r.row_id,
                    {
                        "meeting_id": meetings[r.row_id],
                        "child_id": r.parents["cppr_person_id"],
                        "outcome": outcome,
                    },
                    person_id=r.parents["cppr_person_id"],
                )
            )
        loader.upsert(_kind(self.table), ConferenceDetail, items)
        quorum = []
        for r in rows:
            if r.values["cppr_cp_review_quorate"]:
                for kind in QUORUM:
                    quorum.append(
                        Item(
                            f"{r.row_id}:{kind}",
                            {
                                "meeting_id": meetings[r.row_id],
                                "role": AttendeeRole.PROFESSIONAL,
                                "name": f"{kind.label} (not named in {loader.system})"[:120],
                                "agency_kind": kind,
                                "direct_contact": True,
                                "invited": True,
                                "attended": True,
                            },
                            person_id=r.parents["cppr_person_id"],
                        )
                    )
        loader.upsert("cp_review_quorum", Attendance, quorum)


# ---------------------------------------------------------------------------------------------
# Allocations


class Involvements(Handler):
    """ssd_involvements -> workforce.Allocation (no worker: the team's unallocated queue)."""

    table = "ssd_involvements"

    def check(self, loader, row):
        _after(row, "invo_involvement_start_date", "invo_involvement_end_date")
        if not row.values["invo_person_id"]:
            raise RowError("invo_person_id is blank: an allocation is of a child")
        if len(row.values["invo_worker_change_reason"]) > 200:
            raise RowError("invo_worker_change_reason is longer than 200 characters")

    def write(self, loader, rows):
        loader.upsert(
            _kind(self.table),
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


HANDLERS: dict[str, type[Handler]] = {
    h.table: h
    for h in (
        Departments,
        Professionals,
        People,
        Families,
        Addresses,
        Disabilities,
        ImmigrationStatuses,
        LinkedIdentifiers,
        Contacts,
        EarlyHelp,
        Referrals,
        Assessments,
        AssessmentFactors,
        CinPlans,
        CinVisits,
        S47s,
        Icpcs,
        CpPlans,
        CpVisits,
        CpReviews,
        Involvements,
    )
}

__all__ = ["HANDLERS", "ExternalReference"]
