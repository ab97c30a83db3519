"""A builder for small CIN census return files (XML) for the validator's tests: `base_return()`
is a valid 2025/26 return of 11 children that passes every rule; each rule's test changes one
thing to make it fail. Element names are the census's own, so a change reads like the file."""

import copy

from cairn.returns.census.validation import upn_check_letter

REF = "2026-03-31"


def upn(n: int) -> str:
    body = f"8012000050{n:02d}"
    return upn_check_letter(body) + body


def assessment(start="2025-04-11", auth="2025-05-30", factors=("3B",)) -> dict:
    return {
        "AssessmentActualStartDate": start,
        "AssessmentAuthorisationDate": auth,
        "factors": list(factors),
    }


def s47(start="2025-06-02", target="2025-06-23", icpc="2025-06-20", not_required="0") -> dict:
    return {
        "S47ActualStartDate": start,
        "InitialCPCtarget": target,
        "DateOfInitialCPC": icpc,
        "ICPCnotRequired": not_required,
    }


def cp_plan(
    start="2025-06-20", end=None, initial="NEG", latest="NEG", previous="0", reviews=("2025-09-15",)
) -> dict:
    return {
        "CPPstartDate": start,
        "CPPendDate": end,
        "InitialCategoryOfAbuse": initial,
        "LatestCategoryOfAbuse": latest,
        "NumberOfPreviousCPP": previous,
        "reviews": None if reviews is None else list(reviews),
    }


def cin_plan(start="2025-06-05", end=None) -> dict:
    return {"CINPlanStartDate": start, "CINPlanEndDate": end}


def pre_proceedings(**items) -> dict:
    values = {
        "PPStartDate": "2026-05-01",
        "LBPSentDate": "2026-05-08",
        "FGDMMeetingOffer": "1",
        "FGDMMeetingFac": "1",
        "InitialPPMeetingDate": "2026-05-20",
        "ReviewMeetingsCount": "1",
        "StepDecisionDate": "2026-09-01",
        "PPOutcome": "A",
    }
    return values | items


def episode(
    referral="2025-04-10",
    source="1A",
    need="N1",
    closed=None,
    reason=None,
    icpc=None,
    nfa="0",
    assessments=None,
    cin_plans=(),
    s47s=(),
    cp_plans=(),
    pp=(),
) -> dict:
    return {
        "CINreferralDate": referral,
        "ReferralSource": source,
        "PrimaryNeedCode": need,
        "CINclosureDate": closed,
        "ReasonForClosure": reason,
        "DateOfInitialCPC": icpc,
        "assessments": [assessment()] if assessments is None else list(assessments),
        "cin_plans": list(cin_plans),
        "s47s": list(s47s),
        "ReferralNFA": nfa,
        "cp_plans": list(cp_plans),
        "pp": list(pp),
    }


def child(
    n: int, *, dob="2015-05-01", sex="F", disabilities=("NONE",), episodes=None, **ids
) -> dict:
    return {
        "LAchildID": f"C{n:04d}",
        "UPN": upn(n),
        "FormerUPN": None,
        "UPNunknown": None,
        "PersonBirthDate": dob,
        "ExpectedPersonBirthDate": None,
        "Sex": sex,
        "PersonDeathDate": None,
        "Ethnicity": "WBRI",
        "disabilities": list(disabilities),
        "episodes": [episode()] if episodes is None else episodes,
    } | ids


def base_return() -> dict:
    """Valid for 2025/26: a child on a CP plan, one on a CIN plan, a closed case, an unborn
    child, and others whose disabilities make 8 distinct codes (2887Q) with one child holding
    two (2888Q)."""
    cp = episode(s47s=[s47()], cp_plans=[cp_plan()])
    cin = episode(cin_plans=[cin_plan()])
    closed = episode(closed="2025-07-01", reason="RC7")
    unborn = child(
        11,
        dob=None,
        sex="U",
        disabilities=(),
        UPN=None,
        ExpectedPersonBirthDate="2026-06-01",
        episodes=[
            episode(
                referral="2026-03-16",
                need="N2",
                assessments=[assessment(start="2026-03-17", auth=None, factors=())],
            )
        ],
    )
    children = [
        child(1, episodes=[cp]),
        child(2, sex="M", disabilities=("MOB", "HAND"), episodes=[cin]),
        child(3, disabilities=("PC",), episodes=[closed]),
        child(4, sex="M", disabilities=("INC",)),
        child(5, disabilities=("COMM",)),
        child(6, sex="M", disabilities=("LD",)),
        child(7, disabilities=("HEAR",)),
        child(8, sex="M", disabilities=("VIS",)),
        child(9),
        child(10, sex="M"),
        unborn,
    ]
    return {"ReferenceDate": REF, "Year": REF[:4], "children": children}


def copy_of(ret: dict) -> dict:
    return copy.deepcopy(ret)


# --- XML -------------------------------------------------------------------------------------


def _el(tag: str, value) -> str:
    return "" if value is None or value == "" else f"<{tag}>{value}</{tag}>"


def _items(d: dict, tags: list[str]) -> str:
    return "".join(_el(t, d.get(t)) for t in tags)


def _episode_xml(e: dict) -> str:
    parts = [
        _items(
            e,
            [
                "CINreferralDate",
                "ReferralSource",
                "PrimaryNeedCode",
                "CINclosureDate",
                "ReasonForClosure",
                "DateOfInitialCPC",
            ],
        )
    ]
    for a in e["assessments"]:
        factors = "".join(_el("AssessmentFactors", f) for f in a["factors"])
        group = f"<FactorsIdentifiedAtAssessment>{factors}</FactorsIdentifiedAtAssessment>"
        parts.append(
            "<Assessments>"
            + _items(a, ["AssessmentActualStartDate", "AssessmentAuthorisationDate"])
            + (group if factors else "")
            + "</Assessments>"
        )
    for p in e["cin_plans"]:
        parts.append(
            f"<CINPlanDates>{_items(p, ['CINPlanStartDate', 'CINPlanEndDate'])}</CINPlanDates>"
        )
    for s in e["s47s"]:
        parts.append(
            "<Section47>"
            + _items(
                s, ["S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"]
            )
            + "</Section47>"
        )
    parts.append(_el("ReferralNFA", e["ReferralNFA"]))
    for p in e["cp_plans"]:
        reviews = ""
        if p["reviews"] is not None:
            reviews = "<Reviews>" + "".join(_el("CPPreviewDate", d) for d in p["reviews"])
            reviews += "</Reviews>"
        parts.append(
            "<ChildProtectionPlans>"
            + _items(
                p,
                [
                    "CPPstartDate",
                    "CPPendDate",
                    "InitialCategoryOfAbuse",
                    "LatestCategoryOfAbuse",
                    "NumberOfPreviousCPP",
                ],
            )
            + reviews
            + "</ChildProtectionPlans>"
        )
    for pp in e["pp"]:
        parts.append(
            "<PreProceedingsandFGDM>"
            + "".join(_el(k, v) for k, v in pp.items())
            + "</PreProceedingsandFGDM>"
        )
    return "<CINdetails>" + "".join(parts) + "</CINdetails>"


def _child_xml(c: dict) -> str:
    ids = _items(
        c,
        [
            "LAchildID",
            "UPN",
            "FormerUPN",
            "UPNunknown",
            "PersonBirthDate",
            "ExpectedPersonBirthDate",
            "Sex",
            "PersonDeathDate",
        ],
    )
    disabilities = "".join(_el("Disability", d) for d in c["disabilities"])
    chars = _el("Ethnicity", c["Ethnicity"])
    if disabilities:
        chars += f"<Disabilities>{disabilities}</Disabilities>"
    episodes = "".join(_episode_xml(e) for e in c["episodes"])
    return (
        f"<Child><ChildIdentifiers>{ids}</ChildIdentifiers>"
        f"<ChildCharacteristics>{chars}</ChildCharacteristics>{episodes}</Child>"
    )


def to_xml(ret: dict) -> bytes:
    header = (
        "<Header><CollectionDetails><Collection>CIN</Collection>"
        + _el("Year", ret["Year"])
        + _el("ReferenceDate", ret["ReferenceDate"])
        + "</CollectionDetails><Source><SourceLevel>L</SourceLevel><LEA>999</LEA>"
        "<SoftwareCode>Test</SoftwareCode><Release>1</Release><SerialNo>001</SerialNo>"
        "<DateTime>2026-04-02T09:00:00</DateTime></Source></Header>"
    )
    children = "".join(_child_xml(c) for c in ret["children"])
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><Message>{header}'
        f"<Children>{children}</Children></Message>"
    ).encode()
