"""Cairn's own CIN census validator: the DfE rules of cin-census.md (errors and queries) as
checks over any return file, ours or anyone's.

The file is parsed once into plain Python structures (`parse_return`); each rule is a small
function over one child (or over the whole return) and `validate` runs the rules that apply to
the file's census year. Rules are versioned by census year (`since` / `until`, the year
ReferenceDate falls in): e.g. the pre-proceedings rules apply from 2026/27.
"""

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as etree

from cairn.core.working_days import WorkingDayCalendar

ERROR, QUERY = "error", "query"

# --- code lists (codes.md) ----------------------------------------------------------------------

REFERRAL_SOURCES = frozenset("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10".split())
PRIMARY_NEEDS = frozenset(f"N{i}" for i in range(10))
CLOSURE_REASONS = frozenset(f"RC{i}" for i in range(1, 10))
FACTORS = frozenset(
    "1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A "
    "13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A".split()
)  # 18A and 19A are still accepted, and queried (8945Q, 8950Q)
CATEGORIES = frozenset({"NEG", "PHY", "SAB", "EMO", "MUL"})
DISABILITIES = frozenset("NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA".split())
ETHNICITIES = frozenset(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE "
    "OOTH REFU NOBT".split()
)
SEXES = frozenset({"M", "F", "U"})
PP_OUTCOMES = frozenset({"A", "B", "C"})
BOOLEANS = {"true": True, "TRUE": True, "1": True, "false": False, "FALSE": False, "0": False}


def _la_codes() -> frozenset[str]:
    ranges = (
        "001-005 201-213 301-320 330-336 340-344 350-359 370-373 380-384 390-394 420 660-681 "
        "701-708 800-803 805-808 810-813 815 816 820-823 825 826 830 831 835-841 845 846 "
        "850-852 855-857 860 861 865-896 908 909 916 919 921 925 926 928 929 931 933 935-938 "
        "940-943"
    )
    codes = set()
    for part in ranges.split():
        low, _, high = part.partition("-")
        codes.update(f"{n:03d}" for n in range(int(low), int(high or low) + 1))
    return frozenset(codes)


LA_CODES = _la_codes()
UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
ALNUM = re.compile(r"^[A-Za-z0-9]+$")
FORMER_UPN = re.compile(r"^[A-Za-z][0-9]{12}$")

# --- the parsed return ----------------------------------------------------------------------


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class Assessment:
    start: dt.date | None
    auth: dt.date | None
    factors: list[str]


@dataclass(slots=True)
class Span:
    """A CIN or CP plan."""

    start: dt.date | None
    end: dt.date | None
    initial: str = ""
    latest: str = ""
    previous: str | None = None
    reviews: list[dt.date | None] = field(default_factory=list)
    empty_reviews: bool = False


@dataclass(slots=True)
class S47:
    start: dt.date | None
    target: dt.date | None
    icpc: dt.date | None
    not_required: bool | None

    @property
    def awaiting(self) -> bool:
        return self.icpc is None and self.not_required is False


@dataclass(slots=True)
class Episode:
    referral: dt.date | None
    source: str
    need: str
    closed: dt.date | None
    reason: str
    icpc: dt.date | None
    nfa_text: str | None
    assessments: list[Assessment] = field(default_factory=list)
    cin_plans: list[Span] = field(default_factory=list)
    s47s: list[S47] = field(default_factory=list)
    cp_plans: list[Span] = field(default_factory=list)
    pre_proceedings: list[dict[str, str]] = field(default_factory=list)

    @property
    def nfa(self) -> bool:
        return BOOLEANS.get(self.nfa_text or "") is True

    @property
    def icpc_dates(self) -> set[dt.date]:
        return {d for d in [self.icpc, *(s.icpc for s in self.s47s)] if d}

    def activity_dates(self) -> list[dt.date]:
        days = [self.icpc]
        for a in self.assessments:
            days += [a.start, a.auth]
        for p in self.cin_plans + self.cp_plans:
            days += [p.start, p.end, *p.reviews]
        for s in self.s47s:
            days += [s.start, s.icpc]
        return [d for d in days if d]


@dataclass(slots=True)
class Child:
    id: str
    upn: str
    former_upn: str
    upn_unknown: str
    dob: dt.date | None
    edob: dt.date | None
    sex: str
    death: dt.date | None
    ethnicity: str
    disabilities: list[str]
    episodes: list[Episode]

    @property
    def non_nfa(self) -> bool:
        return any(not e.nfa for e in self.episodes)


@dataclass
class Return:
    reference_date: dt.date | None
    year_text: str
    children: list[Child]


def _text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def parse_return(source) -> Return:
    """Parse a return file (path or file object). Raises ValueError when it is not XML."""
    try:
        # The standard library parser: expat >= 2.4.1 refuses entity-expansion attacks and
        # ElementTree never fetches external entities (Python docs, "XML vulnerabilities").
        root = etree.parse(source)  # noqa: S314
    except (etree.ParseError, OSError) as exc:
        raise ValueError(f"not a readable XML file: {exc}") from None
    root = root.getroot()
    reference = _text(root, "Header/CollectionDetails/ReferenceDate")
    children = [_child(element) for element in root.iterfind("Children/Child")]
    return Return(_date(reference), _text(root, "Header/CollectionDetails/Year"), children)


def _child(element) -> Child:
    ids = element.find("ChildIdentifiers")
    ids = ids if ids is not None else etree.Element("x")
    chars = element.find("ChildCharacteristics")
    chars = chars if chars is not None else etree.Element("x")
    return Child(
        id=_text(ids, "LAchildID"),
        upn=_text(ids, "UPN"),
        former_upn=_text(ids, "FormerUPN"),
        upn_unknown=_text(ids, "UPNunknown"),
        dob=_date(_text(ids, "PersonBirthDate")),
        edob=_date(_text(ids, "ExpectedPersonBirthDate")),
        sex=_text(ids, "Sex"),
        death=_date(_text(ids, "PersonDeathDate")),
        ethnicity=_text(chars, "Ethnicity"),
        disabilities=[(d.text or "").strip() for d in chars.iterfind("Disabilities/Disability")],
        episodes=[_episode(e) for e in element.iterfind("CINdetails")],
    )


def _episode(e) -> Episode:
    nfa = e.find("ReferralNFA")
    episode = Episode(
        referral=_date(_text(e, "CINreferralDate")),
        source=_text(e, "ReferralSource"),
        need=_text(e, "PrimaryNeedCode"),
        closed=_date(_text(e, "CINclosureDate")),
        reason=_text(e, "ReasonForClosure"),
        icpc=_date(_text(e, "DateOfInitialCPC")),
        nfa_text=None if nfa is None else (nfa.text or "").strip(),
    )
    for a in e.iterfind("Assessments"):
        factors = [(f.text or "").strip() for f in a.iterfind(".//AssessmentFactors")]
        episode.assessments.append(
            Assessment(
                _date(_text(a, "AssessmentActualStartDate")),
                _date(_text(a, "AssessmentAuthorisationDate")),
                factors,
            )
        )
    for p in e.iterfind("CINPlanDates"):
        episode.cin_plans.append(
            Span(_date(_text(p, "CINPlanStartDate")), _date(_text(p, "CINPlanEndDate")))
        )
    for s in e.iterfind("Section47"):
        flag = s.find("ICPCnotRequired")
        episode.s47s.append(
            S47(
                _date(_text(s, "S47ActualStartDate")),
                _date(_text(s, "InitialCPCtarget")),
                _date(_text(s, "DateOfInitialCPC")),
                BOOLEANS.get((flag.text or "").strip()) if flag is not None else None,
            )
        )
    for p in e.iterfind("ChildProtectionPlans"):
        previous = p.find("NumberOfPreviousCPP")
        groups = p.findall("Reviews")
        reviews = [
            _date((r.text or "").strip()) for g in groups for r in g.iterfind("CPPreviewDate")
        ]
        episode.cp_plans.append(
            Span(
                _date(_text(p, "CPPstartDate")),
                _date(_text(p, "CPPendDate")),
                _text(p, "InitialCategoryOfAbuse"),
                _text(p, "LatestCategoryOfAbuse"),
                None if previous is None else (previous.text or "").strip(),
                reviews,
                any(
                    g.find("CPPreviewDate") is None or not _text(g, "CPPreviewDate") for g in groups
                ),
            )
        )
    for pp in e.iterfind("PreProceedingsandFGDM"):
        episode.pre_proceedings.append({c.tag: (c.text or "").strip() for c in pp})
    return episode


# --- rules ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    code: str
    message: str
    check: Callable
    whole_return: bool = False
    since: int = 0  # first census year (ReferenceDate's year) the rule applies to
    until: int = 9999

    @property
    def type(self) -> str:
        return QUERY if self.code.endswith("Q") else ERROR

    def applies(self, year: int) -> bool:
        return self.since <= year <= self.until


RULES: list[Rule] = []


def rule(code: str, message: str, *, whole_return: bool = False, since: int = 0):
    def register(check):
        RULES.append(Rule(code, message, check, whole_return, since))
        return check

    return register


@dataclass
class Context:
    ref: dt.date
    start: dt.date
    year: int
    calendar: WorkingDayCalendar
    ret: Return
    wd45_before_ref: dt.date = None
    wd15_before_ref: dt.date = None
    nfa_grace: dt.date = None

    def in_year(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.ref


def _before(a: dt.date | None, b: dt.date | None) -> bool:
    return a is not None and b is not None and a < b


def _inside(day: dt.date | None, start: dt.date | None, end: dt.date | None) -> bool:
    """start <= day < end (end None: still open)."""
    return day is not None and start is not None and start <= day and (end is None or day < end)


def _weekend(day: dt.date | None) -> bool:
    return day is not None and day.weekday() >= 5


def _birthday(born: dt.date, years: int) -> dt.date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return born.replace(year=born.year + years, day=28)


def _overlap(spans: list[Span]) -> bool:
    dated = sorted((s for s in spans if s.start), key=lambda s: s.start)
    return any(
        later.start < (earlier.end or dt.date.max)
        for earlier, later in zip(dated, dated[1:], strict=False)
    )


def _each_episode(c: Child):
    return c.episodes


def _all_cp(c: Child) -> list[Span]:
    return [p for e in c.episodes for p in e.cp_plans]


# Header and whole return


@rule(
    "100", "ReferenceDate is missing or is not 31 March of the collection Year", whole_return=True
)
def _100(children, x):
    r = x.ret.reference_date
    return r is None or (r.month, r.day) != (3, 31) or x.ret.year_text != str(r.year)


@rule(
    "2883",
    "More child protection plans start in the year than initial conferences are held in it",
    whole_return=True,
)
def _2883(children, x):
    plans = sum(1 for c in children for e in c.episodes for p in e.cp_plans if x.in_year(p.start))
    icpcs = sum(
        1
        for c in children
        for e in c.episodes
        for d in [e.icpc, *(s.icpc for s in e.s47s)]
        if x.in_year(d)
    )
    return plans > icpcs


@rule(
    "2886Q",
    "Over 2% of children (not unborn) have Sex missing or U",
    whole_return=True,
)
def _2886(children, x):
    unknown = sum(1 for c in children if not c.edob and c.sex in ("", "U"))
    return bool(children) and unknown / len(children) > 0.02


@rule(
    "2887Q",
    "Fewer than 8 different disability codes (not NONE) are recorded across the return",
    whole_return=True,
)
def _2887(children, x):
    return len({d for c in children for d in c.disabilities if d != "NONE"}) < 8


@rule("2888Q", "No child has more than one disability recorded", whole_return=True)
def _2888(children, x):
    return not any(len(c.disabilities) > 1 for c in children)


# Child identifiers


@rule("8500", "LAchildID is missing")
def _8500(c, x):
    return not c.id


@rule("8510", "The same LAchildID is used for more than one child", whole_return=True)
def _8510(children, x):
    counts = Counter(c.id for c in children if c.id)
    return [c.id for c in children if counts[c.id] > 1]


@rule("1570", "LAchildID is longer than 20 characters", since=2025)
def _1570(c, x):
    return len(c.id) > 20


@rule("1580", "LAchildID contains a character that is not a letter or digit", since=2025)
def _1580(c, x):
    return bool(c.id) and not ALNUM.match(c.id)


def upn_check_letter(body: str) -> str:
    """The check letter for UPN characters 2-13 (codes.md, modulus 23)."""
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_ALPHABET.find(char.upper())
        total += value * position
    return UPN_ALPHABET[total % 23]


@rule("1510", "UPN has an invalid check letter")
def _1510(c, x):
    u = c.upn
    return len(u) == 13 and u[1:].isdigit() and upn_check_letter(u[1:]) != u[0].upper()


@rule("1520", "The same UPN is used for more than one child", whole_return=True)
def _1520(children, x):
    counts = Counter(c.upn for c in children if c.upn)
    return [c.id for c in children if c.upn and counts[c.upn] > 1]


@rule("1530", "UPN characters 2-4 are not a valid LA code")
def _1530(c, x):
    return bool(c.upn) and c.upn[1:4] not in LA_CODES


@rule("1540", "UPN characters 5-12 are not all digits")
def _1540(c, x):
    return bool(c.upn) and not (len(c.upn) >= 12 and c.upn[4:12].isdigit())


@rule("1550", "UPN character 13 is not a digit or a letter other than I, O or S")
def _1550(c, x):
    if not c.upn:
        return False
    last = c.upn[12:13].upper()
    return len(c.upn) != 13 or not (last.isdigit() or last in UPN_ALPHABET)


@rule("1560Q", "FormerUPN is not a letter followed by 12 digits")
def _1560(c, x):
    return bool(c.former_upn) and not FORMER_UPN.match(c.former_upn)


@rule("8770Q", "School-age child with a referral has no UPN and no valid reason (or UN1)")
def _8770(c, x):
    school_age = dt.date(x.ref.year - 6, 8, 31)
    return (
        c.dob is not None
        and c.dob <= school_age
        and c.non_nfa
        and not c.upn
        and c.upn_unknown in ("", "UN1")
    )


@rule("8772", "UPN unknown reason UN7 but the child has a referral that is not NFA")
def _8772(c, x):
    return c.upn_unknown == "UN7" and c.non_nfa


@rule("4180", "Sex is missing or not M, F or U", since=2025)
def _4180(c, x):
    return c.sex not in SEXES


@rule("8750", "An unborn child must have Sex U", since=2025)
def _8750(c, x):
    return c.edob is not None and c.dob is None and c.sex != "U"


# Birth and death


@rule("8520", "Date of birth is after the reference date")
def _8520(c, x):
    return c.dob is not None and c.dob > x.ref


@rule("8525Q", "Give exactly one of date of birth and expected date of birth")
def _8525(c, x):
    return (c.dob is None) == (c.edob is None)


@rule("8530Q", "Expected date of birth is not between 1 March and 31 December of this year")
def _8530(c, x):
    return c.edob is not None and not (
        dt.date(x.ref.year, 3, 1) <= c.edob <= dt.date(x.ref.year, 12, 31)
    )


@rule("8606", "Referral is more than 40 weeks before the (expected) date of birth")
def _8606(c, x):
    born = c.dob or c.edob
    return born is not None and any(
        e.referral and e.referral < born - dt.timedelta(weeks=40) for e in c.episodes
    )


@rule("8775Q", "Child is over 25 with an episode open or closed after their 25th birthday")
def _8775(c, x):
    if c.dob is None:
        return False
    twenty_five = _birthday(c.dob, 25)
    return twenty_five <= x.ref and any(
        e.closed is None or e.closed > twenty_five for e in c.episodes
    )


@rule("8535Q", "Date of death is before the date of birth, or there is no date of birth")
def _8535(c, x):
    return c.death is not None and (c.dob is None or c.death < c.dob)


@rule("8545Q", "Date of death is outside the census year")
def _8545(c, x):
    return c.death is not None and not x.in_year(c.death)


@rule("8555Q", "Referral is after the child's death")
def _8555(c, x):
    return c.death is not None and any(_before(c.death, e.referral) for e in c.episodes)


@rule("8585Q", "Closed with RC2 (died) but there is no date of death")
def _8585(c, x):
    return c.death is None and any(e.reason == "RC2" for e in c.episodes)


@rule("4008", "CIN plan starts after the child's death")
def _4008(c, x):
    return any(_before(c.death, p.start) for e in c.episodes for p in e.cin_plans)


@rule("4009Q", "CIN plan ends after the child's death")
def _4009(c, x):
    return any(_before(c.death, p.end) for e in c.episodes for p in e.cin_plans)


@rule("8915", "CP plan starts after the child's death")
def _8915(c, x):
    return any(_before(c.death, p.start) for p in _all_cp(c))


@rule("8920", "CP plan ends after the child's death")
def _8920(c, x):
    return any(_before(c.death, p.end) for p in _all_cp(c))


# Characteristics


@rule("4220", "Ethnicity is missing or invalid")
def _4220(c, x):
    return c.ethnicity not in ETHNICITIES


@rule("8540", "Child with a referral that is not NFA has no valid disability (use NONE)")
def _8540(c, x):
    return c.dob is not None and c.non_nfa and not any(d in DISABILITIES for d in c.disabilities)


@rule("8790", "Disability NONE is recorded with another disability")
def _8790(c, x):
    return "NONE" in c.disabilities and len(c.disabilities) > 1


@rule("8794", "The same disability is recorded twice")
def _8794(c, x):
    return len(set(c.disabilities)) < len(c.disabilities)


# CIN episodes


@rule("8590", "Child has no CIN details")
def _8590(c, x):
    return not c.episodes


@rule("8600", "Referral date is missing or after the reference date")
def _8600(c, x):
    return any(e.referral is None or e.referral > x.ref for e in c.episodes)


@rule("8620", "Closure date is outside the census year")
def _8620(c, x):
    return any(e.closed and not x.in_year(e.closed) for e in c.episodes)


@rule("8630", "Closure date is before the referral date")
def _8630(c, x):
    return any(_before(e.closed, e.referral) for e in c.episodes)


@rule("8805", "Closure date given without a reason for closure")
def _8805(c, x):
    return any(e.closed and not e.reason for e in c.episodes)


@rule("8810", "Reason for closure given without a closure date")
def _8810(c, x):
    return any(e.reason and not e.closed for e in c.episodes)


@rule("8640", "Reason for closure is invalid")
def _8640(c, x):
    return any(e.reason and e.reason not in CLOSURE_REASONS for e in c.episodes)


@rule("8650", "Primary need code is invalid")
def _8650(c, x):
    return any(e.need and e.need not in PRIMARY_NEEDS for e in c.episodes)


@rule("8610", "Primary need is missing on a referral that is not NFA")
def _8610(c, x):
    return any(not e.need and not e.nfa for e in c.episodes)


@rule("8866", "Referral source is missing or invalid")
def _8866(c, x):
    return any(e.source not in REFERRAL_SOURCES for e in c.episodes)


@rule("8568", "ReferralNFA is missing or not a boolean")
def _8568(c, x):
    return any(e.nfa_text not in BOOLEANS for e in c.episodes)


@rule("8569Q", "A referral from before the census year is marked NFA")
def _8569(c, x):
    return any(e.nfa and _before(e.referral, x.nfa_grace) for e in c.episodes)


def _open_non_nfa(c: Child) -> list[Episode]:
    return [e for e in c.episodes if e.closed is None and not e.nfa]


@rule("8815", "More than one open episode (not NFA)")
def _8815(c, x):
    return len(_open_non_nfa(c)) > 1


@rule("8816", "The open episode is not the latest episode")
def _8816(c, x):
    opened = _open_non_nfa(c)
    dated = [e.referral for e in c.episodes if e.referral]
    return len(opened) == 1 and opened[0].referral is not None and opened[0].referral < max(dated)


@rule("8820", "The child's episodes overlap")
def _8820(c, x):
    dated = sorted((e for e in c.episodes if e.referral), key=lambda e: e.referral)
    return any(
        later.referral < (earlier.closed or dt.date.max)
        for earlier, later in zip(dated, dated[1:], strict=False)
    )


@rule("8831", "NFA referral has an assessment, S47 enquiry or initial conference")
def _8831(c, x):
    return any(e.nfa and (e.assessments or e.s47s or e.icpc) for e in c.episodes)


@rule("8832", "NFA referral has a CP plan")
def _8832(c, x):
    return any(e.nfa and e.cp_plans for e in c.episodes)


@rule("4000", "NFA referral has a CIN plan")
def _4000(c, x):
    return any(e.nfa and e.cin_plans for e in c.episodes)


@rule("2990", "Episode closed RC8/RC9 has a S47, initial conference, CIN plan or CP plan")
def _2990(c, x):
    return any(
        e.reason in ("RC8", "RC9") and (e.s47s or e.icpc or e.cin_plans or e.cp_plans)
        for e in c.episodes
    )


@rule("8825Q", "Episode closed RC8/RC9 has no assessment")
def _8825(c, x):
    return any(e.reason in ("RC8", "RC9") and not e.assessments for e in c.episodes)


@rule("8565", "Closure date is before an activity date in the episode")
def _8565(c, x):
    return any(e.closed and any(d > e.closed for d in e.activity_dates()) for e in c.episodes)


@rule("8867", "Closed episode has an assessment that is not authorised")
def _8867(c, x):
    return any(e.closed and any(a.auth is None for a in e.assessments) for e in c.episodes)


@rule(
    "8868",
    "Closed episode has a S47 with no initial conference date and ICPCnotRequired not 1 "
    "(or with both)",
)
def _8868(c, x):
    return any(
        e.closed
        and any(
            (s.icpc is None and s.not_required is not True)
            or (s.icpc is not None and s.not_required is True)
            for s in e.s47s
        )
        for e in c.episodes
    )


# Assessments


def _assessments(c: Child):
    return ((e, a) for e in c.episodes for a in e.assessments)


@rule("1103", "Assessment starts before the referral")
def _1103(c, x):
    return any(_before(a.start, e.referral) for e, a in _assessments(c))


@rule("8608", "Assessment is authorised before it started")
def _8608(c, x):
    return any(_before(a.auth, a.start) for _, a in _assessments(c))


@rule("8696", "Assessment authorisation date is outside the census year")
def _8696(c, x):
    return any(a.auth and not x.in_year(a.auth) for _, a in _assessments(c))


@rule("8736", "Open assessment started outside the census year")
def _8736(c, x):
    return any(a.auth is None and not x.in_year(a.start) for _, a in _assessments(c))


@rule("8670Q", "Open assessment started more than 45 working days before the reference date")
def _8670(c, x):
    return any(a.auth is None and _before(a.start, x.wd45_before_ref) for _, a in _assessments(c))


@rule("8863Q", "Assessment starts while another assessment is open")
def _8863(c, x):
    for e in c.episodes:
        for i, a in enumerate(e.assessments):
            for j, b in enumerate(e.assessments):
                if i != j and _inside(b.start, a.start, a.auth) and (a.start, i) < (b.start, j):
                    return True
    return False


@rule("8896", "More than one open assessment in an episode")
def _8896(c, x):
    return any(sum(1 for a in e.assessments if a.auth is None) > 1 for e in c.episodes)


@rule("8614", "Factors are recorded on an assessment that is not completed")
def _8614(c, x):
    return any(a.auth is None and a.factors for _, a in _assessments(c))


@rule("8897Q", "Assessment authorised in the year has no factors, or an invalid one")
def _8897(c, x):
    return any(
        x.in_year(a.auth) and (not a.factors or any(f not in FACTORS for f in a.factors))
        for _, a in _assessments(c)
    )


@rule("8898", "The same factor is recorded twice on an assessment")
def _8898(c, x):
    return any(len(set(a.factors)) < len(a.factors) for _, a in _assessments(c))


@rule("8869", "Factor 21 (no factors identified) is recorded with other factors")
def _8869(c, x):
    return any("21" in a.factors and len(a.factors) > 1 for _, a in _assessments(c))


@rule("8873Q", "The only assessment found no factors (21) but the closure reason is not RC8/RC9")
def _8873(c, x):
    return any(
        e.closed
        and len(e.assessments) == 1
        and e.assessments[0].factors == ["21"]
        and e.reason not in ("RC8", "RC9")
        for e in c.episodes
    )


@rule("8945Q", "Factor 18A is retired: use 18B or 18C", since=2025)
def _8945(c, x):
    return any("18A" in a.factors for _, a in _assessments(c))


@rule("8950Q", "Factor 19A is retired: use 19B or 19C", since=2025)
def _8950(c, x):
    return any("19A" in a.factors for _, a in _assessments(c))


@rule("2991Q", "Episode has a S47 enquiry but no assessment")
def _2991(c, x):
    return any(e.s47s and not e.assessments for e in c.episodes)


# Section 47 and ICPC


def _s47s(c: Child):
    return ((e, s) for e in c.episodes for s in e.s47s)


@rule("2889", "S47 enquiry starts before the referral")
def _2889(c, x):
    return any(_before(s.start, e.referral) for e, s in _s47s(c))


@rule("1104", "Initial conference (S47) is before the referral")
def _1104(c, x):
    return any(_before(s.icpc, e.referral) for e, s in _s47s(c))


@rule("8615", "S47 enquiry with an initial conference has no start date or starts after it")
def _8615(c, x):
    return any(s.icpc and (s.start is None or s.start > s.icpc) for _, s in _s47s(c))


@rule("8715", "Initial conference (S47) is outside the census year")
def _8715(c, x):
    return any(s.icpc and not x.in_year(s.icpc) for _, s in _s47s(c))


@rule("8740", "S47 enquiry awaiting an initial conference started outside the census year")
def _8740(c, x):
    return any(s.awaiting and not x.in_year(s.start) for _, s in _s47s(c))


@rule(
    "8675Q",
    "S47 enquiry awaiting an initial conference started over 15 working days before the "
    "reference date",
)
def _8675(c, x):
    return any(s.awaiting and _before(s.start, x.wd15_before_ref) for _, s in _s47s(c))


@rule("8839", "More than one S47 enquiry awaiting an initial conference in an episode")
def _8839(c, x):
    return any(sum(1 for s in e.s47s if s.awaiting) > 1 for e in c.episodes)


@rule("8890", "S47 enquiry starts while another is open")
def _8890(c, x):
    for e in c.episodes:
        for i, a in enumerate(e.s47s):
            if not (a.awaiting or a.icpc):
                continue
            for j, b in enumerate(e.s47s):
                if i != j and _inside(b.start, a.start, a.icpc) and (a.start, i) < (b.start, j):
                    return True
    return False


@rule("8870Q", "Initial conference target date is at a weekend")
def _8870(c, x):
    return any(_weekend(s.target) for _, s in _s47s(c))


@rule("8875", "Initial conference date is at a weekend")
def _8875(c, x):
    return any(_weekend(e.icpc) or any(_weekend(s.icpc) for s in e.s47s) for e in c.episodes)


@rule("2884", "The same initial conference is recorded at episode and S47 level")
def _2884(c, x):
    return any(e.icpc and any(s.icpc == e.icpc for s in e.s47s) for e in c.episodes)


@rule("2885", "CP plan starting in the year is not on an initial conference date of its episode")
def _2885(c, x):
    return any(
        x.in_year(p.start) and p.start not in e.icpc_dates for e in c.episodes for p in e.cp_plans
    )


# CIN plans


def _cin(c: Child):
    return ((e, p) for e in c.episodes for p in e.cin_plans)


@rule("4010", "CIN plan start date is missing or after the reference date")
def _4010(c, x):
    return any(p.start is None or p.start > x.ref for _, p in _cin(c))


@rule("4015", "CIN plan starts before the referral")
def _4015(c, x):
    return any(_before(p.start, e.referral) for e, p in _cin(c))


@rule("4011", "CIN plan ends before it starts")
def _4011(c, x):
    return any(_before(p.end, p.start) for _, p in _cin(c))


@rule("4012Q", "CIN plan starts and ends on the same day")
def _4012(c, x):
    return any(p.end and p.end == p.start for _, p in _cin(c))


@rule("4013", "CIN plan end date is outside the census year")
def _4013(c, x):
    return any(p.end and not x.in_year(p.end) for _, p in _cin(c))


@rule("4004", "More than one open CIN plan in an episode")
def _4004(c, x):
    return any(sum(1 for p in e.cin_plans if p.end is None) > 1 for e in c.episodes)


@rule("4014", "CIN plans overlap")
def _4014(c, x):
    return any(_overlap(e.cin_plans) for e in c.episodes)


@rule("4001", "Open CIN plan alongside an open CP plan in the same episode")
def _4001(c, x):
    return any(
        any(p.end is None for p in e.cin_plans) and any(p.end is None for p in e.cp_plans)
        for e in c.episodes
    )


@rule("4016", "CIN plan starts inside a CP plan")
def _4016(c, x):
    return any(
        _inside(cin.start, cp.start, cp.end)
        for e in c.episodes
        for cin in e.cin_plans
        for cp in e.cp_plans
    )


@rule("4017", "CP plan starts inside a CIN plan")
def _4017(c, x):
    return any(
        _inside(cp.start, cin.start, cin.end)
        for e in c.episodes
        for cin in e.cin_plans
        for cp in e.cp_plans
    )


@rule("4003", "A CP review date falls inside a CIN plan")
def _4003(c, x):
    return any(
        _inside(day, cin.start, cin.end)
        for e in c.episodes
        for cin in e.cin_plans
        for cp in e.cp_plans
        for day in cp.reviews
        if day != cp.end
    )


# CP plans


def _cp(c: Child):
    return ((e, p) for e in c.episodes for p in e.cp_plans)


@rule("1105", "CP plan starts before the referral")
def _1105(c, x):
    return any(_before(p.start, e.referral) for e, p in _cp(c))


@rule("8720", "CP plan start date is missing or after the reference date")
def _8720(c, x):
    return any(p.start is None or p.start > x.ref for _, p in _cp(c))


@rule("8925", "CP plan ends before it starts")
def _8925(c, x):
    return any(_before(p.end, p.start) for _, p in _cp(c))


@rule("8840", "CP plan starts and ends on the same day")
def _8840(c, x):
    return any(p.end and p.end == p.start for _, p in _cp(c))


@rule("8930", "CP plan end date is outside the census year")
def _8930(c, x):
    return any(p.end and not x.in_year(p.end) for _, p in _cp(c))


@rule("8935", "More than one open CP plan for the child")
def _8935(c, x):
    return sum(1 for p in _all_cp(c) if p.end is None) > 1


@rule("8940", "The child's CP plans overlap")
def _8940(c, x):
    return _overlap(_all_cp(c))


@rule("8905", "Initial category of abuse is missing or invalid")
def _8905(c, x):
    return any(p.initial not in CATEGORIES for p in _all_cp(c))


@rule("8910", "Latest category of abuse is missing or invalid")
def _8910(c, x):
    return any(p.latest not in CATEGORIES for p in _all_cp(c))


@rule("8730", "Number of previous CP plans is missing or negative")
def _8730(c, x):
    return any(not (p.previous or "").isdigit() for p in _all_cp(c))


@rule("8841", "A CP review date is on or before the plan's start")
def _8841(c, x):
    return any(
        day is not None and p.start is not None and day <= p.start
        for p in _all_cp(c)
        for day in p.reviews
    )


@rule("8842Q", "A CP plan's Reviews group has no review date")
def _8842(c, x):
    return any(p.empty_reviews or None in p.reviews for p in _all_cp(c))


# Pre-proceedings and FGDM (2026/27 on; provisional draft rules)

PP_SINCE = 2027


def _pp(c: Child):
    return (pp for e in c.episodes for pp in e.pre_proceedings)


def _ppd(pp: dict, tag: str) -> dt.date | None:
    return _date(pp.get(tag))


@rule("8995Q", "No child has pre-proceedings data", whole_return=True, since=PP_SINCE)
def _8995(children, x):
    return not any(e.pre_proceedings for c in children for e in c.episodes)


@rule("9000Q", "Pre-proceedings has no start date", since=PP_SINCE)
def _9000(c, x):
    return any(not pp.get("PPStartDate") for pp in _pp(c))


@rule("9005", "Pre-proceedings start date is outside the census year", since=PP_SINCE)
def _9005(c, x):
    return any(pp.get("PPStartDate") and not x.in_year(_ppd(pp, "PPStartDate")) for pp in _pp(c))


@rule(
    "9006",
    "Letter before proceedings date is outside the year or before the start",
    since=PP_SINCE,
)
def _9006(c, x):
    return any(
        pp.get("LBPSentDate")
        and (
            not x.in_year(_ppd(pp, "LBPSentDate"))
            or _before(_ppd(pp, "LBPSentDate"), _ppd(pp, "PPStartDate"))
        )
        for pp in _pp(c)
    )


@rule(
    "9007", "FGDM meeting offer reported without a letter before proceedings date", since=PP_SINCE
)
def _9007(c, x):
    return any(pp.get("FGDMMeetingOffer") and not pp.get("LBPSentDate") for pp in _pp(c))


@rule("9008", "Initial pre-proceedings meeting date is outside the census year", since=PP_SINCE)
def _9008(c, x):
    return any(
        pp.get("InitialPPMeetingDate") and not x.in_year(_ppd(pp, "InitialPPMeetingDate"))
        for pp in _pp(c)
    )


@rule(
    "9009",
    "Step decision date is outside the year or before the pre-proceedings start",
    since=PP_SINCE,
)
def _9009(c, x):
    return any(
        pp.get("StepDecisionDate")
        and (
            not x.in_year(_ppd(pp, "StepDecisionDate"))
            or _before(_ppd(pp, "StepDecisionDate"), _ppd(pp, "PPStartDate"))
        )
        for pp in _pp(c)
    )


@rule("9010Q", "FGDM meeting offered but whether it was facilitated is missing", since=PP_SINCE)
def _9010(c, x):
    return any(
        BOOLEANS.get(pp.get("FGDMMeetingOffer", "")) is True and not pp.get("FGDMMeetingFac")
        for pp in _pp(c)
    )


@rule("9011", "Pre-proceedings outcome is invalid", since=PP_SINCE)
def _9011(c, x):
    return any(pp.get("PPOutcome") and pp["PPOutcome"] not in PP_OUTCOMES for pp in _pp(c))


@rule(
    "9012",
    "Court application date is outside the year or before the step decision",
    since=PP_SINCE,
)
def _9012(c, x):
    return any(
        pp.get("CourtAppDate")
        and (
            not x.in_year(_ppd(pp, "CourtAppDate"))
            or _before(_ppd(pp, "CourtAppDate"), _ppd(pp, "StepDecisionDate"))
        )
        for pp in _pp(c)
    )


@rule(
    "9013",
    "Letter of intent to start proceedings is outside the year or before the court application",
    since=PP_SINCE,
)
def _9013(c, x):
    return any(
        pp.get("LetterInitCPDate")
        and (
            not x.in_year(_ppd(pp, "LetterInitCPDate"))
            or _before(_ppd(pp, "LetterInitCPDate"), _ppd(pp, "CourtAppDate"))
        )
        for pp in _pp(c)
    )


@rule("9015Q", "Initial meeting given but the review meetings count is missing", since=PP_SINCE)
def _9015(c, x):
    return any(
        pp.get("InitialPPMeetingDate") and not pp.get("ReviewMeetingsCount") for pp in _pp(c)
    )


# --- running them ------------------------------------------------------------------------------


@dataclass
class Finding:
    code: str
    type: str
    message: str
    children: list[str]  # LA child IDs affected (empty for a rule on the whole return)

    @property
    def count(self) -> int:
        return len(self.children) or 1


@dataclass
class Report:
    reference_date: dt.date | None
    children: int
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(f.count for f in self.findings if f.type == ERROR)

    @property
    def queries(self) -> int:
        return sum(f.count for f in self.findings if f.type == QUERY)

    def summary(self) -> str:
        return f"{self.errors} errors, {self.queries} queries"


def rules_for(year: int) -> list[Rule]:
    return [r for r in RULES if r.applies(year)]


def validate(ret: Return, *, calendar: WorkingDayCalendar | None = None) -> Report:
    """Run the year's rules over a parsed return. With no usable ReferenceDate only rule 100
    can be judged (and fails)."""
    calendar = calendar or WorkingDayCalendar()
    ref = ret.reference_date
    if ref is None:
        finding = Finding("100", ERROR, RULES_BY_CODE["100"].message, [])
        return Report(None, len(ret.children), [finding])
    start = dt.date(ref.year - 1, 4, 1)
    x = Context(ref, start, ref.year, calendar, ret)
    x.wd45_before_ref = calendar.add_working_days(ref, -45)
    x.wd15_before_ref = calendar.add_working_days(ref, -15)
    x.nfa_grace = calendar.add_working_days(start, -1)
    findings = []
    applicable = rules_for(ref.year)
    per_child = [r for r in applicable if not r.whole_return]
    failing: dict[str, list[str]] = {r.code: [] for r in per_child}
    for child in ret.children:
        for r in per_child:
            if r.check(child, x):
                failing[r.code].append(child.id or "(no LAchildID)")
    for r in applicable:
        if r.whole_return:
            result: Any = r.check(ret.children, x)
            if result:
                ids = result if isinstance(result, list) else []
                findings.append(Finding(r.code, r.type, r.message, sorted(set(ids))))
        elif failing[r.code]:
            findings.append(Finding(r.code, r.type, r.message, failing[r.code]))
    findings.sort(key=lambda f: (f.type != ERROR, f.code))
    return Report(ref, len(ret.children), findings)


def validate_file(source) -> Report:
    return validate(parse_return(source))


RULES_BY_CODE = {r.code: r for r in RULES}
