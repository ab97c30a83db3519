"""Standard Safeguarding Dataset export: one CSV per table of `spec.TABLES` (ADR 22).

Each table has one source function here: a set-based query (annotations and subqueries, no
per-row queries) read with `.iterator()` in primary-key order, and a row builder that maps the
Cairn values to the SSD fields. Formatting (dates, Y/N flags, JSON) is done once, by field
type, in `format_cell`. Memory stays bounded: rows are written as they are read.

Identifiers: the person id is the child's LA child ID; every other id is the Cairn primary key
of the row it comes from, or the id the row was imported with when the importer kept one
(`external_id`), so export -> import -> export gives identical files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import groupby
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role
from cairn.casework.models import (
    Assessment,
    AssessmentFactor,
    Attendance,
    Meeting,
    MeetingChild,
    MeetingKind,
    Plan,
    PlanKind,
    PlanVersion,
    Visit,
    VisitKind,
)
from cairn.casework.models.meetings import PARTICIPATION_PN_CODE, AgencyKind
from cairn.core import clock
from cairn.core.codelists import ASSESSMENT_FACTOR, REFERRAL_SOURCE
from cairn.core.working_days import council_calendar
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ContactChild, Episode
from cairn.people.models import (
    Address,
    Disability,
    Identifier,
    ImmigrationStatus,
    Person,
    Relationship,
    RelationshipType,
)
from cairn.protection.models import ConferenceDetail, CPCategory, S47Enquiry
from cairn.protection.selectors.records import QUORATE_OTHER_AGENCIES
from cairn.returns.ssd import spec
from cairn.workforce.models import Allocation

CHUNK = 2000
ICPC_WORKING_DAYS = 15  # ICPC within 15 working days of the strategy discussion (S47 start)
SOURCE_LABELS = dict(REFERRAL_SOURCE)
FACTOR_ORDER = {code: i for i, (code, _) in enumerate(ASSESSMENT_FACTOR)}

# ---------------------------------------------------------------------------------------------
# Cell formatting, by field type


def flag(value: bool | None) -> str:
    """True -> Y, False -> N, None (not known) -> empty."""
    if value is None:
        return spec.UNKNOWN
    return spec.YES if value else spec.NO


def format_cell(field: spec.Field, value: Any) -> str:
    return FORMATTERS[field.type](value)


def _text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _date(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    return value.strftime(spec.DATE_FORMAT)


def _datetime(value: Any) -> str:
    if value is None or value == "":
        return ""
    return timezone.localtime(value).strftime(spec.DATETIME_FORMAT)


def _flag(value: Any) -> str:
    return value if isinstance(value, str) else flag(value)


def _float(value: Any) -> str:
    if value is None or value == "":
        return ""
    return str(float(value)) if isinstance(value, Decimal | float | int) else str(value)


def _json(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, Outcome):
        return value.text
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


FORMATTERS: dict[str, Callable[[Any], str]] = {
    spec.ID: _text,
    spec.STR: _text,
    spec.CODE: _text,
    spec.INT: _text,
    spec.DATE: _date,
    spec.DATETIME: _datetime,
    spec.FLAG: _flag,
    spec.FLOAT: _float,
    spec.JSON: _json,
}


class Outcome(dict):
    """An outcome JSON object with its text made once (outcome builders are cached: a few
    distinct objects serve every row)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.text = json.dumps(self, ensure_ascii=False, separators=(",", ":"))


@cache
def outcome_json(keys: tuple[str, ...], set_flags: tuple[str, ...] | None) -> Outcome:
    """A JSON outcome object: the given flags Y, every other flag N, the count of Ys, empty
    comments. `set_flags=None` means the outcome is not known yet: every flag empty, count 0."""
    known = set_flags is not None
    chosen = set(set_flags or ())
    out: dict[str, Any] = {}
    for key in keys:
        if key in spec.JSON_COUNT_KEYS:
            out[key] = len(chosen)
        elif key in spec.JSON_TEXT_KEYS:
            out[key] = ""
        else:
            out[key] = (spec.YES if key in chosen else spec.NO) if known else spec.UNKNOWN
    return Outcome(out)


# ---------------------------------------------------------------------------------------------
# Identifiers


def _external_reference_model() -> type[Model] | None:
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
    ref = _external_reference_model()
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


def _person(path: str) -> F:
    return F(f"{path}__la_child_id")


def _children(qs: QuerySet, path: str = "child") -> QuerySet:
    """Rows of children in the dataset (live people with an LA child ID)."""
    return qs.filter(**{f"{path}__la_child_id__isnull": False, f"{path}__removed_at__isnull": True})


def _allocation_at(child: str, day: str) -> QuerySet:
    """The child's allocation on a day (latest started first)."""
    return (
        Allocation.objects.filter(child=OuterRef(child), started_on__lte=OuterRef(day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef(day)))
        .order_by("-started_on", "-pk")
    )


def _allocation_ids(child: str, day: str) -> dict:
    """Annotations: the team and worker ids of the child's allocation on the day."""
    at = _allocation_at(child, day)
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


# ---------------------------------------------------------------------------------------------
# Sources: one function per table, yielding {ssd field: value}


def _department(ids: SmallIds) -> Iterator[dict]:
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


def _professionals(ids: SmallIds) -> Iterator[dict]:
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


def _identifier(system: str) -> Subquery:
    return Subquery(
        Identifier.objects.filter(person=OuterRef("pk"), system=system)
        .order_by("-valid_from", "-pk")
        .values("value")[:1]
    )


def _person_rows(ids: SmallIds) -> Iterator[dict]:
    people = (
        Person.objects.filter(la_child_id__isnull=False)
        .order_by("pk")
        .annotate(
            legacy=_identifier("legacy"),
            nhs=_identifier("nhs"),
            upn=_identifier("upn"),
            is_mother=Exists(
                Relationship.objects.filter(relative=OuterRef("pk"), type=RelationshipType.MOTHER)
            ),
        )
        .values(
            "la_child_id",
            "legacy",
            "given_name",
            "family_name",
            "sex",
            "gender_identity",
            "ethnicity",
            "date_of_birth",
            "expected_date_of_birth",
            "nhs",
            "upn",
            "upn_unknown_reason",
            "date_of_death",
            "is_mother",
        )
    )
    for row in people.iterator(chunk_size=CHUNK):
        yield {
            "pers_person_id": row["la_child_id"],
            "pers_legacy_id": row["legacy"],
            "pers_forename": row["given_name"],
            "pers_surname": row["family_name"],
            "pers_sex": row["sex"],
            "pers_gender": row["gender_identity"],
            "pers_ethnicity": row["ethnicity"],
            "pers_dob": row["date_of_birth"],
            "pers_expected_dob": row["expected_date_of_birth"],
            "pers_single_unique_id": row["nhs"],
            "pers_upn": row["upn"],
            "pers_upn_unknown": row["upn_unknown_reason"],
            "pers_send_flag": None,
            "pers_death_date": row["date_of_death"],
            "pers_is_mother": row["is_mother"],
            "pers_nationality": "",
        }


def _family(ids: SmallIds) -> Iterator[dict]:
    """Cairn holds no family groups of its own: the rows are the family memberships an import
    kept (ExternalReference of kind family_member on the person, family id in group_id)."""
    ref = _external_reference_model()
    if ref is None:
        return
    person = Person.objects.filter(
        pk=Cast(OuterRef("object_id"), output_field=IntegerField()), la_child_id__isnull=False
    )
    qs = (
        ref.objects.filter(kind=FAMILY_KIND, content_type=ContentType.objects.get_for_model(Person))
        .annotate(la_child_id=Subquery(person.values("la_child_id")[:1]))
        .filter(la_child_id__isnull=False)
        .order_by("pk")
        .values("external_id", "group_id", "la_child_id")
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "fami_table_id": row["external_id"],
            "fami_family_id": row["group_id"],
            "fami_person_id": row["la_child_id"],
        }


def _address(ids: SmallIds) -> Iterator[dict]:
    rows = (
        _children(Address.objects, "person")
        .order_by("pk")
        .annotate(ssd_id=external_id(Address, "pk"))
        .values(
            "ssd_id",
            "person__la_child_id",
            *spec.ADDRESS_LINE_KEYS,
            "postcode",
            "started_on",
            "ended_on",
        )
    )
    for row in rows.iterator(chunk_size=CHUNK):
        lines = {key: row[name] for name, key in spec.ADDRESS_LINE_KEYS.items()}
        yield {
            "addr_table_id": row["ssd_id"],
            "addr_person_id": row["person__la_child_id"],
            "addr_address_type": "",
            "addr_address_start_date": row["started_on"],
            "addr_address_end_date": row["ended_on"],
            "addr_address_postcode": row["postcode"],
            "addr_address_json": {key: lines.get(key, "") for key in spec.ADDRESS_KEYS},
        }


def _simple_person_rows(
    model: type[Model], mapping: dict[str, str], id_field: str, person_field: str
) -> Callable[[SmallIds], Iterator[dict]]:
    """A table whose rows are one model's rows about a child: {ssd field: model field}."""

    def rows(ids: SmallIds) -> Iterator[dict]:
        qs = (
            _children(model.objects, "person")
            .order_by("pk")
            .annotate(ssd_id=external_id(model, "pk"), ssd_person=_person("person"))
            .values("ssd_id", "ssd_person", *mapping.values())
        )
        for row in qs.iterator(chunk_size=CHUNK):
            out = {id_field: row["ssd_id"], person_field: row["ssd_person"]}
            out.update({ssd: row[name] for ssd, name in mapping.items()})
            yield out

    return rows


def _linked_identifiers(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(Identifier.objects, "person")
        .order_by("pk")
        .annotate(ssd_id=external_id(Identifier, "pk"))
        .values("ssd_id", "person__la_child_id", "system", "value", "valid_from", "valid_to")
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "link_table_id": row["ssd_id"],
            "link_person_id": row["person__la_child_id"],
            "link_identifier_type": spec.IDENTIFIER_TYPE.get(row["system"], row["system"]),
            "link_identifier_value": row["value"],
            "link_valid_from_date": row["valid_from"],
            "link_valid_to_date": row["valid_to"],
        }


def _flag_for(mapping: dict[str, str], value: str) -> str:
    """The flag a Cairn value maps to; a value with no SSD flag is an "other" outcome."""
    return mapping.get(value, "OTHER_OUTCOMES_EXIST_FLAG")


def contact_outcome(next_step: str) -> dict:
    if not next_step:
        return outcome_json(spec.CONTACT_OUTCOME_KEYS, None)
    return outcome_json(
        spec.CONTACT_OUTCOME_KEYS, (_flag_for(spec.CONTACT_NEXT_STEP_FLAG, next_step),)
    )


def _contacts(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(ContactChild.objects)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(ContactChild, "pk"), received_on=TruncDate("contact__received_at")
        )
        .values("ssd_id", "child__la_child_id", "received_on", "contact__source", "next_step")
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cont_contact_id": row["ssd_id"],
            "cont_person_id": row["child__la_child_id"],
            "cont_contact_date": row["received_on"],
            "cont_contact_source_code": row["contact__source"],
            "cont_contact_source_desc": SOURCE_LABELS.get(
                row["contact__source"], row["contact__source"]
            ),
            "cont_contact_outcome_json": contact_outcome(row["next_step"]),
        }


def _early_help(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(EarlyHelpEpisode.objects)
        .order_by("pk")
        .annotate(ssd_id=external_id(EarlyHelpEpisode, "pk"))
        .values(
            "ssd_id",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "reason",
            "end_reason",
            "lead_organisation",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "earl_episode_id": row["ssd_id"],
            "earl_person_id": row["child__la_child_id"],
            "earl_episode_start_date": row["started_on"],
            "earl_episode_end_date": row["ended_on"],
            "earl_episode_reason": row["reason"],
            "earl_episode_end_reason": row["end_reason"],
            "earl_episode_organisation": row["lead_organisation"],
            "earl_episode_worker_id": "",
        }


def referral_outcome(*, assessed: bool, nfa: bool, s47: bool, icpc: bool) -> dict:
    chosen = [
        key
        for key, on in (
            ("SINGLE_ASSESSMENT_FLAG", assessed),
            ("NFA_FLAG", nfa),
            ("STRATEGY_DISCUSSION_FLAG", s47),
            ("CP_CONFERENCE_FLAG", icpc),
        )
        if on
    ]
    return outcome_json(spec.REFERRAL_OUTCOME_KEYS, tuple(chosen))


def _cin_episodes(ids: SmallIds) -> Iterator[dict]:
    first = Allocation.objects.filter(episode=OuterRef("pk")).order_by("started_on", "pk")
    qs = (
        _children(Episode.objects)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Episode, "pk"),
            first_team=Subquery(first.values("team_id")[:1]),
            first_worker=Subquery(first.values("worker_id")[:1]),
            assessed=Exists(Assessment.objects.filter(episode=OuterRef("pk"))),
            has_s47=Exists(S47Enquiry.objects.filter(episode=OuterRef("pk"))),
            has_icpc=Exists(
                ConferenceDetail.objects.filter(
                    s47__episode=OuterRef("pk"), meeting__kind=MeetingKind.ICPC
                )
            ),
        )
        .values(
            "ssd_id",
            "child__la_child_id",
            "referral_date",
            "primary_need",
            "source",
            "referral_nfa",
            "closure_reason",
            "closed_on",
            "first_team",
            "first_worker",
            "assessed",
            "has_s47",
            "has_icpc",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cine_referral_id": row["ssd_id"],
            "cine_person_id": row["child__la_child_id"],
            "cine_referral_date": row["referral_date"],
            "cine_cin_primary_need_code": row["primary_need"],
            "cine_referral_source_code": row["source"],
            "cine_referral_source_desc": SOURCE_LABELS.get(row["source"], ""),
            "cine_referral_outcome_json": referral_outcome(
                assessed=row["assessed"],
                nfa=row["referral_nfa"],
                s47=row["has_s47"],
                icpc=row["has_icpc"],
            ),
            "cine_referral_nfa": row["referral_nfa"],
            "cine_close_reason": row["closure_reason"],
            "cine_close_date": row["closed_on"],
            "cine_referral_team": ids.team(row["first_team"]),
            "cine_referral_worker_id": ids.user(row["first_worker"]),
        }


def assessment_outcome(outcome: str) -> dict:
    if not outcome:
        return outcome_json(spec.ASSESSMENT_OUTCOME_KEYS, None)
    return outcome_json(
        spec.ASSESSMENT_OUTCOME_KEYS, (_flag_for(spec.ASSESSMENT_OUTCOME_FLAG, outcome),)
    )


def _cin_assessments(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(Assessment.objects)
        .filter(episode__removed_at__isnull=True)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Assessment, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            **_allocation_ids("child_id", "started_on"),
        )
        .values(
            "ssd_id",
            "child__la_child_id",
            "ssd_episode",
            "started_on",
            "child_seen_on",
            "authorised_on",
            "outcome",
            "alloc_team",
            "alloc_worker",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cina_assessment_id": row["ssd_id"],
            "cina_person_id": row["child__la_child_id"],
            "cina_referral_id": row["ssd_episode"],
            "cina_assessment_start_date": row["started_on"],
            "cina_assessment_child_seen": row["child_seen_on"] is not None,
            "cina_assessment_auth_date": row["authorised_on"],
            "cina_assessment_outcome_json": assessment_outcome(row["outcome"]),
            "cina_assessment_outcome_nfa": (row["outcome"] == "nfa") if row["outcome"] else None,
            "cina_assessment_team": ids.team(row["alloc_team"]),
            "cina_assessment_worker_id": ids.user(row["alloc_worker"]),
        }


def _assessment_factors(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(AssessmentFactor.objects, "assessment__child")
        .filter(assessment__removed_at__isnull=True, assessment__episode__removed_at__isnull=True)
        .order_by("assessment_id", "pk")
        .annotate(ssd_assessment=external_id(Assessment, "assessment_id"))
        .values_list("assessment_id", "ssd_assessment", "code")
    )
    rows = qs.iterator(chunk_size=CHUNK)
    for (_, ssd_assessment), factors in groupby(rows, key=lambda r: (r[0], r[1])):
        codes = sorted({code for _, _, code in factors}, key=lambda c: FACTOR_ORDER.get(c, 999))
        yield {
            "cinf_table_id": ssd_assessment,
            "cinf_assessment_id": ssd_assessment,
            "cinf_assessment_factors_json": codes,
        }


def _cin_plans(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(Plan.objects)
        .filter(kind=PlanKind.CIN, started_on__isnull=False, episode__isnull=False)
        .filter(episode__removed_at__isnull=True)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(Plan, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            **_allocation_ids("child_id", "started_on"),
        )
        .values(
            "ssd_id",
            "ssd_episode",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "alloc_team",
            "alloc_worker",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cinp_cin_plan_id": row["ssd_id"],
            "cinp_referral_id": row["ssd_episode"],
            "cinp_person_id": row["child__la_child_id"],
            "cinp_cin_plan_start_date": row["started_on"],
            "cinp_cin_plan_end_date": row["ended_on"],
            "cinp_cin_plan_team": ids.team(row["alloc_team"]),
            "cinp_cin_plan_worker_id": ids.user(row["alloc_worker"]),
        }


def _visits(kind: str, prefix: str) -> Callable[[SmallIds], Iterator[dict]]:
    def rows(ids: SmallIds) -> Iterator[dict]:
        qs = _children(Visit.objects).filter(kind=kind).order_by("pk")
        qs = qs.annotate(ssd_id=external_id(Visit, "pk"))
        if kind == VisitKind.CP:
            open_plan = (
                Plan.objects.filter(
                    child=OuterRef("child_id"),
                    kind=PlanKind.CP,
                    started_on__lte=OuterRef("visited_on"),
                )
                .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=OuterRef("visited_on")))
                .order_by("-started_on", "-pk")
            )
            qs = qs.annotate(plan_pk=Subquery(open_plan.values("pk")[:1]))
            qs = qs.annotate(ssd_plan=external_id(Plan, "plan_pk"))
        else:
            qs = qs.annotate(ssd_plan=Value(None, output_field=CharField()))
        qs = qs.values(
            "ssd_id",
            "child__la_child_id",
            "ssd_plan",
            "visited_on",
            "child_seen",
            "seen_alone",
            "bedroom_seen",
        )
        for row in qs.iterator(chunk_size=CHUNK):
            out = {
                f"{prefix}_visit_id": row["ssd_id"],
                f"{prefix[:4]}_person_id": row["child__la_child_id"],
                f"{prefix}_visit_date": row["visited_on"],
                f"{prefix}_visit_seen": row["child_seen"],
                f"{prefix}_visit_seen_alone": row["seen_alone"],
                f"{prefix}_visit_bedroom": row["bedroom_seen"],
            }
            if kind == VisitKind.CP:
                out["cppv_cp_plan_id"] = row["ssd_plan"]
            yield out

    return rows


def s47_outcome(*, icpc_needed: bool | None, outcome: str) -> dict:
    """CP_CONFERENCE_FLAG: an ICPC is needed. Without one: NFA_FLAG when the concerns were not
    substantiated, NFA_CONTINUE_SINGLE_FLAG when they were (work continues without a plan).
    Every flag is empty until the ICPC decision is recorded."""
    if icpc_needed is None:
        return outcome_json(spec.S47_OUTCOME_KEYS, None)
    if icpc_needed:
        return outcome_json(spec.S47_OUTCOME_KEYS, ("CP_CONFERENCE_FLAG",))
    if outcome == "not_substantiated":
        return outcome_json(spec.S47_OUTCOME_KEYS, ("NFA_FLAG",))
    if outcome == "substantiated":
        return outcome_json(spec.S47_OUTCOME_KEYS, ("NFA_CONTINUE_SINGLE_FLAG",))
    return outcome_json(spec.S47_OUTCOME_KEYS, ())


def _s47(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(S47Enquiry.objects)
        .filter(episode__removed_at__isnull=True)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(S47Enquiry, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            **_allocation_ids("child_id", "started_on"),
        )
        .values(
            "ssd_id",
            "ssd_episode",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "icpc_needed",
            "outcome",
            "lead_worker_id",
            "alloc_team",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        outcome = s47_outcome(icpc_needed=row["icpc_needed"], outcome=row["outcome"])
        yield {
            "s47e_s47_enquiry_id": row["ssd_id"],
            "s47e_referral_id": row["ssd_episode"],
            "s47e_person_id": row["child__la_child_id"],
            "s47e_s47_start_date": row["started_on"],
            "s47e_s47_end_date": row["ended_on"],
            "s47e_s47_nfa": outcome["NFA_FLAG"],
            "s47e_s47_outcome_json": outcome,
            "s47e_s47_completed_by_team": ids.team(row["alloc_team"]),
            "s47e_s47_completed_by_worker_id": ids.user(row["lead_worker_id"]),
        }


def icpc_outcome(outcome: str) -> dict:
    if not outcome:
        return outcome_json(spec.ICPC_OUTCOME_KEYS, None)
    return outcome_json(spec.ICPC_OUTCOME_KEYS, (_flag_for(spec.ICPC_OUTCOME_FLAG, outcome),))


def _conferences(kind: str) -> QuerySet:
    return (
        _children(ConferenceDetail.objects)
        .filter(meeting__kind=kind, meeting__removed_at__isnull=True)
        .order_by("pk")
        .annotate(day=TruncDate("meeting__held_at"))
    )


def _icpc(ids: SmallIds) -> Iterator[dict]:
    calendar = council_calendar()
    made_plan = PlanVersion.objects.filter(
        number=1,
        meeting=OuterRef("meeting_id"),
        plan__child=OuterRef("child_id"),
        plan__kind=PlanKind.CP,
        plan__removed_at__isnull=True,
    ).order_by("plan_id")
    open_episode = (
        Episode.objects.filter(child=OuterRef("child_id"), referral_date__lte=OuterRef("day"))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=OuterRef("day")))
        .order_by("-referral_date", "-pk")
    )
    qs = (
        _conferences(MeetingKind.ICPC)
        .annotate(
            plan_pk=Subquery(made_plan.values("plan_id")[:1]),
            episode_pk=Coalesce(F("s47__episode_id"), Subquery(open_episode.values("pk")[:1])),
            **_allocation_ids("child_id", "day"),
        )
        .annotate(
            ssd_id=external_id(ConferenceDetail, "pk"),
            ssd_meeting=external_id(Meeting, "meeting_id"),
            ssd_s47=external_id(S47Enquiry, "s47_id"),
            ssd_plan=external_id(Plan, "plan_pk"),
            ssd_episode=external_id(Episode, "episode_pk"),
        )
        .values(
            "ssd_id",
            "ssd_meeting",
            "ssd_s47",
            "child__la_child_id",
            "ssd_plan",
            "ssd_episode",
            "transfer_in",
            "s47__started_on",
            "day",
            "outcome",
            "alloc_team",
            "alloc_worker",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        s47_start = row["s47__started_on"]
        yield {
            "icpc_icpc_id": row["ssd_id"],
            "icpc_icpc_meeting_id": row["ssd_meeting"],
            "icpc_s47_enquiry_id": row["ssd_s47"],
            "icpc_person_id": row["child__la_child_id"],
            "icpc_cp_plan_id": row["ssd_plan"],
            "icpc_referral_id": row["ssd_episode"],
            "icpc_icpc_transfer_in": row["transfer_in"],
            "icpc_icpc_target_date": (
                calendar.add_working_days(s47_start, ICPC_WORKING_DAYS) if s47_start else None
            ),
            "icpc_icpc_date": row["day"],
            "icpc_icpc_outcome_cp_flag": (
                (row["outcome"] == "cp_plan") if row["outcome"] else None
            ),
            "icpc_icpc_outcome_json": icpc_outcome(row["outcome"]),
            "icpc_icpc_team": ids.team(row["alloc_team"]),
            "icpc_icpc_worker_id": ids.user(row["alloc_worker"]),
        }


def _cp_plans(ids: SmallIds) -> Iterator[dict]:
    icpc = ConferenceDetail.objects.filter(
        child=OuterRef("child_id"),
        meeting__kind=MeetingKind.ICPC,
        meeting__in=PlanVersion.objects.filter(plan=OuterRef(OuterRef("pk")), number=1).values(
            "meeting_id"
        ),
    ).order_by("pk")
    categories = CPCategory.objects.filter(plan=OuterRef("pk"))
    qs = (
        _children(Plan.objects)
        .filter(kind=PlanKind.CP, started_on__isnull=False)
        .order_by("pk")
        .annotate(
            icpc_pk=Subquery(icpc.values("pk")[:1]),
            initial=Subquery(categories.order_by("from_on", "pk").values("category")[:1]),
            latest=Subquery(categories.order_by("-from_on", "-pk").values("category")[:1]),
        )
        .annotate(
            ssd_id=external_id(Plan, "pk"),
            ssd_episode=external_id(Episode, "episode_id"),
            ssd_icpc=external_id(ConferenceDetail, "icpc_pk"),
        )
        .values(
            "ssd_id",
            "ssd_episode",
            "ssd_icpc",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "initial",
            "latest",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cppl_cp_plan_id": row["ssd_id"],
            "cppl_referral_id": row["ssd_episode"],
            "cppl_icpc_id": row["ssd_icpc"],
            "cppl_person_id": row["child__la_child_id"],
            "cppl_cp_plan_start_date": row["started_on"],
            "cppl_cp_plan_end_date": row["ended_on"],
            "cppl_cp_plan_ola": False,
            "cppl_cp_plan_initial_category": row["initial"],
            "cppl_cp_plan_latest_category": row["latest"],
        }


def _cp_reviews(ids: SmallIds) -> Iterator[dict]:
    attended = Attendance.objects.filter(
        meeting=OuterRef("meeting_id"), attended=True, removed_at__isnull=True
    )
    other_agencies = (
        attended.filter(direct_contact=True)
        .exclude(agency_kind__in=["", AgencyKind.CHILDRENS_SOCIAL_CARE])
        .order_by()
        .values("meeting")
        .annotate(n=Count("agency_kind", distinct=True))
        .values("n")
    )
    participation = MeetingChild.objects.filter(
        meeting=OuterRef("meeting_id"), child=OuterRef("child_id")
    ).order_by("pk")
    qs = (
        _conferences(MeetingKind.RCPC)
        .annotate(
            csc=Exists(attended.filter(agency_kind=AgencyKind.CHILDRENS_SOCIAL_CARE)),
            others=Coalesce(Subquery(other_agencies), Value(0)),
            participation=Subquery(participation.values("participation")[:1]),
            ssd_id=external_id(ConferenceDetail, "pk"),
            ssd_meeting=external_id(Meeting, "meeting_id"),
            ssd_plan=external_id(Plan, "meeting__plan_id"),
        )
        .values(
            "ssd_id",
            "child__la_child_id",
            "ssd_plan",
            "day",
            "ssd_meeting",
            "outcome",
            "csc",
            "others",
            "participation",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cppr_cp_review_id": row["ssd_id"],
            "cppr_person_id": row["child__la_child_id"],
            "cppr_cp_plan_id": row["ssd_plan"],
            "cppr_cp_review_due": None,
            "cppr_cp_review_date": row["day"],
            "cppr_cp_review_meeting_id": row["ssd_meeting"],
            "cppr_cp_review_outcome_continue_cp": (
                (row["outcome"] == "continue") if row["outcome"] else None
            ),
            "cppr_cp_review_quorate": row["csc"] and row["others"] >= QUORATE_OTHER_AGENCIES,
            "cppr_cp_review_participation": PARTICIPATION_PN_CODE.get(row["participation"], ""),
        }


def _involvements(ids: SmallIds) -> Iterator[dict]:
    qs = (
        _children(Allocation.objects)
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


# The one place each SSD table gets its rows from.
SOURCES: dict[str, Callable[[SmallIds], Iterator[dict]]] = {
    "ssd_department": _department,
    "ssd_professionals": _professionals,
    "ssd_person": _person_rows,
    "ssd_family": _family,
    "ssd_address": _address,
    "ssd_disability": _simple_person_rows(
        Disability, {"disa_disability_code": "code"}, "disa_table_id", "disa_person_id"
    ),
    "ssd_immigration_status": _simple_person_rows(
        ImmigrationStatus,
        {
            "immi_immigration_status": "status",
            "immi_immigration_status_start_date": "started_on",
            "immi_immigration_status_end_date": "ended_on",
        },
        "immi_immigration_status_id",
        "immi_person_id",
    ),
    "ssd_linked_identifiers": _linked_identifiers,
    "ssd_contacts": _contacts,
    "ssd_early_help_episodes": _early_help,
    "ssd_cin_episodes": _cin_episodes,
    "ssd_cin_assessments": _cin_assessments,
    "ssd_assessment_factors": _assessment_factors,
    "ssd_cin_plans": _cin_plans,
    "ssd_cin_visits": _visits(VisitKind.CIN, "cinv_cin"),
    "ssd_s47_enquiry": _s47,
    "ssd_initial_cp_conference": _icpc,
    "ssd_cp_plans": _cp_plans,
    "ssd_cp_visits": _visits(VisitKind.CP, "cppv_cp"),
    "ssd_cp_reviews": _cp_reviews,
    "ssd_involvements": _involvements,
}
if set(SOURCES) != set(spec.TABLE_BY_NAME):
    raise ImportError("every declared SSD table needs one source in export.SOURCES")


# ---------------------------------------------------------------------------------------------
# Writing


def table_rows(table: spec.Table, ids: SmallIds) -> Iterator[list[str]]:
    """The formatted cells of each row of one table, in spec field order."""
    cells = [(f.name, FORMATTERS[f.type]) for f in table.fields]
    for row in SOURCES[table.name](ids):
        yield [fmt(row.get(name)) for name, fmt in cells]


def write_table(table: spec.Table, out: io.TextIOBase, ids: SmallIds, on_row=None) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.headers)
    count = 0
    for cells in table_rows(table, ids):
        writer.writerow(cells)
        count += 1
        if on_row is not None and count % 500 == 0:
            on_row(count)
    return count


def export_ssd(out_dir: Path, *, progress=None) -> dict[str, int]:
    """Write every table to `out_dir/<table>.csv` (UTF-8); returns rows written per table.

    `progress(table_name, rows_done)` is called as rows are written, when given.
    """
    ids = SmallIds.load()
    counts: dict[str, int] = {}
    for table in spec.TABLES:
        path = out_dir / table.file_name
        with path.open("w", encoding="utf-8", newline="") as handle:
            on_row = (lambda n, t=table.name: progress(t, n)) if progress else None
            counts[table.name] = write_table(table, handle, ids, on_row)
        if progress:
            progress(table.name, counts[table.name])
    return counts
