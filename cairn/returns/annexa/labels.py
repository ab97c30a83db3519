"""Annex A label formats (shared/domain/annex-a.md "Coded values", codes.md).

Each function turns a code held in the record into the label Ofsted's lists use. Unknown codes
come back as the code itself, so nothing is silently hidden; no code gives None (a blank cell).

Where the two sector sources disagree we follow Social Finance's cleaner (liia-tools
`data-map.yml`), which is what regional pipelines read the workbook with (ADR 0021):
`s) NOBT` for "information not yet obtained" (D2I's SQL writes `t) NOBT`).
"""

from cairn.core.codelists import ETHNICITY, REFERRAL_SOURCE

YES = "a) Yes"
NO = "b) No"
UNKNOWN = "c) Unknown"

UNALLOCATED = "Unallocated"  # Allocated Worker for a team's queue (a team, no worker)

GENDER = {
    "M": "a) Male",
    "F": "b) Female",
    "U": "c) Not stated/recorded",
}

# a) WBRI ... r) OOTH in codes.md order, then the two non-answers.
_ETHNIC_GROUPS = [code for code, _ in ETHNICITY if code not in ("REFU", "NOBT")]
ETHNICITY_LABELS = {code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(_ETHNIC_GROUPS)}
ETHNICITY_LABELS |= {"REFU": "s) REFU", "NOBT": "s) NOBT"}

# Contact and referral source: `letter) code: group` (codes.md). 5D is D2I's `p1)`.
_SOURCE_GROUP = {
    "1": "Individual",
    "2A": "Schools",
    "2B": "Education services",
    "3": "Health services",
    "4": "Housing",
    "5": "LA services",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
}


def _source_group(code: str) -> str:
    return _SOURCE_GROUP.get(code) or _SOURCE_GROUP[code[0]]


_SOURCE_LETTERS = [code for code, _ in REFERRAL_SOURCE if code != "5D"]
SOURCE_LABELS = {
    code: f"{chr(ord('a') + i)}) {code}: {_source_group(code)}"
    for i, code in enumerate(_SOURCE_LETTERS)
}
SOURCE_LABELS["5D"] = "p1) 5D: LA services"

PRIMARY_NEED = {
    "N0": "N0 - Not stated",
    "N1": "N1 - Abuse or neglect",
    "N2": "N2 - Child's disability",
    "N3": "N3 - Parental disability or illness",
    "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction",
    "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income",
    "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need",
}

CLOSURE_REASON = {
    "RC1": "RC1 - Adopted",
    "RC2": "RC2 - Died",
    "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to services of another local authority",
    "RC6": "RC6 - Transferred to adult social care services",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}

CASE_STATUS_LOOKED_AFTER = "a) Looked after child"
CASE_STATUS_CP = "b) Child Protection plan"
CASE_STATUS_CIN = "c) Child in need plan"
CASE_STATUS_ASSESSMENT = "d) Open assessment"
CASE_STATUS_CLOSED = "e) Closed episode"

CATEGORY_OF_ABUSE = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}

LEGAL_STATUS = {
    "C1": "C1: ICO",
    "C2": "C2: FCO",
    "D1": "D1: Freeing order",
    "E1": "E1: Placement order",
    "V2": "V2: Single period under S20",
    "V3": "V3: Short term breaks, episodes recorded",
    "V4": "V4: Short term breaks, agreements recorded",
    "L1": "L1: Police protection LA accommodation",
    "L2": "L2: EPO",
    "L3": "L3: Child assessment order LA accommodation",
    "J1": "J1: Remanded to LA or youth detention",
    "J2": "J2: LA accommodation under PACE",
    "J3": "J3: Youth rehabilitation order",
}

# `letter) code: short label`, letters and wording as liia-tools' data-map.yml.
REASON_CEASED = {
    "E11": "a) E11: Adopted - application unopposed",
    "E12": "b) E12: Adopted - consent dispensed",
    "E2": "c) E2: Died",
    "E3": "d) E3: Care taken by another LA",
    "E4A": "e) E4A: Returned home to live with parents or relatives - part of planning",
    "E4B": "f) E4B: Returned home to live with parents or relatives - not part of planning",
    "E13": "g) E13: Parents, relatives or other with no parental responsibility",
    "E41": "h) E41: Residence order granted",
    "E45": "i) E45: Special Guardianship Orders - former carer relative/friend",
    "E46": "j) E46: Special Guardianship Orders - former carer other",
    "E47": "k) E47: Special Guardianship Orders - relative/friend",
    "E48": "l) E48: Special Guardianship Orders - other",
    "E5": "m) E5: Moved into independent living - supported",
    "E6": "n) E6: Moved into independent living - no support",
    "E7": "o) E7: Transferred to residential care funded by adult social services",
    "E9": "p) E9: Sentenced to custody",
    "E14": "q) E14: Accommodation on remand ended",
    "E15": "r) E15: Age assessment determined child was 18 or over",
    "E16": "s) E16: Child moved abroad",
    "E8": "t) E8: Care ceased for any other reason",
    "E17": "v) E17: Aged 18+ and remained with current carers",
}


def coded(labels: dict[str, str], code: str | None) -> str | None:
    """The label for `code` (the code itself if the list does not know it); None when blank."""
    if not code:
        return None
    return labels.get(code, code)


def yes_no(value: bool | None) -> str | None:
    """`a) Yes` / `b) No`; None (blank) when not known or not applicable."""
    if value is None:
        return None
    return YES if value else NO
