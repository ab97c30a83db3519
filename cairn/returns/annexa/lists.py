"""The Annex A lists: for each list, its rows (a selector) and its columns in order, each column
with its exact header (annex-a.md) and the one place its value is derived.

A column's `value(row, period)` returns a str, int, date or None (a blank cell). Rows are the
fact dicts of `selectors.py`. Columns for data Cairn does not hold (placements, health and
dental checks, IRO visits, permanence plans, absences, return interviews) are declared with
`not_held`, so they are written blank and are easy to find when the record grows.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from cairn.returns.annexa import labels as L
from cairn.returns.annexa import selectors
from cairn.returns.annexa.derivations import (
    allocated_team,
    allocated_worker,
    assessed_in_need,
    care_started_on,
    case_status,
    category_of_need,
    closure_reason,
    count_previous,
    disability,
    emergency_protection,
    icpc_date,
    icpc_decided_plan,
    last_social_work_visit,
    last_statutory_visit,
    missing_episodes,
    not_held,
    previous_cp_plans,
    primary_need,
    reason_ceased,
    seen_alone,
    subsequent_period,
    until_reference,
)
from cairn.returns.annexa.period import Period, age_in_years


class Kind(Enum):
    TEXT = "text"
    DATE = "date"
    INT = "int"


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict, Period], object]
    kind: Kind = Kind.TEXT


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    columns: tuple[Column, ...]
    rows: Callable[[Period, selectors.Names], Iterator[dict]]

    @property
    def sheet_name(self) -> str:
        return f"List {self.number}"

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


COMMON = (
    Column("Child Unique ID", lambda row, _: row["child"].la_child_id),
    Column("Gender", lambda row, _: L.coded(L.GENDER, row["child"].sex)),
    Column("Ethnicity", lambda row, _: L.coded(L.ETHNICITY_LABELS, row["child"].ethnicity)),
    Column("Date of Birth", lambda row, _: row["child"].date_of_birth, Kind.DATE),
    Column(
        "Age of Child (Years)",
        lambda row, p: age_in_years(row["child"].date_of_birth, p.reference_date),
        Kind.INT,
    ),
)
DISABILITY = Column("Does the Child have a Disability", disability)
ALLOCATED = (Column("Allocated Team", allocated_team), Column("Allocated Worker", allocated_worker))


# ---------------------------------------------------------------------------------------------
# The lists

LIST_1 = AnnexList(
    1,
    "Contacts",
    (
        *COMMON,
        Column("Date of Contact", lambda row, _: row["contact_date"], Kind.DATE),
        Column("Contact Source", lambda row, _: L.coded(L.SOURCE_LABELS, row["source"])),
    ),
    lambda period, _names: selectors.contact_rows(period),
)

LIST_2 = AnnexList(
    2,
    "Early help",
    (
        *COMMON,
        Column("Assessment start date", lambda row, _: row["started_on"], Kind.DATE),
        # Cairn records the early help episode, not a separate assessment completion.
        Column("Assessment completion date", not_held, Kind.DATE),
        Column("Organisation completing assessment", lambda row, _: row["lead_organisation"]),
    ),
    lambda period, _names: selectors.early_help_rows(period),
)

LIST_3 = AnnexList(
    3,
    "Referrals",
    (
        *COMMON,
        Column("Date of referral", lambda row, _: row["referral_date"], Kind.DATE),
        Column("Referral Source", lambda row, _: L.coded(L.SOURCE_LABELS, row["source"])),
        Column("Referral NFA?", lambda row, _: L.yes_no(row["referral_nfa"])),
        Column(
            "Number of Referrals in Last 12 Months",
            lambda row, _: count_previous(row["child_referral_dates"], row["referral_date"]),
            Kind.INT,
        ),
        *ALLOCATED,
    ),
    selectors.referral_rows,
)


LIST_4 = AnnexList(
    4,
    "Assessments",
    (
        *COMMON,
        DISABILITY,
        Column("Continuous Assessment Start Date", lambda row, _: row["started_on"], Kind.DATE),
        Column(
            "Child Seen During Continuous Assessment",
            lambda row, p: L.yes_no(until_reference(row["child_seen_on"], p) is not None),
        ),
        Column(
            "Continuous Assessment Date of Authorisation",
            lambda row, p: until_reference(row["authorised_on"], p),
            Kind.DATE,
        ),
        Column(
            "Was the child assessed as requiring LA children's social care support?",
            assessed_in_need,
        ),
        *ALLOCATED,
    ),
    selectors.assessment_rows,
)


LIST_5 = AnnexList(
    5,
    "Section 47 enquiries and ICPCs",
    (
        *COMMON,
        DISABILITY,
        Column(
            "Strategy discussion initiating Section 47 Enquiry Start Date",
            lambda row, _: row["started_on"],
            Kind.DATE,
        ),
        Column(
            "Was an Initial Child Protection Conference deemed unnecessary?",
            lambda row, _: L.yes_no(None if row["icpc_needed"] is None else not row["icpc_needed"]),
        ),
        Column("Date of Initial Child Protection Conference", icpc_date, Kind.DATE),
        Column(
            "Did the Initial Child Protection Conference Result in a Child Protection Plan",
            icpc_decided_plan,
        ),
        Column(
            "Number of Section 47 Enquiries in the last 12 months",
            lambda row, _: count_previous(row["child_s47_dates"], row["started_on"]),
            Kind.INT,
        ),
        Column(
            "Number of ICPCs in the last 12 months",
            lambda row, _: count_previous(row["child_icpc_dates"], row["started_on"]),
            Kind.INT,
        ),
        *ALLOCATED,
    ),
    selectors.s47_rows,
)

LIST_6 = AnnexList(
    6,
    "Children in need",
    (
        *COMMON,
        DISABILITY,
        Column("CIN Start Date", lambda row, _: row["referral_date"], Kind.DATE),
        Column("Primary Need Code", primary_need),
        Column("Date Child Was Last Seen", lambda row, _: row["last_seen_on"], Kind.DATE),
        Column("CIN Closure Date", lambda row, p: until_reference(row["closed_on"], p), Kind.DATE),
        Column("Reason for Closure", closure_reason),
        Column("Case Status", case_status),
        *ALLOCATED,
    ),
    selectors.cin_rows,
)

LIST_7 = AnnexList(
    7,
    "Child protection",
    (
        *COMMON,
        DISABILITY,
        Column("Child Protection Plan Start Date", lambda row, _: row["started_on"], Kind.DATE),
        Column(
            "Initial Category of Abuse",
            lambda row, _: (
                L.coded(L.CATEGORY_OF_ABUSE, row["categories"][0]) if row["categories"] else None
            ),
        ),
        Column(
            "Latest Category of Abuse",
            lambda row, _: (
                L.coded(L.CATEGORY_OF_ABUSE, row["categories"][-1]) if row["categories"] else None
            ),
        ),
        Column("Date of the Last Statutory Visit", last_statutory_visit, Kind.DATE),
        Column("Was the Child Seen Alone?", seen_alone),
        Column("Date of latest review conference", lambda row, _: row["last_review_on"], Kind.DATE),
        Column(
            "Child Protection Plan End Date",
            lambda row, p: until_reference(row["ended_on"], p),
            Kind.DATE,
        ),
        Column(
            "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six "
            "Months (Y/N)",
            emergency_protection,
        ),
        Column("Number of Previous Child Protection Plans", previous_cp_plans, Kind.INT),
        *ALLOCATED,
    ),
    selectors.cp_rows,
)

LIST_8 = AnnexList(
    8,
    "Children in care",
    (
        *COMMON,
        Column(
            "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
            lambda row, _: L.yes_no(row["uasc_in_year"]),
        ),
        DISABILITY,
        Column("Date Started to be Looked After", care_started_on, Kind.DATE),
        Column("Child's Category of Need", category_of_need),
        Column(
            "Is this a second or subsequent period of being a Looked After Child within the last "
            "12 months (Y/N)",
            subsequent_period,
        ),
        Column("Start date of current legal status", lambda row, _: row["started_on"], Kind.DATE),
        Column("Child's Legal Status", lambda row, _: L.coded(L.LEGAL_STATUS, row["legal_status"])),
        Column("Date of Latest Statutory Review", not_held, Kind.DATE),
        Column("Date of Last Social Work Visit", last_social_work_visit, Kind.DATE),
        Column("What is the permanence plan for this child?", not_held),
        Column("Date of Last IRO Visit / Contact to the Child", not_held, Kind.DATE),
        Column("Date of Last Health Assessment", not_held, Kind.DATE),
        Column("Date of Last Dental Check", not_held, Kind.DATE),
        Column("Number of Placements in the Last 12 months", not_held, Kind.INT),
        Column(
            "Date Ceased to be Looked After",
            lambda row, p: until_reference(row["ceased_on"], p),
            Kind.DATE,
        ),
        Column("Reason Ceased to be Looked After", reason_ceased),
        Column("Start Date of Most Recent Placement", not_held, Kind.DATE),
        Column("Placement Type", not_held),
        Column("Placement Provider", not_held),
        Column("Placement postcode", not_held),
        Column("URN of Placement", not_held),
        Column("Placement Location", not_held),
        Column("LA of Placement", not_held),
        Column(
            "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 "
            "months",
            missing_episodes,
            Kind.INT,
        ),
        Column(
            "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 "
            "months",
            not_held,
            Kind.INT,
        ),
        Column(
            "Was the child offered a Return Interview after their last missing episode (Y/N)?",
            not_held,
        ),
        Column(
            "Did the child accept a Return Interview after their last missing episode (Y/N)?",
            not_held,
        ),
        *ALLOCATED,
    ),
    selectors.looked_after_rows,
)

LISTS: tuple[AnnexList, ...] = (LIST_1, LIST_2, LIST_3, LIST_4, LIST_5, LIST_6, LIST_7, LIST_8)
