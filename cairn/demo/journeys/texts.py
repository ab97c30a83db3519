"""Short, plausible, obviously synthetic wording for the narrative fields.

Picked from small pools with the journey's random stream; names come from the seeded people.
"""

import random

CONCERNS = [
    "Police attended a domestic incident at the family home overnight; {name} was present.",
    "School report {name} has arrived hungry and in unwashed clothes most days this term.",
    "Health visitor concerned about home conditions and missed developmental checks for {name}.",
    "{name} disclosed to a teacher that an adult at home hits them when angry.",
    "Neighbour reports shouting late at night and {name} left alone for long periods.",
    "A&E attendance: {name} brought in with an injury the explanation does not fit.",
    "Mother has told her GP she is struggling with her mental health and caring for {name}.",
    "{name} has been missing from home twice this month and was found with older youths.",
    "School attendance has fallen to 60%; {name} appears withdrawn and anxious.",
    "Housing officer reports the family faces eviction and the home is unsafe for {name}.",
    "Parent's drug use reported by probation; {name} lives with them.",
    "{name}'s parent asked for help managing {name}'s behaviour and disability at home.",
]
RATIONALE = {
    "nfa": [
        "Information shared does not indicate unmet need; no further action, school informed.",
        "Single incident, parents acting protectively; no further action.",
    ],
    "advice": [
        "Needs can be met by universal services; advice given to the referrer and parent.",
        "Signposted to the family hub parenting group; parent agreed.",
    ],
    "early_help": [
        "Emerging needs the family agree to work on; early help with a lead practitioner.",
        "Needs sit at level 2 on the continuum; consent given for an early help assessment.",
    ],
    "referral": [
        "Complex needs and a pattern of concern: a single assessment is needed (level 3).",
        "History of repeated contacts and parental capacity in question; referral accepted.",
    ],
    "strategy": [
        "Reasonable cause to suspect significant harm: strategy discussion today (level 4).",
        "Injury with no explanation; strategy discussion with police and health needed.",
    ],
}
LIVED_EXPERIENCE = [
    "{name} wakes to arguments most nights and goes to school tired and worried about mum.",
    "{name}'s day is unpredictable: meals are irregular and no adult checks homework.",
    "{name} loves football and their grandmother's visits, and is frightened when dad drinks.",
    "{name} spends long periods caring for a younger sibling and has few friends.",
]
STRENGTHS = [
    "Mother is open with professionals and wants things to change.",
    "Strong bond with maternal grandmother, who lives nearby and helps daily.",
    "{name} is doing well at school and has a trusted teacher.",
]
RISKS = [
    "Ongoing domestic abuse; the perpetrator still visits the home.",
    "Parental substance misuse affecting supervision and routines.",
    "Unmet health needs and missed appointments.",
]
ANALYSIS = [
    "{name}'s needs are not met without services; a child in need plan is recommended.",
    "The risks are reducing with support already in place; the family can be helped by early help.",
    "Risk of significant harm cannot be ruled out; a strategy discussion is recommended.",
]
FAMILY_HISTORY = [
    "Two previous referrals (domestic abuse, 2021 and 2023); early help closed with outcomes met.",
    "No previous involvement. Mother had care experience as a child.",
    "Father has convictions for violence; parents separated last year.",
]
VIEW_CHILD = [
    "'I want mum and dad to stop shouting.'",
    "'I like my school. I don't like it when I'm on my own at night.'",
    "'Nan's house is where I feel safe.'",
]
VIEW_PARENT = [
    "Accepts things need to change and wants help with routines.",
    "Feels the concerns are exaggerated but will work with the plan.",
    "Worried about money and housing more than anything else.",
]
VIEW_PROFESSIONAL = [
    "Attendance and presentation have improved since the support started.",
    "Continues to see bruising and low mood; supports a plan.",
    "Family engage well with appointments when reminded.",
]
PROFESSIONALS = [
    ("Class teacher", "Fernbridge Primary School"),
    ("Designated safeguarding lead", "Marram Sands Academy"),
    ("Health visitor", "Fernbridge health visiting service"),
    ("School nurse", "School nursing service"),
    ("GP", "Hollins Cross Medical Practice"),
    ("Police officer", "Police public protection unit"),
    ("Family support worker", "Fernbridge Family Hub"),
    ("Drug and alcohol worker", "Recovery service"),
]
OUTCOMES = [
    ("{name} will feel safe at home and say so.", "{name} tells us on a 0-10 scale"),
    ("{name} will attend school every day and on time.", "School attendance at 95% or more"),
    ("{name} will have regular meals, a bedtime routine and clean clothes.", ""),
    ("{name} will not see or hear arguments or violence at home.", ""),
    ("{name}'s health appointments will all be kept.", "Every appointment attended"),
    ("{name} will spend time with their grandmother every week.", ""),
]
ACTIONS = [
    ("Attend the parenting programme at the family hub", "Fernbridge Family Hub"),
    ("Refer mother to the domestic abuse service", "Children's social care"),
    ("Complete a home conditions check each visit", "Children's social care"),
    ("Monitor attendance and tell the social worker of any absence", "School"),
    ("Register with a GP and book the health review", ""),
    ("Engage with the drug and alcohol service", ""),
]
TRIGGERS = [
    "Another domestic incident, missed visits, or {name} missing school for three days.",
    "{name} says they feel unsafe, or home conditions fall below the agreed standard.",
]
RESPONSES = [
    "Strategy discussion the same day and consideration of a move to grandmother's care.",
    "Urgent review with the team manager within two working days; consider a CP referral.",
]
WHO_ACTS = ["Social worker and team manager", "Team manager, with the police if out of hours"]
FGC_REASONS = {
    "declined": "Mother declined: she does not want wider family to know at this stage.",
    "not_offered": "Not offered yet: the family network is still being identified.",
}
NETWORK_HOW = [
    "Spoke by phone; willing to have {name} to stay at short notice.",
    "Met at the FGC; offered daily after-school care.",
    "Considered; not able to help because of their own health.",
]
VISIT_LOCATIONS = ["Family home", "Family home", "School", "Grandmother's home", "Family hub"]
DIRECT_WORK = [
    "Three houses tool",
    "Words and pictures",
    "Wishes and feelings worksheet",
    "Life story work",
    "Drawing and play",
    "",
]
OBSERVATIONS = [
    "Home warm and tidy; food in the cupboards. {name} relaxed with mum.",
    "{name} quiet at first, then chatty. Bedroom has a bed and clean bedding.",
    "Home cluttered; mum tired. {name} hungry on arrival from school.",
]
VISIT_ANALYSIS = [
    "Progress is being maintained; plan on track.",
    "Concerns about routines persist; to raise at the next review.",
]
NOTE_SUBJECTS = [
    ("Phone call with mother", "Mother called to say {name} was unwell and off school."),
    ("School update", "DSL reports attendance improved; no new concerns."),
    ("Management oversight", "Case discussed in supervision; plan remains appropriate."),
    ("Strategy call with police", "Police shared information about an incident at the address."),
    ("Missed appointment", "Family not at home for the arranged visit; card left."),
    ("Health visitor call", "Health review completed; weight on the 25th centile."),
]
EVENTS = {
    "new_adult": "Mother's new partner has moved into the home.",
    "incident": "Police called to the home after a domestic incident.",
    "exclusion": "{name} excluded from school for five days.",
    "hospital": "{name} taken to A&E with a head injury.",
    "missing": "{name} missing overnight; found by police the next day.",
    "disclosure": "{name} told a teacher about being hit at home.",
    "other": "Family served notice to leave their home.",
}
EARLY_HELP_LEADS = [
    ("Fernbridge Family Hub", "Family support worker"),
    ("Fernbridge Primary School", "Pastoral lead"),
    ("Health visiting service", "Health visitor"),
    ("Youth service", "Youth worker"),
]
EARLY_HELP_REASONS = [
    "Parenting support and routines.",
    "School attendance and emotional wellbeing.",
    "Housing and money worries affecting the children.",
]
PLAN_SUMMARIES = [
    "Team around the family: parenting course, school attendance plan, family hub sessions.",
    "Carried from the child in need plan: routines, school, weekly family time with nan.",
]


def pick(rng: random.Random, pool: list[str], **names: str) -> str:
    return rng.choice(pool).format(**names)
