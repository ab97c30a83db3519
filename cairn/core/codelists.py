"""Code lists from shared/domain/codes.md (DfE CIN census, SSD), held as reference data.

This module is the source; `sync_code_lists` copies it into the Code table after every migrate,
so the database, the forms and the returns read the same codes.
"""

ETHNICITY = [
    ("WBRI", "White British"),
    ("WIRI", "White Irish"),
    ("WIRT", "Traveller of Irish heritage"),
    ("WOTH", "Any other White background"),
    ("WROM", "Gypsy/Roma"),
    ("MWBC", "White and Black Caribbean"),
    ("MWBA", "White and Black African"),
    ("MWAS", "White and Asian"),
    ("MOTH", "Any other mixed background"),
    ("AIND", "Indian"),
    ("APKN", "Pakistani"),
    ("ABAN", "Bangladeshi"),
    ("AOTH", "Any other Asian background"),
    ("BCRB", "Caribbean (Black or Black British)"),
    ("BAFR", "African (Black or Black British)"),
    ("BOTH", "Any other Black background"),
    ("CHNE", "Chinese"),
    ("OOTH", "Any other ethnic group"),
    ("REFU", "Refused"),
    ("NOBT", "Information not yet obtained"),
]

DISABILITY = [
    ("NONE", "No disability"),
    ("MOB", "Mobility"),
    ("HAND", "Hand function"),
    ("PC", "Personal care"),
    ("INC", "Incontinence / bodily functions"),
    ("COMM", "Communication"),
    ("LD", "Learning"),
    ("HEAR", "Hearing"),
    ("VIS", "Vision"),
    ("BEH", "Behaviour"),
    ("CON", "Consciousness (e.g. seizures)"),
    ("AUT", "Autism / Asperger syndrome"),
    ("DDA", "Other disability under the Equality Act not listed"),
]

SEX = [("M", "Male"), ("F", "Female"), ("U", "Unknown or not recorded")]

GENDER_IDENTITY = [
    ("00", "Not known"),
    ("01", "Man, boy or male"),
    ("02", "Woman, girl or female"),
    ("09", "Prefers to self-describe"),
]

UPN_UNKNOWN = [
    ("UN1", "Not of school age and not yet given a UPN"),
    ("UN2", "Never attended a maintained school in England"),
    ("UN3", "Educated outside England"),
    ("UN4", "UPN not yet known because the child is new"),
    ("UN5", "Sources holding UPNs disagree, so no reliable match"),
    ("UN6", "Other reason accepted for a school-age child"),
    ("UN7", "Referral with no further action"),
]

REFERRAL_SOURCE = [
    ("1A", "Individual: family member, relative or carer"),
    ("1B", "Individual: acquaintance"),
    ("1C", "Individual: the child (self-referral)"),
    ("1D", "Individual: other"),
    ("2A", "Schools"),
    ("2B", "Education services"),
    ("3A", "Health: GP"),
    ("3B", "Health: health visitor"),
    ("3C", "Health: school nurse"),
    ("3D", "Health: other primary health services"),
    ("3E", "Health: A&E / emergency department"),
    ("3F", "Health: other"),
    ("4", "Housing"),
    ("5A", "LA services: social care"),
    ("5B", "LA services: other internal department"),
    ("5C", "LA services: external, from another council"),
    ("5D", "LA services: early help"),
    ("6", "Police"),
    ("7", "Other legal agency"),
    ("8", "Other"),
    ("9", "Anonymous"),
    ("10", "Unknown"),
]

PRIMARY_NEED = [
    ("N0", "Not stated"),
    ("N1", "Abuse or neglect"),
    ("N2", "Child's disability"),
    ("N3", "Parental disability or illness"),
    ("N4", "Family in acute stress"),
    ("N5", "Family dysfunction"),
    ("N6", "Socially unacceptable behaviour"),
    ("N7", "Low income"),
    ("N8", "Absent parenting"),
    ("N9", "Cases other than children in need"),
]

CLOSURE_REASON = [
    ("RC1", "Adopted"),
    ("RC2", "Died"),
    ("RC3", "Child arrangements order"),
    ("RC4", "Special guardianship order"),
    ("RC5", "Transferred to services of another local authority"),
    ("RC6", "Transferred to adult social care services"),
    ("RC7", "Services ceased for any other reason, including child no longer in need"),
    ("RC8", "Case closed after assessment, no further action"),
    ("RC9", "Case closed after assessment, referred to early help"),
]

ASSESSMENT_FACTOR = [
    *[
        (f"{n}{who}", f"{name}: concern about {whom}")
        for n, name in [
            (1, "Alcohol misuse"),
            (2, "Drug misuse"),
            (3, "Domestic abuse"),
            (4, "Mental health"),
            (5, "Learning disability"),
            (6, "Physical disability or illness"),
        ]
        for who, whom in [("A", "the child"), ("B", "a parent or carer"), ("C", "another person")]
    ],
    ("7A", "Young carer"),
    ("8B", "Privately fostered: overseas child returning home"),
    ("8C", "Privately fostered: overseas child staying"),
    ("8D", "Privately fostered: UK child in an educational placement"),
    ("8E", "Privately fostered: UK child in an alternative family arrangement"),
    ("8F", "Privately fostered: other"),
    ("9A", "Unaccompanied asylum-seeking child"),
    ("10A", "Going or being missing"),
    ("11A", "Child sexual exploitation"),
    ("12A", "Trafficking"),
    ("13A", "Gangs"),
    ("14A", "Socially unacceptable behaviour"),
    ("15A", "Self-harm"),
    ("16A", "Abuse or neglect: neglect"),
    ("17A", "Abuse or neglect: emotional abuse"),
    ("18B", "Physical abuse by another child"),
    ("18C", "Physical abuse by an adult"),
    ("19B", "Sexual abuse by another child"),
    ("19C", "Sexual abuse by an adult"),
    ("20", "Other"),
    ("21", "No factors identified"),
    ("22A", "Female genital mutilation"),
    ("23A", "Abuse linked to faith or belief"),
    ("24A", "Child criminal exploitation"),
]

CATEGORY_OF_ABUSE = [
    ("NEG", "Neglect"),
    ("PHY", "Physical abuse"),
    ("SAB", "Sexual abuse"),
    ("EMO", "Emotional abuse"),
    ("MUL", "Multiple"),
]

PARTICIPATION = [
    ("PN0", "Child under 4 at the review"),
    ("PN1", "Attended and spoke for themselves"),
    ("PN2", "Attended; an advocate spoke for them"),
    ("PN3", "Attended and conveyed views non-verbally"),
    ("PN4", "Attended but did not contribute"),
    ("PN5", "Did not attend; briefed an advocate to speak for them"),
    ("PN6", "Did not attend; sent views by another medium"),
    ("PN7", "Did not attend and no views conveyed"),
]

# Local list (no DfE code set): the immigration statuses councils record most.
IMMIGRATION_STATUS = [
    ("BRIT", "British citizen"),
    ("SETTLED", "Settled status (EUSS) or indefinite leave"),
    ("PRESET", "Pre-settled status or limited leave"),
    ("ASYLUM", "Asylum seeker"),
    ("REFUGEE", "Refugee or humanitarian protection"),
    ("UASC", "Unaccompanied asylum-seeking child"),
    ("NRPF", "No recourse to public funds"),
    ("UNKNOWN", "Not known"),
]

# Legal (issue 5): SSDA903 legal status (codes.md "Legal status") and reason a period of care
# ceased (SSDA903 REC; labels shortened from DfE's guidance; check against the year's guide).
LEGAL_STATUS = [
    ("C1", "Interim care order"),
    ("C2", "Full care order"),
    ("D1", "Freeing order granted"),
    ("E1", "Placement order granted"),
    ("V2", "Single period of accommodation under section 20"),
    ("V3", "Short breaks: individual episodes recorded"),
    ("V4", "Short breaks: agreements recorded"),
    ("L1", "Police protection, in council accommodation"),
    ("L2", "Emergency protection order"),
    ("L3", "Child assessment order, in council accommodation"),
    ("J1", "Remanded to council or youth detention accommodation"),
    ("J2", "Council accommodation under PACE"),
    ("J3", "Youth rehabilitation order with residence or fostering requirement"),
]

REASON_CEASED = [
    ("E11", "Adopted: application unopposed"),
    ("E12", "Adopted: consent dispensed with by the court"),
    ("E13", "Left care to live with parents, relatives or others without parental responsibility"),
    ("E14", "Accommodation on remand ended"),
    ("E15", "Age assessment found the child to be 18 or over"),
    ("E16", "Moved abroad"),
    ("E17", "Aged 18 or over and stayed with current carers"),
    ("E2", "Died"),
    ("E3", "Care taken over by another local authority in the UK"),
    ("E41", "Child arrangements order granted"),
    ("E45", "Special guardianship order: former foster carers, relatives or friends"),
    ("E46", "Special guardianship order: former foster carers, not relatives or friends"),
    ("E47", "Special guardianship order: other carers, relatives or friends"),
    ("E48", "Special guardianship order: other carers, not relatives or friends"),
    ("E4A", "Returned home to parents or others with parental responsibility, as planned"),
    ("E4B", "Returned home to parents or others with parental responsibility, not as planned"),
    ("E5", "Moved to independent living with support"),
    ("E6", "Moved to independent living without formal support"),
    ("E7", "Transferred to residential care funded by adult social care"),
    ("E8", "Ceased for any other reason"),
    ("E9", "Sentenced to custody"),
]

CODE_LISTS: dict[str, list[tuple[str, str]]] = {
    "ethnicity": ETHNICITY,
    "disability": DISABILITY,
    "sex": SEX,
    "gender_identity": GENDER_IDENTITY,
    "upn_unknown": UPN_UNKNOWN,
    "referral_source": REFERRAL_SOURCE,
    "primary_need": PRIMARY_NEED,
    "closure_reason": CLOSURE_REASON,
    "assessment_factor": ASSESSMENT_FACTOR,
    "category_of_abuse": CATEGORY_OF_ABUSE,
    "participation": PARTICIPATION,
    "immigration_status": IMMIGRATION_STATUS,
    "legal_status": LEGAL_STATUS,  # legal (issue 5)
    "reason_ceased": REASON_CEASED,  # legal (issue 5)
}


def label(list_name: str, code: str) -> str:
    """The label of a code (the code itself if unknown, so nothing is hidden)."""
    return dict(CODE_LISTS[list_name]).get(code, code)


def choices(list_name: str) -> list[tuple[str, str]]:
    return list(CODE_LISTS[list_name])


def is_valid(list_name: str, code: str) -> bool:
    return code in dict(CODE_LISTS[list_name])
