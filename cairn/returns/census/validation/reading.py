"""Read a return file one child at a time, so memory does not grow with the return.

`read_return` streams the file with ElementTree's incremental parser: each Child element is
turned into a `Child` when its end tag is read and then dropped from the tree, so only the header
and one child are held at a time. The standard library parser (expat >= 2.4.1) refuses
entity-expansion attacks and ElementTree never fetches external entities (Python docs, "XML
vulnerabilities").

Element order inside a child and unknown elements do not matter (the file may not be ours).
"""

from collections.abc import Iterator
from xml.etree import ElementTree as etree

from cairn.returns.census.validation.codes import BOOLEANS
from cairn.returns.census.validation.model import (
    S47,
    Assessment,
    Child,
    Episode,
    Header,
    Return,
    Span,
    parse_date,
)

REFERENCE_DATE = ("Header", "CollectionDetails", "ReferenceDate")
YEAR = ("Header", "CollectionDetails", "Year")


def _text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "").strip() if found is not None and found.text else ""


def read_return(source) -> Iterator[Header | Child]:
    """Yield the file's children in order, and its `Header` once the Header element has been
    read (or at the end, if the file has none). `source` is a path or a binary file. Raises
    ValueError when the file is not readable XML (possibly after some children)."""
    try:
        events = etree.iterparse(source, events=("start", "end"))  # noqa: S314
        yield from _read(events)
    except (etree.ParseError, OSError) as exc:
        raise ValueError(f"not a readable XML file: {exc}") from None


def _read(events) -> Iterator[Header | Child]:
    path: list[str] = []  # tags from below the root element down to the current one
    found: dict[tuple, str] = {}
    header_sent = False
    children_element = None
    depth = -1
    for event, element in events:
        if event == "start":
            depth += 1
            if depth:
                path.append(element.tag)
            if depth == 1 and element.tag == "Children":
                children_element = element
            continue
        key = tuple(path)
        if key in (REFERENCE_DATE, YEAR) and key not in found:
            found[key] = (element.text or "").strip()
        if key == ("Children", "Child"):
            yield read_child(element)
            children_element.clear()  # drop the child (and any sibling already read)
        elif depth == 1 and element.tag == "Header" and not header_sent:
            header_sent = True
            yield _header(found)
        if depth:
            path.pop()
        depth -= 1
    if not header_sent:
        yield _header(found)


def _header(found: dict[tuple, str]) -> Header:
    return Header(parse_date(found.get(REFERENCE_DATE)), found.get(YEAR, ""))


def parse_return(source) -> Return:
    """The whole return in memory (tests and small files; `validate_file` streams instead)."""
    header, children = None, []
    for item in read_return(source):
        if isinstance(item, Header):
            header = item
        else:
            children.append(item)
    return Return(header.reference_date, header.year_text, children)


def read_child(element) -> Child:
    ids = element.find("ChildIdentifiers")
    ids = ids if ids is not None else etree.Element("x")
    chars = element.find("ChildCharacteristics")
    chars = chars if chars is not None else etree.Element("x")
    return Child(
        id=_text(ids, "LAchildID"),
        upn=_text(ids, "UPN"),
        former_upn=_text(ids, "FormerUPN"),
        upn_unknown=_text(ids, "UPNunknown"),
        dob=parse_date(_text(ids, "PersonBirthDate")),
        edob=parse_date(_text(ids, "ExpectedPersonBirthDate")),
        sex=_text(ids, "Sex"),
        death=parse_date(_text(ids, "PersonDeathDate")),
        ethnicity=_text(chars, "Ethnicity"),
        disabilities=[(d.text or "").strip() for d in chars.iterfind("Disabilities/Disability")],
        episodes=[_episode(e) for e in element.iterfind("CINdetails")],
    )


def _episode(e) -> Episode:
    nfa = e.find("ReferralNFA")
    episode = Episode(
        referral=parse_date(_text(e, "CINreferralDate")),
        source=_text(e, "ReferralSource"),
        need=_text(e, "PrimaryNeedCode"),
        closed=parse_date(_text(e, "CINclosureDate")),
        reason=_text(e, "ReasonForClosure"),
        icpc=parse_date(_text(e, "DateOfInitialCPC")),
        nfa_text=None if nfa is None else (nfa.text or "").strip(),
    )
    for a in e.iterfind("Assessments"):
        factors = [(f.text or "").strip() for f in a.iterfind(".//AssessmentFactors")]
        episode.assessments.append(
            Assessment(
                parse_date(_text(a, "AssessmentActualStartDate")),
                parse_date(_text(a, "AssessmentAuthorisationDate")),
                factors,
            )
        )
    for p in e.iterfind("CINPlanDates"):
        episode.cin_plans.append(
            Span(parse_date(_text(p, "CINPlanStartDate")), parse_date(_text(p, "CINPlanEndDate")))
        )
    for s in e.iterfind("Section47"):
        flag = s.find("ICPCnotRequired")
        episode.s47s.append(
            S47(
                parse_date(_text(s, "S47ActualStartDate")),
                parse_date(_text(s, "InitialCPCtarget")),
                parse_date(_text(s, "DateOfInitialCPC")),
                BOOLEANS.get((flag.text or "").strip()) if flag is not None else None,
            )
        )
    for p in e.iterfind("ChildProtectionPlans"):
        previous = p.find("NumberOfPreviousCPP")
        groups = p.findall("Reviews")
        reviews = [
            parse_date((r.text or "").strip()) for g in groups for r in g.iterfind("CPPreviewDate")
        ]
        episode.cp_plans.append(
            Span(
                parse_date(_text(p, "CPPstartDate")),
                parse_date(_text(p, "CPPendDate")),
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
