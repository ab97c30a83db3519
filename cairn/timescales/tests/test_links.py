"""alert_action_url: each rule links to where the alert is acted on, from the alert alone."""

import pytest
from django.urls import reverse

from cairn.timescales.catalogue import CATALOGUE, RuleKind
from cairn.timescales.engine import Alert, Target
from cairn.timescales.links import alert_action_url

CHILD, WORKER, TEAM = 11, 22, 33


def _alert(rule, target=None, *, child=CHILD, worker=WORKER, team=TEAM):
    return Alert(
        rule=rule,
        status="overdue",
        severity="high",
        explanation="",
        target=target,
        child_id=child,
        worker_id=worker,
        team_id=team,
    )


CASES = [
    ("CONTACT_DECISION_1WD", Target("frontdoor.ContactChild", 5), "frontdoor:threshold_decide", 5),
    ("ASSESSMENT_45WD", Target("casework.Assessment", 5), "casework:assessment_detail", 5),
    (
        "ASSESSMENT_UPDATE_DUE",
        Target("casework.SignificantEvent", 5),
        "casework:assessment_start",
        CHILD,
    ),
    ("ICPC_15WD", Target("protection.S47Enquiry", 5), "protection:s47_detail", 5),
    ("CORE_GROUP_10WD", Target("casework.Plan", 5), "protection:core_group_new", 5),
    ("CP_REVIEW_DUE", Target("casework.Plan", 5), "protection:cp_plan_detail", 5),
    ("CP_VISIT_DUE", Target("casework.Plan", 5), "casework:visit_create", CHILD),
    ("CIN_VISIT_DUE", Target("casework.Plan", 5), "casework:visit_create", CHILD),
    ("CIN_REVIEW_DUE", Target("casework.Plan", 5), "casework:review_check", 5),
    ("CP_PLAN_LONG", Target("casework.Plan", 5), "protection:cp_plan_detail", 5),
    ("CP_REPEAT_PLAN", Target("casework.Plan", 5), "protection:cp_plan_detail", 5),
    ("PLAN_NO_CONTINGENCY", Target("casework.PlanVersion", 5), "casework:contingency_edit", 5),
    ("PLAN_OUTCOME_NOT_MEASURED", Target("casework.Outcome", 5), "casework:outcome_edit", 5),
    ("NO_CHILD_PARTICIPATION", Target("casework.Meeting", 5), "casework:child_detail", CHILD),
    (
        "CASE_OVERSIGHT_DUE",
        Target("frontdoor.Episode", 5),
        "workforce:oversight_entry_create",
        CHILD,
    ),
    ("SUPERVISION_DUE", Target("accounts.User", 5), "workforce:supervision_record", 5),
    ("MIDPOINT_REVIEW_DUE", Target("casework.Plan", 5), "protection:midpoint_review_create", CHILD),
    (
        "CHAIR_ALERT_RESPONSE_DUE",
        Target("protection.PracticeAlert", 5),
        "protection:practice_alert_detail",
        5,
    ),
    ("PLO_DURATION", Target("legal.PreProceedings", 5), "legal:pre_proceedings_detail", 5),
    ("PROCEEDINGS_26W", Target("legal.CareProceedings", 5), "legal:proceedings_detail", 5),
    ("UNALLOCATED", Target("workforce.Allocation", 5), "workforce:child_allocate", CHILD),
    ("WORKER_ABSENT", Target("workforce.Absence", 5), "workforce:cover_set", 5),
    (
        "AUDIT_ACTION_OVERDUE",
        Target("quality.Recommendation", 5),
        "quality:recommendation_detail",
        5,
    ),
    ("CASELOAD_HIGH", Target("accounts.User", 5), "workforce:team_caseload", TEAM),
]


@pytest.mark.parametrize(("rule", "target", "name", "arg"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_links_to_where_it_is_acted_on(rule, target, name, arg):
    assert alert_action_url(_alert(rule, target)) == reverse(name, args=[arg])


def test_every_evaluated_rule_has_a_case():
    rules = {code for code, definition in CATALOGUE.items() if definition.kind != RuleKind.SETTING}
    assert rules == {case[0] for case in CASES}


def test_legal_rules_without_a_record_go_to_the_trackers():
    assert alert_action_url(_alert("PLO_DURATION")) == reverse("legal:pre_proceedings_tracker")
    assert alert_action_url(_alert("PROCEEDINGS_26W", Target("casework.Plan", 1))) == reverse(
        "legal:proceedings_tracker"
    )


def test_a_target_of_another_model_falls_back_to_the_childs_page():
    alert = _alert("ASSESSMENT_45WD", Target("casework.Plan", 5))
    assert alert_action_url(alert) == reverse("casework:child_detail", args=[CHILD])


def test_an_unknown_rule_falls_back_to_the_child_then_the_worker():
    assert alert_action_url(_alert("NEW_RULE")) == reverse("casework:child_detail", args=[CHILD])
    assert alert_action_url(_alert("NEW_RULE", child=None)) == reverse(
        "casework:worker_caseload", args=[WORKER]
    )
    assert alert_action_url(_alert("NEW_RULE", child=None, worker=None)) == reverse("home")


def test_worker_absent_without_an_absence_goes_to_allocation():
    assert alert_action_url(_alert("WORKER_ABSENT")) == reverse(
        "workforce:child_allocate", args=[CHILD]
    )


def test_supervision_without_a_target_uses_the_worker():
    assert alert_action_url(_alert("SUPERVISION_DUE")) == reverse(
        "workforce:supervision_record", args=[WORKER]
    )
