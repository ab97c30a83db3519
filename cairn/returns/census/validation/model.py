"""A return as the rules see it: plain Python structures read from the XML, one child at a time
(`reading.py`), plus the small per-child summary the rules on the whole return need."""

import datetime as dt
from dataclasses import dataclass, field

from cairn.returns.census.validation.codes import BOOLEANS


def parse_date(text: str | None) -> dt.date | None:
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


@dataclass(frozen=True)
class Header:
    reference_date: dt.date | None
    year_text: str


@dataclass
class Return:
    """A whole return held in memory (tests and small files; the validator streams)."""

    reference_date: dt.date | None
    year_text: str
    children: list[Child]


@dataclass(slots=True, frozen=True)
class ChildSummary:
    """What the rules on the whole return need to know about one child, kept for every child
    while the rest of the child is dropped (`validate` streams the file)."""

    id: str
    upn: str
    unborn: bool  # an expected date of birth is given
    sex: str
    disabilities: tuple[str, ...]
    cp_plans_started: int  # CP plans starting in the census year
    icpcs_held: int  # initial conferences (episode and S47 level) held in the census year
    has_pre_proceedings: bool


def summarise(child: Child, in_year) -> ChildSummary:
    """The child's summary; `in_year(day)` tells whether a day is in the census year."""
    episodes = child.episodes
    return ChildSummary(
        id=child.id,
        upn=child.upn,
        unborn=child.edob is not None,
        sex=child.sex,
        disabilities=tuple(child.disabilities),
        cp_plans_started=sum(1 for e in episodes for p in e.cp_plans if in_year(p.start)),
        icpcs_held=sum(
            1 for e in episodes for d in [e.icpc, *(s.icpc for s in e.s47s)] if in_year(d)
        ),
        has_pre_proceedings=any(e.pre_proceedings for e in episodes),
    )
