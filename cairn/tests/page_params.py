"""How to fill each URL's path parameters from the page world (cairn/testing/page_world.py).

`PK` names, for each URL whose route takes `pk`, which record of the child's it is (or, with a
"shared:" prefix, which shared record). Other parameters are filled by name (`OTHER`).
"""

import re

from django.urls import URLResolver, get_resolver, reverse

from cairn.accounts.roles import Role

STAFF_ROLES = [role for role in Role if role != Role.SYSTEM]

# URL name -> the record `pk` stands for.
PK = {
    "people:person_detail": "child",
    "governance:allowance_remove": "shared:allowance",
    "governance:request_decide": "shared:access_request",
    "frontdoor:contact_detail": "contact",
    "frontdoor:threshold_decide": "contact_child",
    "frontdoor:referral_create": "contact_child",
    "frontdoor:episode_detail": "episode",
    "frontdoor:episode_set_primary_need": "episode",
    "frontdoor:episode_allocate": "episode",
    "frontdoor:episode_close": "episode",
    "frontdoor:referral_record_nfa": "episode",
    "earlyhelp:journey": "child",
    "earlyhelp:early_help_start": "child",
    "earlyhelp:level_transition": "child",
    "earlyhelp:step_up": "child",
    "earlyhelp:early_help_detail": "early_help",
    "earlyhelp:early_help_end": "early_help",
    "earlyhelp:step_down": "plan",
    "casework:assessment_detail": "assessment",
    "casework:assessment_section": "assessment",
    "casework:assessment_identity": "assessment",
    "casework:assessment_views": "assessment",
    "casework:assessment_factors": "assessment",
    "casework:assessment_target": "assessment",
    "casework:assessment_submit": "assessment",
    "casework:assessment_decide": "assessment",
    "casework:plan_detail": "plan",
    "casework:plan_print": "plan",
    "casework:outcome_add": "plan_version",
    "casework:outcome_edit": "outcome",
    "casework:outcome_remove": "outcome",
    "casework:action_add": "plan_version",
    "casework:action_edit": "action",
    "casework:contingency_edit": "plan_version",
    "casework:network_add": "plan_version",
    "casework:plan_authorise": "plan_version",
    "casework:review_check": "plan",
    "casework:review_step": "plan",
    "casework:review_detail": "review",
    "casework:child_detail": "child",
    "casework:visit_create": "child",
    "casework:visit_detail": "visit",
    "casework:case_note_list": "child",
    "casework:case_note_create": "child",
    "casework:case_note_detail": "case_note",
    "casework:case_note_edit": "case_note",
    "casework:case_note_finalise": "case_note",
    "casework:case_note_append": "case_note",
    "casework:chronology": "child",
    "casework:chronology_analysis_add": "child",
    "quality:cycle_detail": "shared:cycle",
    "quality:cycle_sample": "shared:cycle",
    "quality:tool_version": "shared:tool_version",
    "quality:tool_draft": "shared:tool_version",
    "quality:tool_publish": "shared:tool_version",
    "quality:question_remove": "shared:question",
    "quality:audit_detail": "case_audit",
    "quality:allocate": "case_audit",
    "quality:audit_edit": "case_audit",
    "quality:audit_submit": "case_audit",
    "quality:audit_moderate": "case_audit",
    "quality:grade_change": "case_audit",
    "quality:audit_finding": "case_audit",
    "quality:audit_reflection": "case_audit",
    "quality:recommendation_new": "case_audit",
    "quality:follow_up": "case_audit",
    "quality:recommendation_detail": "recommendation",
    "quality:recommendation_complete": "recommendation",
    "quality:recommendation_verify": "recommendation",
    "workforce:staff_detail": "shared:worker",
    "workforce:staff_edit": "shared:worker",
    "workforce:training_remove": "shared:training",
    "workforce:absence_detail": "shared:absence",
    "workforce:cover_set": "shared:absence",
    "workforce:absence_end": "shared:absence",
    "workforce:team_caseload": "shared:own_team",
    "workforce:team_threshold": "shared:own_team",
    "workforce:supervision_session": "shared:supervision_session",
    "workforce:supervision_standard": "shared:own_team",
    "workforce:child_oversight": "child",
    "workforce:oversight_entry_create": "child",
    "workforce:oversight_action_done": "oversight_action",
    "protection:midpoint_review_create": "child",
    "protection:practice_alert_raise": "child",
    "protection:practice_alert_detail": "practice_alert",
    "protection:practice_alert_respond": "practice_alert",
    "protection:practice_alert_escalate": "practice_alert",
    "protection:practice_alert_resolve": "practice_alert",
    "protection:strategy_detail": "strategy",
    "protection:s47_detail": "s47",
    "protection:s47_edit": "s47",
    "protection:icpc_new": "s47",
    "protection:conference_detail": "conference",
    "protection:conference_decision": "conference",
    "protection:conference_finalise": "conference",
    "protection:addendum_add": "conference",
    "protection:cp_plan_detail": "cp_plan",
    "protection:review_new": "cp_plan",
    "protection:core_group_new": "cp_plan",
    "protection:core_group_member_add": "cp_plan",
    "protection:core_group_detail": "core_group",
    "legal:legal_planning_detail": "legal_planning",
    "legal:legal_planning_issue": "legal_planning",
    "legal:pre_proceedings_detail": "pre_proceedings",
    "legal:pre_proceedings_letter": "pre_proceedings",
    "legal:pre_proceedings_fgdm": "pre_proceedings",
    "legal:pre_proceedings_meeting": "pre_proceedings",
    "legal:pre_proceedings_step": "pre_proceedings",
    "legal:proceedings_issue": "pre_proceedings",
    "legal:proceedings_detail": "proceedings",
    "legal:hearing_new": "proceedings",
    "legal:extension_new": "proceedings",
    "legal:proceedings_conclude": "proceedings",
    "legal:interim_order_new": "proceedings",
    "legal:hearing_outcome": "hearing",
    "legal:care_plan": "proceedings",
    "legal:looked_after_cease": "looked_after",
    "edgeofcare:referral_detail": "eoc_referral",
    "edgeofcare:referral_decide": "eoc_referral",
    "edgeofcare:intervention_start": "eoc_referral",
    "edgeofcare:session_new": "intervention",
    "edgeofcare:intervention_end": "intervention",
    "returns:run_detail": "shared:return_run",
    "insight:report_detail": "shared:members_report",
    "insight:report_edit": "shared:members_report",
    "insight:report_issue": "shared:members_report",
    "insight:report_pdf": "shared:members_report",
    "returns:run_download": "shared:return_run",
    "integrations:token_issue": "shared:api_client",
    "integrations:token_revoke": "shared:api_token",
}

# Other parameters, by name: a record of the child's, "shared:<record>" or "=<literal>".
OTHER = {
    "child_pk": "child",
    "person_pk": "child",
    "row_pk": "proceedings_child",
    "worker_pk": "shared:worker",
    "staff_pk": "shared:worker",
    "team_pk": "shared:own_team",
    "code": "shared:rule_code",
    "section": "=family-history",
    "step": "=details",
    "kind": "=json",  # subject access download; the legal meeting kind is below
    "name": "=grades-by-domain",
    "key": "shared:measure_key",
}
KIND_FOR = {"legal:pre_proceedings_meeting": "=pp_initial"}

PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def parameters(route: str) -> list[str]:
    return PARAM.findall(route)


def source(name: str, param: str) -> str:
    if param == "pk":
        return PK[name]
    if param == "kind" and name in KIND_FOR:
        return KIND_FOR[name]
    return OTHER[param]


def _value(where: str, child_ids: dict, shared: dict):
    if where.startswith("="):
        return where[1:]
    if where.startswith("shared:"):
        return shared[where.removeprefix("shared:")]
    return child_ids[where]


def fill(name: str, route: str, child_ids: dict, shared: dict) -> dict:
    """The URL's kwargs for the child whose records are `child_ids`."""
    return {param: _value(source(name, param), child_ids, shared) for param in parameters(route)}


def unfillable(name: str, route: str) -> list[str]:
    """The URL's parameters this module does not know how to fill (a new page needs them)."""
    return [
        p
        for p in parameters(route)
        if (p == "pk" and name not in PK) or (p != "pk" and p not in OTHER)
    ]


def is_child_scoped(name: str, route: str) -> bool:
    """Whether the URL names one of a child's records (so a guessed id must be refused)."""
    if unfillable(name, route):
        return False  # test_every_page_can_be_filled says which
    return any(not source(name, p).startswith(("=", "shared:")) for p in parameters(route))


# Refused on the role alone before the id is read (only QA officers allocate audits): nothing
# about the child is looked up, so there is no child to log.
ROLE_ONLY = {"quality:allocate"}


# The body a POST-only page's button sends, for the POST matrix (test_page_matrix.py): these
# make an allowed press a real one (a theme tagged, text appended, an action marked done); the
# others are sent an empty POST. Every button asks its rule before reading its form, so a
# refused press is a 403 whatever the body. Values as in OTHER; "{pk}" in a field's name is
# the URL's pk (a form prefixed by its record).
POST_BODY = {
    "casework:case_note_append": {"text": "=Spoke to the school about attendance"},
    "quality:audit_finding": {"theme": "shared:theme", "finding": "=Neglect recognised"},
    "workforce:oversight_action_done": {
        "action-{pk}-version": "=1",
        "action-{pk}-done_on_0": "=16",
        "action-{pk}-done_on_1": "=3",
        "action-{pk}-done_on_2": "=2026",
    },
}


def post_body(name: str, route: str, world: dict, child: str = "own") -> dict:
    """The POST body for the page's button (POST_BODY), filled for `child`'s records."""
    kwargs = fill(name, route, world[child], world["shared"])
    return {
        field.format(**kwargs): _value(where, world[child], world["shared"])
        for field, where in POST_BODY.get(name, {}).items()
    }


# Not in the matrix, on purpose:
EXCLUDED = {
    # Sign-in and sign-out: public, tested in cairn/accounts/tests (lockout, two-factor).
    "accounts:sign_in",
    "accounts:sign_out",
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
}
EXCLUDED_PREFIXES = ("api/",)  # the REST API: token auth, its own matrix in cairn/api/tests


def walk(patterns, prefix="", namespace=None):
    """(name, route) of every URL pattern, resolvers followed recursively."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield name, prefix + str(pattern.pattern)


def pages() -> list[tuple[str, str]]:
    return [
        (name, route)
        for name, route in walk(get_resolver().url_patterns)
        if name not in EXCLUDED and not route.startswith(EXCLUDED_PREFIXES)
    ]


def url_for(name: str, route: str, world: dict, child: str = "own") -> str:
    return reverse(name, kwargs=fill(name, route, world[child], world["shared"]))
