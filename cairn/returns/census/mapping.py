"""Where every CIN census element comes from (architecture decision 6: every field that feeds a
return maps to its item in one place). The pre-proceedings block's own table is
`cairn.legal.returns_mapping.CENSUS`; this module applies it.

`SOURCES` documents each element's record field; the `*_element` functions below apply it to the
facts `selectors.py` reads, writing elements in schema order (cin-census.md, "Element tree"),
leaving out optional elements with no value and never writing an empty group.
"""

import datetime as dt
from xml.etree import ElementTree as etree

from django.conf import settings

from cairn.core.working_days import WorkingDayCalendar
from cairn.legal.returns_mapping import census_row

from .period import CensusYear
from .selectors import ChildFacts, EpisodeFacts, PlanFacts

# Census element -> the record field it is derived from.
SOURCES: dict[str, str] = {
    # Header
    "Collection": '"CIN"',
    "Year": "the reference date's year",
    "ReferenceDate": "the --reference-date given (31 March)",
    "SourceLevel": '"L"',
    "LEA": "settings.CAIRN_LA_CODE",
    "SoftwareCode": "settings.CAIRN_CENSUS_SOFTWARE_CODE",
    "Release": "settings.CAIRN_CENSUS_RELEASE",
    "SerialNo": "settings.CAIRN_CENSUS_SERIAL_NO (at least 3 digits)",
    "DateTime": "the time the file is written (the one clock)",
    # ChildIdentifiers
    "LAchildID": "Person.la_child_id",
    "UPN": "Identifier (system upn) current on the reference date",
    "FormerUPN": "Identifier (system former_upn), or a upn that ended by the reference date",
    "UPNunknown": "Person.upn_unknown_reason, when there is no UPN",
    "PersonBirthDate": "Person.date_of_birth, when on or before the reference date",
    "ExpectedPersonBirthDate": "Person.expected_date_of_birth, for a child unborn on the date",
    "Sex": "Person.sex (U for a child unborn on the date)",
    "PersonDeathDate": "Person.date_of_death, when on or before the reference date",
    # ChildCharacteristics
    "Ethnicity": "Person.ethnicity",
    "Disability": "Disability.code, one element per code",
    # CINdetails (one per Episode in scope)
    "CINreferralDate": "Episode.referral_date",
    "ReferralSource": "Episode.source",
    "PrimaryNeedCode": "Episode.primary_need",
    "CINclosureDate": "Episode.closed_on (on or before the reference date)",
    "ReasonForClosure": "Episode.closure_reason",
    "CINdetails/DateOfInitialCPC": "ICPC (ConferenceDetail, meeting kind icpc) with no S47",
    "AssessmentActualStartDate": "Assessment.started_on",
    "AssessmentAuthorisationDate": "Assessment.authorised_on",
    "AssessmentFactors": "AssessmentFactor.code, authorised assessments only",
    "CINPlanStartDate": "Plan (kind cin).started_on",
    "CINPlanEndDate": "Plan (kind cin).ended_on",
    "S47ActualStartDate": "S47Enquiry.started_on (the strategy discussion)",
    "InitialCPCtarget": "S47Enquiry.started_on + 15 working days (bank holidays excluded)",
    "Section47/DateOfInitialCPC": "the ICPC (ConferenceDetail.s47) held for the enquiry",
    "ICPCnotRequired": "S47Enquiry.icpc_needed False -> 1, otherwise 0",
    "ReferralNFA": "Episode.referral_nfa -> 1/0",
    "CPPstartDate": "Plan (kind cp).started_on",
    "CPPendDate": "Plan (kind cp).ended_on",
    "InitialCategoryOfAbuse": "the plan's first CPCategory",
    "LatestCategoryOfAbuse": "the plan's latest CPCategory from on or before the date",
    "NumberOfPreviousCPP": "count of the child's CP plans started before this one",
    "CPPreviewDate": "review conferences (Meeting kind rcpc) of the plan held in the year",
    "PreProceedingsandFGDM": "cairn.legal.returns_mapping.CENSUS (2026/27 on)",
}

CALENDAR = WorkingDayCalendar()  # England and Wales bank holidays, as DfE counts


def _d(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def flag(value: bool) -> str:
    return "1" if value else "0"


def _add(parent, tag: str, value) -> None:
    """A child element with text; left out when there is no value."""
    if value is None or value == "":
        return
    etree.SubElement(parent, tag).text = str(value)


def header_element(year: CensusYear, written_at: dt.datetime) -> etree.Element:
    header = etree.Element("Header")
    details = etree.SubElement(header, "CollectionDetails")
    _add(details, "Collection", "CIN")
    _add(details, "Year", year.year)
    _add(details, "ReferenceDate", _d(year.reference_date))
    source = etree.SubElement(header, "Source")
    _add(source, "SourceLevel", "L")
    _add(source, "LEA", settings.CAIRN_LA_CODE)
    _add(source, "SoftwareCode", settings.CAIRN_CENSUS_SOFTWARE_CODE)
    _add(source, "Release", settings.CAIRN_CENSUS_RELEASE)
    _add(source, "SerialNo", settings.CAIRN_CENSUS_SERIAL_NO)
    _add(source, "DateTime", written_at.strftime("%Y-%m-%dT%H:%M:%S"))
    return header


def child_element(child: ChildFacts, year: CensusYear) -> etree.Element:
    ref = year.reference_date
    element = etree.Element("Child")
    ids = etree.SubElement(element, "ChildIdentifiers")
    _add(ids, "LAchildID", child.la_child_id)
    _add(ids, "UPN", child.upn)
    _add(ids, "FormerUPN", child.former_upn)
    if not child.upn:
        _add(ids, "UPNunknown", child.upn_unknown_reason)
    born = child.date_of_birth is not None and child.date_of_birth <= ref
    if born:
        _add(ids, "PersonBirthDate", _d(child.date_of_birth))
    else:
        _add(
            ids, "ExpectedPersonBirthDate", _d(child.expected_date_of_birth or child.date_of_birth)
        )
    _add(ids, "Sex", child.sex if born else "U")
    if child.date_of_death and child.date_of_death <= ref:
        _add(ids, "PersonDeathDate", _d(child.date_of_death))
    characteristics = etree.SubElement(element, "ChildCharacteristics")
    _add(characteristics, "Ethnicity", child.ethnicity)
    if child.disabilities:
        disabilities = etree.SubElement(characteristics, "Disabilities")
        for code in child.disabilities:
            _add(disabilities, "Disability", code)
    for episode in child.episodes:
        element.append(episode_element(episode, year))
    return element


def episode_element(episode: EpisodeFacts, year: CensusYear) -> etree.Element:
    element = etree.Element("CINdetails")
    _add(element, "CINreferralDate", _d(episode.referral_date))
    _add(element, "ReferralSource", episode.source)
    _add(element, "PrimaryNeedCode", episode.primary_need)
    _add(element, "CINclosureDate", _d(episode.closed_on))
    _add(element, "ReasonForClosure", episode.closure_reason)
    _add(element, "DateOfInitialCPC", _d(episode.icpc_on))
    for a in episode.assessments:
        group = etree.SubElement(element, "Assessments")
        _add(group, "AssessmentActualStartDate", _d(a.started_on))
        _add(group, "AssessmentAuthorisationDate", _d(a.authorised_on))
        if a.authorised_on and a.factors:
            factors = etree.SubElement(group, "FactorsIdentifiedAtAssessment")
            for code in a.factors:
                _add(factors, "AssessmentFactors", code)
    for plan in episode.cin_plans:
        group = etree.SubElement(element, "CINPlanDates")
        _add(group, "CINPlanStartDate", _d(plan.started_on))
        _add(group, "CINPlanEndDate", _d(plan.ended_on))
    for s47 in episode.s47s:
        group = etree.SubElement(element, "Section47")
        _add(group, "S47ActualStartDate", _d(s47.started_on))
        _add(group, "InitialCPCtarget", _d(CALENDAR.add_working_days(s47.started_on, 15)))
        _add(group, "DateOfInitialCPC", _d(s47.icpc_on))
        _add(group, "ICPCnotRequired", flag(s47.icpc_on is None and s47.icpc_needed is False))
    _add(element, "ReferralNFA", flag(episode.referral_nfa))
    for plan in episode.cp_plans:
        element.append(cp_plan_element(plan))
    if year.has_pre_proceedings:
        for facts in episode.pre_proceedings:
            element.append(pre_proceedings_element(facts, year))
    return element


def pre_proceedings_element(facts, year: CensusYear) -> etree.Element:
    element = etree.Element("PreProceedingsandFGDM")
    reference = _d(year.reference_date)
    for tag, value in census_row(facts).items():
        # A dated item after the reference date has not happened yet.
        if len(value) == 10 and value[4] == "-" and value > reference:
            value = ""
        _add(element, tag, value)
    return element


def cp_plan_element(plan: PlanFacts) -> etree.Element:
    element = etree.Element("ChildProtectionPlans")
    _add(element, "CPPstartDate", _d(plan.started_on))
    _add(element, "CPPendDate", _d(plan.ended_on))
    if plan.categories:
        _add(element, "InitialCategoryOfAbuse", plan.categories[0][1])
        _add(element, "LatestCategoryOfAbuse", plan.categories[-1][1])
    _add(element, "NumberOfPreviousCPP", plan.previous_plans)
    if plan.review_dates:
        reviews = etree.SubElement(element, "Reviews")
        for day in plan.review_dates:
            _add(reviews, "CPPreviewDate", _d(day))
    return element
