"""Words for the synthetic audit programme: themes, findings and narratives by domain and grade,
recommendations and follow-up answers. Fictional and generic."""

THEMES = [
    ("Response to neglect", "How early neglect is recognised and how well the response works"),
    ("Contingency planning", "Whether plans say what happens if they are not working"),
    (
        "Management oversight of disabled children",
        "Management oversight and supervision for disabled children",
    ),
    ("Management oversight and supervision", "Direction, timescales and reflective supervision"),
    ("The child's lived experience", "Whether the record shows what life is like for the child"),
    ("Identity, culture and faith", "Whether identity is understood and reflected in the plan"),
    ("Pre-proceedings and PLO", "Timeliness and purpose of work under the PLO"),
    ("Domestic abuse", "Understanding of the impact of domestic abuse on the child"),
    ("Participation in reviews", "How children take part in their reviews"),
]

# Thematic audits: (theme, team kinds, levels of need) narrowing the sample.
THEMATIC = [
    ("Response to neglect", (), ("cin", "cp")),
    ("Management oversight of disabled children", ("disabled_children",), ()),
    ("Pre-proceedings and PLO", (), ("pre_proceedings",)),
    ("Contingency planning", (), ("cin",)),
]

# Which themes a domain's weak grade suggests (so themes follow the grades).
DOMAIN_THEMES = {
    "child_voice": ["Participation in reviews", "The child's lived experience"],
    "assessment": ["Identity, culture and faith", "Response to neglect", "Domestic abuse"],
    "plan": ["Contingency planning"],
    "oversight": ["Management oversight and supervision"],
    "timeliness": ["Pre-proceedings and PLO"],
    "impact": ["The child's lived experience", "Response to neglect"],
}

NARRATIVES = {
    "child_voice": {
        "outstanding": "The child is seen alone at every visit; their words shape the plan.",
        "good": "The child is seen regularly and their wishes and feelings are recorded.",
        "requires_improvement": "The child's views are recorded but not reflected in the plan.",
        "inadequate": "The child has not been seen alone and their voice is absent.",
    },
    "assessment": {
        "outstanding": "Analysis draws on the family history; identity is fully considered.",
        "good": "A clear assessment with family history and the child's identity considered.",
        "requires_improvement": "Describes risks but analysis and family history are thin.",
        "inadequate": "No up-to-date assessment; history and identity are not considered.",
    },
    "plan": {
        "outstanding": "Outcomes are measured from the child's view; contingency is specific.",
        "good": "Outcomes are clear and there is a contingency arrangement.",
        "requires_improvement": "Actions are vague and the contingency arrangement is missing.",
        "inadequate": "There is no current plan that says what will change for the child.",
    },
    "oversight": {
        "outstanding": "Reflective supervision with clear direction and timescales.",
        "good": "Regular oversight recorded with decisions and timescales.",
        "requires_improvement": "Oversight is recorded but gives little direction.",
        "inadequate": "No management oversight recorded for several months.",
    },
    "timeliness": {
        "outstanding": "Every assessment, visit and review was on time.",
        "good": "Work is mostly on time with no impact on the child.",
        "requires_improvement": "Some visits and reviews were late.",
        "inadequate": "Significant drift: the assessment and reviews were well out of time.",
    },
    "impact": {
        "outstanding": "The child's circumstances have clearly improved.",
        "good": "There is evidence the plan is making a difference for the child.",
        "requires_improvement": "Little evidence yet that the plan is changing things.",
        "inadequate": "The child's circumstances have not improved and may be worse.",
    },
}

FINDINGS = {
    "Response to neglect": [
        "Neglect was recognised early and the plan tackled routines and school attendance.",
        "Neglect concerns built up over months before the case stepped up.",
    ],
    "Contingency planning": [
        "No contingency arrangement: the plan does not say what happens if it fails.",
        "Contingency names the family network and who will act.",
    ],
    "Management oversight of disabled children": [
        "No recorded supervision discussion of this disabled child since the last review.",
        "Oversight sets direction but does not track the child's communication needs.",
    ],
    "Management oversight and supervision": [
        "Supervision records give clear direction with timescales.",
        "Oversight repeats the plan without direction or a check on drift.",
    ],
    "The child's lived experience": [
        "The record shows a day in the child's life in their own words.",
        "Visits record the home, not what life is like for the child.",
    ],
    "Identity, culture and faith": [
        "The child's faith and language are reflected in who supports them.",
        "Identity section left blank with no reason.",
    ],
    "Pre-proceedings and PLO": [
        "PLO letter sent but no review meeting for twelve weeks.",
        "Clear PLO plan; the family knew what had to change.",
    ],
    "Domestic abuse": [
        "Impact of domestic abuse on the child analysed with the parent.",
        "Domestic abuse noted but its impact on the child not explored.",
    ],
    "Participation in reviews": [
        "The child chaired part of their review with an advocate.",
        "No record of how the child took part in the review.",
    ],
}

RECOMMENDATIONS = {
    "child_voice": "See the child alone and record their wishes and feelings in their words",
    "assessment": "Update the assessment with the family history and the child's identity",
    "plan": "Add a contingency arrangement with the family network to the plan",
    "oversight": "Record management oversight with direction and timescales",
    "timeliness": "Hold the overdue review and set the next date",
    "impact": "Agree measures of what will be different for the child and rate them",
}

FOLLOW_UPS = {
    "yes": "The child's plan is working: seen alone, contingency in place, attendance up.",
    "partly": "Some change: the plan is updated but the child's situation has not yet moved.",
    "no": "No evident difference for the child since the audit.",
}

REFLECTION = "We agree with the findings and have talked about them in supervision."
MODERATION_REASON = "Moderation: the evidence supports a different grade."
AFTER_MODERATION_REASON = "Family feedback received after moderation changes the picture."
