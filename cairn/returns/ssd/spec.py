"""The Standard Safeguarding Dataset tables Cairn exchanges: one declared place (ADR 22).

Every table Cairn writes on export and reads on import is declared here: its SSD table name
(the file is `<table>.csv`), its fields in file order with their SSD names and types, its
primary key and the parent foreign keys (`table.field`). Field names and JSON key sets follow
shared/domain/ssd.md (SSD v1.4.x, SystemC DDL names). The export (cairn/returns/ssd/export/)
writes exactly these headers; the import validates rows against them.

Types (`Field.type`):
- `id`: an identifier string (at most 48 characters; never reused);
- `str`: free text or a local code;
- `code`: a code from `cairn.core.codelists` (`Field.code_list`);
- `date`: `YYYY-MM-DD` on export (import also accepts `YYYY-MM-DD HH:MM:SS[.fff]`, `DD/MM/YYYY`);
- `datetime`: `YYYY-MM-DD HH:MM:SS` (declared for completeness; no current field uses it);
- `flag`: `Y`, `N`, or empty when not known;
- `int`, `float`: numbers written as text (empty when not known);
- `json`: a JSON object with exactly `Field.json_keys` in that order (flag values `"Y"`/`"N"`/`""`,
  counts as numbers, comments as text), or with `json_array` a JSON array of codes from
  `Field.code_list`.

Empty cells mean "not held". `Field.required` marks the cells an importer must find filled.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ID, STR, CODE, DATE, DATETIME, FLAG, INT, FLOAT, JSON = (
    "id",
    "str",
    "code",
    "date",
    "datetime",
    "flag",
    "int",
    "float",
    "json",
)
FIELD_TYPES = frozenset({ID, STR, CODE, DATE, DATETIME, FLAG, INT, FLOAT, JSON})

DATE_FORMAT = "%Y-%m-%d"
DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S"
YES, NO, UNKNOWN = "Y", "N", ""
MAX_ID_LENGTH = 48


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool = False
    code_list: str | None = None  # cairn.core.codelists list name, for `code` and json arrays
    json_keys: tuple[str, ...] = ()  # `json` objects: the SSD keys, in file order
    json_array: bool = False  # `json`: an array of codes instead of an object
    fk: str | None = None  # "ssd_table.field" this field refers to
    note: str = ""  # where Cairn holds it (or why it is empty)

    def __post_init__(self) -> None:
        if (
            self.type not in FIELD_TYPES
            or (self.type == CODE and not self.code_list)
            or (self.type == JSON and not (self.json_keys or self.json_array))
        ):
            raise ValueError(f"SSD field {self.name}: bad type declaration")

    @property
    def fk_table(self) -> str | None:
        return self.fk.split(".")[0] if self.fk else None

    @property
    def fk_field(self) -> str | None:
        return self.fk.split(".")[1] if self.fk else None


@dataclass(frozen=True)
class Table:
    name: str  # ssd_person
    primary_key: str
    fields: tuple[Field, ...]
    note: str = ""
    _by_name: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        names = [f.name for f in self.fields]
        if len(names) != len(set(names)) or self.primary_key not in names:
            raise ValueError(f"SSD table {self.name}: duplicate fields or no primary key")
        self._by_name.update({f.name: f for f in self.fields})

    @property
    def file_name(self) -> str:
        return f"{self.name}.csv"

    @property
    def headers(self) -> list[str]:
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field:
        return self._by_name[name]

    @property
    def foreign_keys(self) -> list[Field]:
        """Fields referring to another table (or to this one: the team hierarchy)."""
        return [f for f in self.fields if f.fk]

    @property
    def parents(self) -> list[str]:
        """Tables whose rows must exist before this table's rows (self-references excluded)."""
        seen: list[str] = []
        for f in self.foreign_keys:
            if f.fk_table != self.name and f.fk_table not in seen:
                seen.append(f.fk_table)
        return seen


# ---------------------------------------------------------------------------------------------
# JSON key sets (ssd.md "JSON outcome fields and key sets"; v1.4.5 SystemC key order)

CONTACT_OUTCOME_KEYS = (
    "NEW_REFERRAL_FLAG",
    "EXISTING_REFERRAL_FLAG",
    "CP_ENQUIRY_FLAG",
    "NFA_FLAG",
    "NON_AGENCY_ADOPTION_FLAG",
    "PRIVATE_FOSTERING_FLAG",
    "ADVICE_FLAG",
    "MISSING_FLAG",
    "OLA_CP_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
    "NUMBER_OF_OUTCOMES",
    "COMMENTS",
)
REFERRAL_OUTCOME_KEYS = (
    "SINGLE_ASSESSMENT_FLAG",
    "NFA_FLAG",
    "STRATEGY_DISCUSSION_FLAG",
    "CLA_REQUEST_FLAG",
    "NON_AGENCY_ADOPTION_FLAG",
    "PRIVATE_FOSTERING_FLAG",
    "CP_TRANSFER_IN_FLAG",
    "CP_CONFERENCE_FLAG",
    "CARE_LEAVER_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
    "NUMBER_OF_OUTCOMES",
    "COMMENTS",
)
ASSESSMENT_OUTCOME_KEYS = (
    "NFA_FLAG",
    "NFA_S47_END_FLAG",
    "STRATEGY_DISCUSSION_FLAG",
    "CLA_REQUEST_FLAG",
    "PRIVATE_FOSTERING_FLAG",
    "LEGAL_ACTION_FLAG",
    "PROV_OF_SERVICES_FLAG",
    "PROV_OF_SB_CARE_FLAG",
    "SPECIALIST_ASSESSMENT_FLAG",
    "REFERRAL_TO_OTHER_AGENCY_FLAG",
    "OTHER_ACTIONS_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
    "TOTAL_NO_OF_OUTCOMES",
    "COMMENTS",
)
S47_OUTCOME_KEYS = (
    "NFA_FLAG",
    "LEGAL_ACTION_FLAG",
    "PROV_OF_SERVICES_FLAG",
    "PROV_OF_SB_CARE_FLAG",
    "CP_CONFERENCE_FLAG",
    "NFA_CONTINUE_SINGLE_FLAG",
    "MONITOR_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
    "TOTAL_NO_OF_OUTCOMES",
    "OUTCOME_COMMENTS",
)
ICPC_OUTCOME_KEYS = (
    "NFA_FLAG",
    "REFERRAL_TO_OTHER_AGENCY_FLAG",
    "SINGLE_ASSESSMENT_FLAG",
    "PROV_OF_SERVICES_FLAG",
    "CP_FLAG",
    "OTHER_OUTCOMES_EXIST_FLAG",
    "TOTAL_NO_OF_OUTCOMES",
    "COMMENTS",
)
ADDRESS_KEYS = (
    "ROOM",
    "FLOOR",
    "FLAT",
    "BUILDING",
    "HOUSE",
    "STREET",
    "TOWN",
    "UPRN",
    "EASTING",
    "NORTHING",
)
# Keys holding a count, not a flag; keys holding text.
JSON_COUNT_KEYS = frozenset({"NUMBER_OF_OUTCOMES", "TOTAL_NO_OF_OUTCOMES"})
JSON_TEXT_KEYS = frozenset({"COMMENTS", "OUTCOME_COMMENTS", *ADDRESS_KEYS})

# ---------------------------------------------------------------------------------------------
# Mappings between Cairn's values and the SSD's, both ways (export uses them forwards, import
# inverts them). A Cairn value maps to the JSON flag set "Y"; every other flag key is "N".

# frontdoor.ContactChild.next_step -> cont_contact_outcome_json flag
CONTACT_NEXT_STEP_FLAG = {
    "referral": "NEW_REFERRAL_FLAG",
    "strategy": "CP_ENQUIRY_FLAG",
    "nfa": "NFA_FLAG",
    "advice": "ADVICE_FLAG",
    "early_help": "OTHER_OUTCOMES_EXIST_FLAG",
}
# casework.Assessment.outcome -> cina_assessment_outcome_json flag
ASSESSMENT_OUTCOME_FLAG = {
    "nfa": "NFA_FLAG",
    "strategy": "STRATEGY_DISCUSSION_FLAG",
    "cin_plan": "PROV_OF_SERVICES_FLAG",
    "early_help": "REFERRAL_TO_OTHER_AGENCY_FLAG",
    "other": "OTHER_ACTIONS_FLAG",
}
# protection.ConferenceDetail.outcome at an ICPC -> icpc_icpc_outcome_json flag
ICPC_OUTCOME_FLAG = {"cp_plan": "CP_FLAG", "no_plan": "NFA_FLAG"}
# people.Identifier.system -> link_identifier_type (and back)
IDENTIFIER_TYPE = {
    "nhs": "NHS number",
    "upn": "UPN",
    "former_upn": "Former UPN",
    "legacy": "Legacy system ID",
    "home_office": "Home Office reference",
}
# Address lines -> addr_address_json keys (the other keys are empty: Cairn does not split them)
ADDRESS_LINE_KEYS = {"line_1": "STREET", "line_2": "BUILDING", "town": "TOWN"}
# The involvement role Cairn writes for an allocation (System C: allocated case worker).
INVOLVEMENT_ROLE = "CW"


def _fk_person(name: str, required: bool = True) -> Field:
    return Field(name, ID, required=required, fk="ssd_person.pers_person_id")


def _fk_team(name: str) -> Field:
    return Field(name, ID, fk="ssd_department.dept_team_id")


def _fk_worker(name: str) -> Field:
    return Field(name, ID, fk="ssd_professionals.prof_professional_id")


def _fk_referral(name: str, required: bool = True) -> Field:
    return Field(name, ID, required=required, fk="ssd_cin_episodes.cine_referral_id")


# ---------------------------------------------------------------------------------------------
# Tables, parents before children (the order files are written and loaded in).

TABLES: tuple[Table, ...] = (
    Table(
        "ssd_department",
        "dept_team_id",
        (
            Field("dept_team_id", ID, required=True, note="accounts.Team"),
            Field("dept_team_name", STR, required=True),
            Field("dept_team_parent_id", ID, fk="ssd_department.dept_team_id"),
            Field("dept_team_parent_name", STR),
        ),
    ),
    Table(
        "ssd_professionals",
        "prof_professional_id",
        (
            Field("prof_professional_id", ID, required=True, note="accounts.User (not the system)"),
            Field("prof_staff_id", STR, note="User.username"),
            Field("prof_professional_name", STR),
            Field("prof_social_worker_registration_no", STR, note="StaffRecord.swe_number"),
            Field("prof_agency_worker_flag", FLAG, note="User.is_agency"),
            Field("prof_professional_job_title", STR, note="the role's label"),
            Field("prof_professional_caseload", INT, note="allocations open on 30 September"),
            Field("prof_professional_department", STR, note="the team's name"),
            Field("prof_full_time_equivalency", FLOAT, note="User.fte"),
        ),
    ),
    Table(
        "ssd_person",
        "pers_person_id",
        (
            Field("pers_person_id", ID, required=True, note="Person.la_child_id (children only)"),
            Field("pers_legacy_id", STR, note="Identifier of system legacy"),
            Field("pers_forename", STR),
            Field("pers_surname", STR, required=True),
            Field("pers_sex", CODE, code_list="sex"),
            Field("pers_gender", CODE, code_list="gender_identity"),
            Field("pers_ethnicity", CODE, code_list="ethnicity"),
            Field("pers_dob", DATE),
            Field("pers_expected_dob", DATE),
            Field("pers_single_unique_id", STR, note="NHS number (Identifier of system nhs)"),
            Field("pers_upn", STR, note="Identifier of system upn"),
            Field("pers_upn_unknown", CODE, code_list="upn_unknown"),
            Field("pers_send_flag", FLAG, note="not held by Cairn: empty"),
            Field("pers_death_date", DATE),
            Field("pers_is_mother", FLAG, note="derived: recorded as someone's mother"),
            Field("pers_nationality", STR, note="not held by Cairn: empty"),
        ),
        note="Children and unborn children (people with an LA child ID).",
    ),
    Table(
        "ssd_family",
        "fami_table_id",
        (
            Field("fami_table_id", ID, required=True),
            Field("fami_family_id", ID, required=True),
            _fk_person("fami_person_id"),
        ),
        note="Cairn holds no family groups: the rows are the memberships an import kept.",
    ),
    Table(
        "ssd_address",
        "addr_table_id",
        (
            Field("addr_table_id", ID, required=True, note="people.Address"),
            _fk_person("addr_person_id"),
            Field("addr_address_type", STR, note="not held by Cairn: empty"),
            Field("addr_address_start_date", DATE, required=True),
            Field("addr_address_end_date", DATE),
            Field("addr_address_postcode", STR),
            Field("addr_address_json", JSON, json_keys=ADDRESS_KEYS, note="ADDRESS_LINE_KEYS"),
        ),
    ),
    Table(
        "ssd_disability",
        "disa_table_id",
        (
            Field("disa_table_id", ID, required=True, note="people.Disability"),
            _fk_person("disa_person_id"),
            Field("disa_disability_code", CODE, required=True, code_list="disability"),
        ),
    ),
    Table(
        "ssd_immigration_status",
        "immi_immigration_status_id",
        (
            Field("immi_immigration_status_id", ID, required=True, note="ImmigrationStatus"),
            _fk_person("immi_person_id"),
            Field("immi_immigration_status", CODE, required=True, code_list="immigration_status"),
            Field("immi_immigration_status_start_date", DATE),
            Field("immi_immigration_status_end_date", DATE),
        ),
    ),
    Table(
        "ssd_linked_identifiers",
        "link_table_id",
        (
            Field("link_table_id", ID, required=True, note="people.Identifier"),
            _fk_person("link_person_id"),
            Field("link_identifier_type", STR, required=True, note="IDENTIFIER_TYPE"),
            Field("link_identifier_value", STR, required=True),
            Field("link_valid_from_date", DATE),
            Field("link_valid_to_date", DATE),
        ),
    ),
    Table(
        "ssd_contacts",
        "cont_contact_id",
        (
            Field("cont_contact_id", ID, required=True, note="frontdoor.ContactChild"),
            _fk_person("cont_person_id"),
            Field("cont_contact_date", DATE, required=True, note="Contact.received_at (date)"),
            Field("cont_contact_source_code", CODE, required=True, code_list="referral_source"),
            Field("cont_contact_source_desc", STR, note="the code's label"),
            Field(
                "cont_contact_outcome_json",
                JSON,
                json_keys=CONTACT_OUTCOME_KEYS,
                note="CONTACT_NEXT_STEP_FLAG; all flags empty while undecided",
            ),
        ),
    ),
    Table(
        "ssd_early_help_episodes",
        "earl_episode_id",
        (
            Field("earl_episode_id", ID, required=True, note="earlyhelp.EarlyHelpEpisode"),
            _fk_person("earl_person_id"),
            Field("earl_episode_start_date", DATE, required=True),
            Field("earl_episode_end_date", DATE),
            Field("earl_episode_reason", STR),
            Field("earl_episode_end_reason", STR, note="EarlyHelpEndReason value"),
            Field("earl_episode_organisation", STR, note="lead_organisation"),
            _fk_worker("earl_episode_worker_id"),
        ),
    ),
    Table(
        "ssd_cin_episodes",
        "cine_referral_id",
        (
            Field("cine_referral_id", ID, required=True, note="frontdoor.Episode"),
            _fk_person("cine_person_id"),
            Field("cine_referral_date", DATE, required=True),
            Field("cine_cin_primary_need_code", CODE, code_list="primary_need"),
            Field("cine_referral_source_code", CODE, required=True, code_list="referral_source"),
            Field("cine_referral_source_desc", STR, note="the code's label"),
            Field(
                "cine_referral_outcome_json",
                JSON,
                json_keys=REFERRAL_OUTCOME_KEYS,
                note="derived from the episode's assessments, S47s and conferences",
            ),
            Field("cine_referral_nfa", FLAG),
            Field("cine_close_reason", CODE, code_list="closure_reason"),
            Field("cine_close_date", DATE),
            _fk_team("cine_referral_team"),
            _fk_worker("cine_referral_worker_id"),
        ),
        note="Team and worker: the episode's first allocation.",
    ),
    Table(
        "ssd_cin_assessments",
        "cina_assessment_id",
        (
            Field("cina_assessment_id", ID, required=True, note="casework.Assessment"),
            _fk_person("cina_person_id"),
            _fk_referral("cina_referral_id"),
            Field("cina_assessment_start_date", DATE, required=True),
            Field("cina_assessment_child_seen", FLAG, note="child_seen_on is set"),
            Field("cina_assessment_auth_date", DATE),
            Field(
                "cina_assessment_outcome_json",
                JSON,
                json_keys=ASSESSMENT_OUTCOME_KEYS,
                note="ASSESSMENT_OUTCOME_FLAG; all flags empty without an outcome",
            ),
            Field("cina_assessment_outcome_nfa", FLAG),
            _fk_team("cina_assessment_team"),
            _fk_worker("cina_assessment_worker_id"),
        ),
        note="Team and worker: the child's allocation on the start date.",
    ),
    Table(
        "ssd_assessment_factors",
        "cinf_table_id",
        (
            Field("cinf_table_id", ID, required=True, note="the assessment's id"),
            Field(
                "cinf_assessment_id",
                ID,
                required=True,
                fk="ssd_cin_assessments.cina_assessment_id",
            ),
            Field(
                "cinf_assessment_factors_json",
                JSON,
                required=True,
                json_array=True,
                code_list="assessment_factor",
                note="codes in code-list order",
            ),
        ),
        note="One row per assessment with factors.",
    ),
    Table(
        "ssd_cin_plans",
        "cinp_cin_plan_id",
        (
            Field("cinp_cin_plan_id", ID, required=True, note="casework.Plan of kind cin"),
            _fk_referral("cinp_referral_id"),
            _fk_person("cinp_person_id"),
            Field("cinp_cin_plan_start_date", DATE, required=True),
            Field("cinp_cin_plan_end_date", DATE),
            _fk_team("cinp_cin_plan_team"),
            _fk_worker("cinp_cin_plan_worker_id"),
        ),
        note="Started plans only. Team and worker: the child's allocation on the start date.",
    ),
    Table(
        "ssd_cin_visits",
        "cinv_cin_visit_id",
        (
            Field("cinv_cin_visit_id", ID, required=True, note="casework.Visit of kind cin"),
            _fk_person("cinv_person_id"),
            Field("cinv_cin_visit_date", DATE, required=True),
            Field("cinv_cin_visit_seen", FLAG),
            Field("cinv_cin_visit_seen_alone", FLAG),
            Field("cinv_cin_visit_bedroom", FLAG),
        ),
    ),
    Table(
        "ssd_s47_enquiry",
        "s47e_s47_enquiry_id",
        (
            Field("s47e_s47_enquiry_id", ID, required=True, note="protection.S47Enquiry"),
            _fk_referral("s47e_referral_id"),
            _fk_person("s47e_person_id"),
            Field("s47e_s47_start_date", DATE, required=True),
            Field("s47e_s47_end_date", DATE),
            Field("s47e_s47_nfa", FLAG),
            Field(
                "s47e_s47_outcome_json",
                JSON,
                json_keys=S47_OUTCOME_KEYS,
                note="CP_CONFERENCE_FLAG = icpc_needed; see export.s47_outcome",
            ),
            _fk_team("s47e_s47_completed_by_team"),
            _fk_worker("s47e_s47_completed_by_worker_id"),
        ),
        note="Worker: lead_worker; team: the child's allocation on the start date.",
    ),
    Table(
        "ssd_initial_cp_conference",
        "icpc_icpc_id",
        (
            Field("icpc_icpc_id", ID, required=True, note="protection.ConferenceDetail (icpc)"),
            Field("icpc_icpc_meeting_id", ID, note="casework.Meeting"),
            Field("icpc_s47_enquiry_id", ID, fk="ssd_s47_enquiry.s47e_s47_enquiry_id"),
            _fk_person("icpc_person_id"),
            Field("icpc_cp_plan_id", ID, note="the CP plan it made (no FK: plans come later)"),
            _fk_referral("icpc_referral_id", required=False),
            Field("icpc_icpc_transfer_in", FLAG),
            Field("icpc_icpc_target_date", DATE, note="S47 start + 15 working days"),
            Field("icpc_icpc_date", DATE, required=True, note="Meeting.held_at (date)"),
            Field("icpc_icpc_outcome_cp_flag", FLAG),
            Field("icpc_icpc_outcome_json", JSON, json_keys=ICPC_OUTCOME_KEYS),
            _fk_team("icpc_icpc_team"),
            _fk_worker("icpc_icpc_worker_id"),
        ),
        note="Team and worker: the child's allocation on the conference date.",
    ),
    Table(
        "ssd_cp_plans",
        "cppl_cp_plan_id",
        (
            Field("cppl_cp_plan_id", ID, required=True, note="casework.Plan of kind cp"),
            _fk_referral("cppl_referral_id", required=False),
            Field("cppl_icpc_id", ID, fk="ssd_initial_cp_conference.icpc_icpc_id"),
            _fk_person("cppl_person_id"),
            Field("cppl_cp_plan_start_date", DATE, required=True),
            Field("cppl_cp_plan_end_date", DATE),
            Field("cppl_cp_plan_ola", FLAG, note="Cairn holds its own plans: N"),
            Field("cppl_cp_plan_initial_category", CODE, code_list="category_of_abuse"),
            Field("cppl_cp_plan_latest_category", CODE, code_list="category_of_abuse"),
        ),
        note="Started plans only. Categories: first and last CPCategory rows.",
    ),
    Table(
        "ssd_cp_visits",
        "cppv_cp_visit_id",
        (
            Field("cppv_cp_visit_id", ID, required=True, note="casework.Visit of kind cp"),
            _fk_person("cppv_person_id"),
            Field("cppv_cp_plan_id", ID, fk="ssd_cp_plans.cppl_cp_plan_id"),
            Field("cppv_cp_visit_date", DATE, required=True),
            Field("cppv_cp_visit_seen", FLAG),
            Field("cppv_cp_visit_seen_alone", FLAG),
            Field("cppv_cp_visit_bedroom", FLAG),
        ),
        note="Plan: the child's CP plan open on the visit date.",
    ),
    Table(
        "ssd_cp_reviews",
        "cppr_cp_review_id",
        (
            Field(
                "cppr_cp_review_id", ID, required=True, note="protection.ConferenceDetail (rcpc)"
            ),
            _fk_person("cppr_person_id"),
            Field("cppr_cp_plan_id", ID, fk="ssd_cp_plans.cppl_cp_plan_id"),
            Field("cppr_cp_review_due", DATE, note="not held as a field: empty"),
            Field("cppr_cp_review_date", DATE, required=True),
            Field("cppr_cp_review_meeting_id", ID, note="casework.Meeting"),
            Field("cppr_cp_review_outcome_continue_cp", FLAG),
            Field("cppr_cp_review_quorate", FLAG, note="derived from attendance"),
            Field("cppr_cp_review_participation", CODE, code_list="participation"),
        ),
    ),
    Table(
        "ssd_involvements",
        "invo_involvements_id",
        (
            Field("invo_involvements_id", ID, required=True, note="workforce.Allocation"),
            _fk_worker("invo_professional_id"),
            Field("invo_professional_role_id", STR, note="INVOLVEMENT_ROLE"),
            Field("invo_professional_team", ID, required=True, fk="ssd_department.dept_team_id"),
            _fk_person("invo_person_id"),
            _fk_referral("invo_referral_id", required=False),
            Field("invo_involvement_start_date", DATE, required=True),
            Field("invo_involvement_end_date", DATE),
            Field("invo_worker_change_reason", STR, note="Allocation.reason"),
        ),
        note="An allocation with no worker is the team's unallocated queue.",
    ),
)

TABLE_BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def table(name: str) -> Table:
    return TABLE_BY_NAME[name]


def _check() -> None:
    """Every foreign key names a declared field; parents are declared before children."""
    order = {t.name: i for i, t in enumerate(TABLES)}
    for t in TABLES:
        for f in t.foreign_keys:
            parent = TABLE_BY_NAME[f.fk_table]
            if f.fk_field != parent.primary_key or order[f.fk_table] > order[t.name]:
                raise ValueError(f"SSD table {t.name}: bad foreign key {f.fk}")


_check()
