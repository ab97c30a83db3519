"""Every validation rule of cin-census.md fails on its own fixture and passes on a valid return
(fixtures: census_fixtures.py); and the command's contract."""

from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command

from cairn.returns.census.validation import (
    RULES,
    RULES_BY_CODE,
    parse_return,
    validate,
    validate_file,
)

from .census_fixtures import (
    assessment,
    base_return,
    child,
    cin_plan,
    cp_plan,
    episode,
    pre_proceedings,
    s47,
    to_xml,
    upn_check_letter,
)


def C(r, i=0):  # noqa: N802 - reads like the file: child i
    return r["children"][i]


def E(r, i=0, j=0):  # noqa: N802 - episode j of child i
    return C(r, i)["episodes"][j]


def S(r, i=0):  # noqa: N802 - the first S47 of child i
    return E(r, i)["s47s"][0]


def CP(r, i=0):  # noqa: N802 - the first CP plan of child i
    return E(r, i)["cp_plans"][0]


def CIN(r, i=1):  # noqa: N802 - the first CIN plan of child i
    return E(r, i)["cin_plans"][0]


def A(r, i=0):  # noqa: N802 - the first assessment of child i
    return E(r, i)["assessments"][0]


def _set(target, **values):
    target.update(values)


def _open(start, **kw):
    return assessment(start=start, auth=None, factors=(), **kw)


# Each rule: one change to the valid return that breaks it.
FAILING = {
    "100": lambda r: _set(r, ReferenceDate="2026-03-30"),
    "2883": lambda r: _set(E(r, 8), cp_plans=[cp_plan()]),
    "2886Q": lambda r: _set(C(r, 3), Sex="U"),
    "2887Q": lambda r: [_set(c, disabilities=["NONE"]) for c in r["children"][1:8]],
    "2888Q": lambda r: _set(C(r, 1), disabilities=["MOB"]),
    "8500": lambda r: _set(C(r), LAchildID=None),
    "8510": lambda r: _set(C(r, 1), LAchildID="C0001"),
    "1570": lambda r: _set(C(r), LAchildID="C" * 21),
    "1580": lambda r: _set(C(r), LAchildID="C-0001"),
    "1510": lambda r: _set(C(r), UPN=("A" if C(r)["UPN"][0] != "A" else "B") + C(r)["UPN"][1:]),
    "1520": lambda r: _set(C(r, 1), UPN=C(r)["UPN"]),
    "1530": lambda r: _set(C(r), UPN=upn_check_letter("999000050001") + "999000050001"),
    "1540": lambda r: _set(C(r), UPN="A8012000A5001"),
    "1550": lambda r: _set(C(r), UPN="A80120000500I"),
    "1560Q": lambda r: _set(C(r), FormerUPN="A12"),
    "8770Q": lambda r: _set(C(r), UPN=None),
    "8772": lambda r: _set(C(r), UPNunknown="UN7"),
    "4180": lambda r: _set(C(r), Sex="X"),
    "8750": lambda r: _set(C(r, 10), Sex="F"),
    "8520": lambda r: _set(C(r), PersonBirthDate="2026-04-02"),
    "8525Q": lambda r: _set(C(r), ExpectedPersonBirthDate="2026-05-01"),
    "8530Q": lambda r: _set(C(r, 10), ExpectedPersonBirthDate="2027-02-01"),
    "8606": lambda r: _set(C(r, 10), ExpectedPersonBirthDate="2026-12-30"),
    "8775Q": lambda r: _set(C(r), PersonBirthDate="2000-01-01"),
    "8535Q": lambda r: _set(C(r), PersonDeathDate="2010-01-01"),
    "8545Q": lambda r: _set(C(r), PersonDeathDate="2025-03-01"),
    "8555Q": lambda r: _set(C(r), PersonDeathDate="2025-04-05"),
    "8585Q": lambda r: _set(E(r, 2), ReasonForClosure="RC2"),
    "4008": lambda r: _set(C(r, 1), PersonDeathDate="2025-06-01"),
    "4009Q": lambda r: (
        _set(CIN(r), CINPlanEndDate="2025-08-01"),
        _set(C(r, 1), PersonDeathDate="2025-07-01"),
    ),
    "8915": lambda r: _set(C(r), PersonDeathDate="2025-06-10"),
    "8920": lambda r: (
        _set(CP(r), CPPendDate="2025-08-01"),
        _set(C(r), PersonDeathDate="2025-07-01"),
    ),
    "4220": lambda r: _set(C(r), Ethnicity="XXXX"),
    "8540": lambda r: _set(C(r, 3), disabilities=[]),
    "8790": lambda r: _set(C(r, 3), disabilities=["NONE", "MOB"]),
    "8794": lambda r: _set(C(r, 3), disabilities=["MOB", "MOB"]),
    "8590": lambda r: _set(C(r, 3), episodes=[]),
    "8600": lambda r: _set(E(r, 3), CINreferralDate="2026-04-02"),
    "8620": lambda r: _set(E(r, 2), CINclosureDate="2026-04-05"),
    "8630": lambda r: _set(E(r, 2), CINclosureDate="2025-04-01"),
    "8805": lambda r: _set(E(r, 2), ReasonForClosure=None),
    "8810": lambda r: _set(E(r, 3), ReasonForClosure="RC7"),
    "8640": lambda r: _set(E(r, 2), ReasonForClosure="RC10"),
    "8650": lambda r: _set(E(r, 3), PrimaryNeedCode="N10"),
    "8610": lambda r: _set(E(r, 3), PrimaryNeedCode=None),
    "8866": lambda r: _set(E(r, 3), ReferralSource="11"),
    "8568": lambda r: _set(E(r, 3), ReferralNFA="yes"),
    "8569Q": lambda r: _set(
        C(r, 3),
        episodes=[
            episode(
                referral="2025-03-01",
                nfa="1",
                need=None,
                assessments=[],
                closed="2025-04-02",
                reason="RC8",
            ),
            episode(),
        ],
    ),
    "8815": lambda r: _set(C(r, 3), episodes=[episode(), episode(referral="2025-10-01")]),
    "8816": lambda r: _set(
        C(r, 3),
        episodes=[episode(), episode(referral="2025-10-01", closed="2025-12-01", reason="RC7")],
    ),
    "8820": lambda r: _set(
        C(r, 3),
        episodes=[
            episode(closed="2025-08-01", reason="RC7"),
            episode(
                referral="2025-07-01",
                closed="2025-09-01",
                reason="RC7",
                assessments=[assessment(start="2025-07-02", auth="2025-08-15")],
            ),
        ],
    ),
    "8831": lambda r: _set(E(r, 3), ReferralNFA="1"),
    "8832": lambda r: _set(E(r), ReferralNFA="1"),
    "4000": lambda r: _set(E(r, 1), ReferralNFA="1"),
    "2990": lambda r: _set(E(r), CINclosureDate="2025-12-01", ReasonForClosure="RC8"),
    "8825Q": lambda r: _set(E(r, 2), ReasonForClosure="RC8", assessments=[]),
    "8565": lambda r: _set(E(r, 2), CINclosureDate="2025-05-15"),
    "8867": lambda r: _set(E(r, 2), assessments=[_open("2025-04-11")]),
    "8868": lambda r: (
        _set(S(r), DateOfInitialCPC=None),
        _set(E(r), CINclosureDate="2025-12-01", ReasonForClosure="RC7"),
    ),
    "1103": lambda r: _set(A(r, 3), AssessmentActualStartDate="2025-04-01"),
    "8608": lambda r: _set(A(r, 3), AssessmentAuthorisationDate="2025-04-10"),
    "8696": lambda r: _set(A(r, 3), AssessmentAuthorisationDate="2026-04-05"),
    "8736": lambda r: _set(E(r, 3), assessments=[_open("2025-03-20")]),
    "8670Q": lambda r: _set(E(r, 3), assessments=[_open("2025-12-01")]),
    "8863Q": lambda r: _set(
        E(r, 3), assessments=[assessment(), assessment(start="2025-05-01", auth="2025-06-15")]
    ),
    "8896": lambda r: _set(E(r, 3), assessments=[_open("2026-03-10"), _open("2026-03-12")]),
    "8614": lambda r: _set(
        E(r, 3), assessments=[assessment(start="2026-03-10", auth=None, factors=("3B",))]
    ),
    "8897Q": lambda r: _set(A(r, 3), factors=[]),
    "8898": lambda r: _set(A(r, 3), factors=["3B", "3B"]),
    "8869": lambda r: _set(A(r, 3), factors=["21", "3B"]),
    "8873Q": lambda r: _set(A(r, 2), factors=["21"]),
    "8945Q": lambda r: _set(A(r, 3), factors=["18A"]),
    "8950Q": lambda r: _set(A(r, 3), factors=["19A"]),
    "2991Q": lambda r: _set(E(r), assessments=[]),
    "2889": lambda r: _set(S(r), S47ActualStartDate="2025-04-01"),
    "1104": lambda r: _set(S(r), DateOfInitialCPC="2025-04-04"),
    "8615": lambda r: _set(S(r), S47ActualStartDate="2025-06-25"),
    "8715": lambda r: _set(S(r), DateOfInitialCPC="2025-03-20"),
    "8740": lambda r: _set(E(r, 3), s47s=[s47(start="2025-03-25", icpc=None)]),
    "8675Q": lambda r: _set(
        E(r, 3), s47s=[s47(start="2026-02-02", target="2026-02-23", icpc=None)]
    ),
    "8839": lambda r: _set(
        E(r, 3), s47s=[s47(start="2026-03-20", icpc=None), s47(start="2026-03-20", icpc=None)]
    ),
    "8890": lambda r: _set(
        E(r, 3), s47s=[s47(start="2026-03-20", icpc=None), s47(start="2026-03-24", icpc=None)]
    ),
    "8870Q": lambda r: _set(S(r), InitialCPCtarget="2025-06-21"),
    "8875": lambda r: _set(S(r), DateOfInitialCPC="2025-06-21"),
    "2884": lambda r: _set(E(r), DateOfInitialCPC="2025-06-20"),
    "2885": lambda r: _set(CP(r), CPPstartDate="2025-06-23"),
    "4010": lambda r: _set(CIN(r), CINPlanStartDate=None),
    "4015": lambda r: _set(CIN(r), CINPlanStartDate="2025-04-01"),
    "4011": lambda r: _set(CIN(r), CINPlanEndDate="2025-06-01"),
    "4012Q": lambda r: _set(CIN(r), CINPlanEndDate="2025-06-05"),
    "4013": lambda r: _set(CIN(r), CINPlanEndDate="2026-04-05"),
    "4004": lambda r: _set(E(r, 1), cin_plans=[cin_plan(), cin_plan(start="2025-09-01")]),
    "4014": lambda r: _set(
        E(r, 1), cin_plans=[cin_plan(end="2025-10-01"), cin_plan(start="2025-09-01")]
    ),
    "4001": lambda r: _set(E(r), cin_plans=[cin_plan(start="2025-12-01")]),
    "4016": lambda r: _set(E(r), cin_plans=[cin_plan(start="2025-07-01", end="2025-08-01")]),
    "4017": lambda r: _set(E(r, 1), cp_plans=[cp_plan(start="2025-07-01")]),
    "4003": lambda r: _set(E(r), cin_plans=[cin_plan(start="2025-09-01", end="2025-10-01")]),
    "1105": lambda r: _set(CP(r), CPPstartDate="2025-04-01"),
    "8720": lambda r: _set(CP(r), CPPstartDate=None),
    "8925": lambda r: _set(CP(r), CPPendDate="2025-06-01"),
    "8840": lambda r: _set(CP(r), CPPendDate="2025-06-20"),
    "8930": lambda r: _set(CP(r), CPPendDate="2026-04-05"),
    "8935": lambda r: E(r)["cp_plans"].append(cp_plan(start="2025-10-01", reviews=None)),
    "8940": lambda r: _set(
        E(r), cp_plans=[cp_plan(end="2025-10-01"), cp_plan(start="2025-09-01", reviews=None)]
    ),
    "8905": lambda r: _set(CP(r), InitialCategoryOfAbuse="XXX"),
    "8910": lambda r: _set(CP(r), LatestCategoryOfAbuse=None),
    "8730": lambda r: _set(CP(r), NumberOfPreviousCPP="-1"),
    "8841": lambda r: _set(CP(r), reviews=["2025-06-20"]),
    "8842Q": lambda r: _set(CP(r), reviews=[]),
}

# Pre-proceedings rules (2026/27 on): a 2026/27 return with a pre-proceedings block.
PP_FAILING = {
    "8995Q": lambda r: _set(E(r), pp=[]),
    "9000Q": lambda r: _set(E(r)["pp"][0], PPStartDate=None),
    "9005": lambda r: _set(E(r)["pp"][0], PPStartDate="2026-03-01"),
    "9006": lambda r: _set(E(r)["pp"][0], LBPSentDate="2026-04-20"),
    "9007": lambda r: _set(E(r)["pp"][0], LBPSentDate=None),
    "9008": lambda r: _set(E(r)["pp"][0], InitialPPMeetingDate="2027-04-02"),
    "9009": lambda r: _set(E(r)["pp"][0], StepDecisionDate="2026-04-15"),
    "9010Q": lambda r: _set(E(r)["pp"][0], FGDMMeetingFac=None),
    "9011": lambda r: _set(E(r)["pp"][0], PPOutcome="D"),
    "9012": lambda r: _set(E(r)["pp"][0], CourtAppDate="2026-08-01"),
    "9013": lambda r: _set(E(r)["pp"][0], CourtAppDate="2026-09-10", LetterInitCPDate="2026-09-05"),
    "9015Q": lambda r: _set(E(r)["pp"][0], ReviewMeetingsCount=None),
}


def run(ret: dict):
    return validate(parse_return(BytesIO(to_xml(ret))))


def codes(ret: dict) -> set[str]:
    return {f.code for f in run(ret).findings}


def return_2026_27() -> dict:
    ret = base_return()
    ret.update(ReferenceDate="2027-03-31", Year="2027")
    E(ret)["pp"] = [pre_proceedings(CourtAppDate="2026-09-10", LetterInitCPDate="2026-09-12")]
    return ret


def test_every_rule_has_a_failing_fixture():
    assert set(FAILING) | set(PP_FAILING) == {r.code for r in RULES}
    assert len(RULES) == len(RULES_BY_CODE)  # one rule per code


def test_the_valid_return_passes_every_rule():
    report = run(base_return())
    assert [(f.code, f.children) for f in report.findings] == []
    assert report.summary() == "0 errors, 0 queries"


@pytest.mark.parametrize("code", sorted(FAILING))
def test_rule_fails_on_its_fixture_and_passes_without_it(code):
    assert code not in codes(base_return())
    ret = base_return()
    FAILING[code](ret)
    report = run(ret)
    finding = next((f for f in report.findings if f.code == code), None)
    assert finding is not None, code
    assert finding.type == ("query" if code.endswith("Q") else "error")
    assert finding.message == RULES_BY_CODE[code].message


@pytest.mark.parametrize("code", sorted(PP_FAILING))
def test_pre_proceedings_rule_fails_on_its_fixture(code):
    assert code not in codes(return_2026_27())
    ret = return_2026_27()
    PP_FAILING[code](ret)
    assert code in codes(ret)


def test_pre_proceedings_rules_apply_from_2026_27_only():
    ret = base_return()
    assert "8995Q" not in codes(ret)  # 2025/26: no pre-proceedings block yet


def test_a_child_rule_names_each_child_affected():
    ret = base_return()
    _set(C(ret, 3), Ethnicity="XXXX")
    _set(C(ret, 5), Ethnicity="")
    finding = next(f for f in run(ret).findings if f.code == "4220")
    assert finding.children == ["C0004", "C0006"]
    assert finding.count == 2


def test_the_command_prints_each_failing_rule_and_the_totals(tmp_path):
    ret = base_return()
    _set(C(ret, 3), Ethnicity="XXXX")
    _set(CIN(ret), CINPlanEndDate="2025-06-05")
    path = tmp_path / "return.xml"
    path.write_bytes(to_xml(ret))
    out = StringIO()
    call_command("validate_cin_census", str(path), stdout=out)
    text = out.getvalue()
    assert "4220   error" in text
    assert "C0004" in text
    assert "4012Q  query" in text
    assert "C0002" in text
    assert text.rstrip().endswith("1 errors, 1 queries")


def test_the_command_refuses_an_unreadable_file(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text("<Message><Children>")
    with pytest.raises(CommandError, match="not a readable XML file"):
        call_command("validate_cin_census", str(path))
    with pytest.raises(CommandError, match="no such file"):
        call_command("validate_cin_census", str(tmp_path / "missing.xml"))


def test_a_file_from_another_system_is_read_whatever_its_order():
    """Element order and unknown elements do not stop the checks (the file is not ours)."""
    xml = to_xml({**base_return(), "children": [child(1, episodes=[episode()])]})
    xml = xml.replace(b"<Ethnicity>", b"<Extra>x</Extra><Ethnicity>")
    report = validate(parse_return(BytesIO(xml)))
    assert "4220" not in {f.code for f in report.findings}


def _messy_return() -> dict:
    ret = base_return()
    _set(C(ret, 1), LAchildID="C0001")  # 8510, on the whole return
    _set(C(ret, 3), Ethnicity="XXXX")  # 4220, on one child
    return ret


def _findings(report) -> list:
    return [(f.code, f.type, f.children) for f in report.findings]


def test_the_streamed_file_gives_the_findings_of_the_return_in_memory():
    xml = to_xml(_messy_return())
    streamed = validate_file(BytesIO(xml))
    in_memory = validate(parse_return(BytesIO(xml)))
    assert _findings(streamed) == _findings(in_memory)
    assert {"8510", "4220"} <= {f.code for f in streamed.findings}
    assert streamed.children == in_memory.children == len(_messy_return()["children"])


def test_a_header_after_the_children_is_still_read():
    xml = to_xml(_messy_return())
    header = xml[xml.index(b"<Header>") : xml.index(b"</Header>") + len(b"</Header>")]
    moved = xml.replace(header, b"").replace(b"</Children>", b"</Children>" + header)
    assert moved.index(b"<Header>") > moved.index(b"</Children>")
    assert _findings(validate_file(BytesIO(moved))) == _findings(validate_file(BytesIO(xml)))


def test_a_file_without_a_reference_date_fails_rule_100_only():
    xml = to_xml(_messy_return())
    start, end = xml.index(b"<ReferenceDate>"), xml.index(b"</ReferenceDate>")
    report = validate_file(BytesIO(xml[:start] + xml[end + len(b"</ReferenceDate>") :]))
    assert [f.code for f in report.findings] == ["100"]
    assert report.children == len(_messy_return()["children"])


def test_a_file_broken_after_some_children_is_refused():
    xml = to_xml(_messy_return())
    with pytest.raises(ValueError, match="not a readable XML file"):
        validate_file(BytesIO(xml[: xml.index(b"</Child>") + 200]))
