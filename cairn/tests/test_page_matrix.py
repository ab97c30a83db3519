"""The role x page matrix over EVERY page (issue 11 item 7; docs/permissions.md).

The URL resolver is walked, so a new page without a row in EXPECTED fails
`test_every_page_has_an_expected_row` until someone says who may open it. Each staff role GETs
every page for a child in the user's own team (North, see page_world.py); the statuses are
what the roles' rules give:

- READERS (every role that reads children's records; not the system administrator) open the
  child's record pages; WRITERS (case holders and their managers) the forms that change it;
  MANAGERS (team and service managers) authorise, decide, allocate and run legal work;
- the CP chair, QA officer, IG officer, system administrator and the leaders each have their own
  pages (chair's work, the audit programme, governance, settings, returns and reports);
- 405: the page only takes POST (a button), so a GET is refused before any check;
- 404 where the page needs the record in a state the world does not have (a CIN review needs
  an active plan; a return run without a file), or there is no team to send the user to.

The POST-only pages (the buttons: 405 above) have a second table, EXPECTED_POST: for each,
which roles may press it, from the rule its view or service asks (the app's rules.py), and
`test_every_post_only_page_has_a_post_row` fails until a new button has a row. Each staff role
POSTs to every button for the own child (an empty body, or the fields in page_params.POST_BODY
where the check comes after the form is read), each press rolled back so one write does not
change the next answer: a refused role gets 403, no audit record is written (the access log's
refusal is all that changes; a refusal on a child's record is logged once), and an allowed role
gets neither 403 nor a server error.

Another team's child and restricted children are in test_guessed_ids.py. The API is tested
by the API's own tests.
"""

import pytest
from django.db import transaction
from django.db.models import Max
from django.urls import get_resolver, resolve, reverse

from cairn.accounts.roles import Role
from cairn.core.models import AccessEvent, AccessOutcome, AuditEvent
from cairn.tests.page_params import (
    EXCLUDED,
    EXCLUDED_PREFIXES,
    ROLE_ONLY,
    STAFF_ROLES,
    is_child_scoped,
    pages,
    post_body,
    unfillable,
    url_for,
    walk,
)

SW, SP, TM, SM = (
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
)
CH, QA, PA, SL = Role.CP_CHAIR, Role.QA_OFFICER, Role.PERFORMANCE_ANALYST, Role.SENIOR_LEADER
IG, SA = Role.IG_OFFICER, Role.SYSTEM_ADMIN

READERS = {SW, SP, TM, SM, CH, QA, PA, SL, IG}
WRITERS = {SW, SP, TM, SM}
MANAGERS = {TM, SM}
LEADERS = {TM, SM, SL, PA}
OTHERS = {CH, IG, PA, QA, SA, SL}  # roles that are not in a case-holding team

PUBLIC = {"accounts:sign_in", "accounts:two_factor_verify", "accounts:two_factor_enrol"}


def everyone(status: int) -> dict:
    return {role: status for role in STAFF_ROLES}


def only(*grants: tuple[set, int]) -> dict:
    """`status` for the roles of each grant, 403 for every other role."""
    expected = everyone(403)
    for roles, status in grants:
        for role in roles:
            expected[role] = status
    return expected


EXPECTED = {
    # With no form waiting, back to the home page.
    "accounts:resume_form": everyone(302),
    "casework:action_add": only((WRITERS, 200)),
    "casework:action_edit": only((WRITERS, 200)),
    "casework:assessment_decide": only((MANAGERS, 200)),
    "casework:assessment_detail": only((READERS, 200)),
    "casework:assessment_factors": only((WRITERS, 200)),
    "casework:assessment_identity": only((WRITERS, 200)),
    "casework:assessment_list": only((READERS, 200)),
    "casework:assessment_section": only((WRITERS, 200)),
    "casework:assessment_start": only((WRITERS, 200)),
    "casework:assessment_submit": only((WRITERS, 200)),
    "casework:assessment_target": only((MANAGERS, 200)),
    "casework:assessment_views": only((WRITERS, 200)),
    "casework:case_note_append": everyone(405),
    "casework:case_note_create": only((WRITERS, 200)),
    "casework:case_note_detail": only((READERS, 200)),
    "casework:case_note_edit": only((WRITERS, 200)),
    "casework:case_note_finalise": everyone(405),
    "casework:case_note_list": only((READERS, 200)),
    "casework:caseload": only(({SP, SW, TM}, 200)),
    "casework:child_detail": only((READERS, 200)),
    "casework:chronology": only((READERS, 200)),
    "casework:chronology_analysis_add": only((WRITERS, 200)),
    "casework:contingency_edit": only((WRITERS, 200)),
    "casework:network_add": only((WRITERS, 200)),
    "casework:outcome_add": only((WRITERS, 200)),
    "casework:outcome_edit": only((WRITERS, 200)),
    "casework:outcome_remove": only((WRITERS, 200)),
    "casework:plan_authorise": only((MANAGERS, 200)),
    "casework:plan_detail": only((READERS, 200)),
    "casework:plan_print": only((READERS, 200)),
    "casework:plan_start": only((WRITERS, 200)),
    # A CIN review needs an active plan; the world's plan is a draft (404 after the check).
    "casework:review_check": only((WRITERS, 404)),
    "casework:review_detail": only((READERS, 200)),
    "casework:review_step": only((WRITERS, 404)),
    "casework:significant_event_record": only((WRITERS, 200)),
    "casework:visit_create": only((WRITERS, 200)),
    "casework:visit_detail": only((READERS, 200)),
    "casework:worker_caseload": only(({SM, SW, TM}, 200)),
    "earlyhelp:early_help_detail": only((READERS, 200)),
    "earlyhelp:early_help_end": only((WRITERS, 200)),
    "earlyhelp:early_help_start": only((WRITERS, 200)),
    "earlyhelp:journey": only((READERS, 200)),
    "earlyhelp:level_transition": only((WRITERS, 200)),
    "earlyhelp:step_down": only((WRITERS, 200)),
    "earlyhelp:step_up": only((WRITERS, 200)),
    # Only members of an edge-of-care team work its referrals; the world has none.
    "edgeofcare:intervention_end": everyone(403),
    "edgeofcare:intervention_start": everyone(403),
    "edgeofcare:referral_decide": everyone(403),
    "edgeofcare:referral_detail": only((READERS, 200)),
    "edgeofcare:referral_list": everyone(403),
    "edgeofcare:referral_new": only((WRITERS, 200)),
    "edgeofcare:service_report": only((LEADERS, 200)),
    "edgeofcare:session_new": everyone(403),
    "frontdoor:contact_detail": only((READERS, 200)),
    "frontdoor:contact_record": only((WRITERS, 200)),
    "frontdoor:episode_allocate": only((WRITERS, 200)),
    "frontdoor:episode_close": only((WRITERS, 200)),
    "frontdoor:episode_detail": only((READERS, 200)),
    "frontdoor:episode_set_primary_need": only((WRITERS, 200)),
    "frontdoor:referral_create": only((WRITERS, 200)),
    "frontdoor:referral_create_direct": only((WRITERS, 200)),
    "frontdoor:referral_record_nfa": only((WRITERS, 200)),
    "frontdoor:threshold_decide": only((WRITERS, 200)),
    "governance:access_review": only(({IG}, 200)),
    "governance:allowance_remove": only(({IG, SA}, 200)),
    # Offered only for a restricted record (test_guessed_ids.py); the own child is not.
    "governance:break_glass": everyone(403),
    "governance:request_access": everyone(403),
    "governance:request_decide": only(({IG}, 200)),
    "governance:request_list": only(({IG}, 200)),
    "governance:restriction_detail": only(({IG, SA}, 200)),
    "governance:restrictions": only(({IG, SA}, 200)),
    "governance:subject_access": only(({IG}, 200)),
    "governance:subject_access_download": only(({IG}, 200)),
    "governance:unusual_access": only(({IG}, 200)),
    "home": everyone(200),
    # Needs ?month= (the matrix sends none): 404 once past the permission check.
    "insight:drill_down": only(({PA, QA, SL, SM, TM}, 404)),
    "insight:export_csv": only(({PA, QA, SL, SM, TM}, 200)),
    "insight:export_xlsx": only(({PA, QA, SL, SM, TM}, 200)),
    # The world's report is the council's: managers open only their own area's reports.
    "insight:report_detail": only(({PA, QA, SL}, 200)),
    "insight:report_edit": only(({SL}, 200)),
    "insight:report_issue": everyone(405),
    # A draft report has no issued PDF yet.
    "insight:report_pdf": only(({PA, QA, SL}, 404)),
    "insight:report_create": only(({SL, SM}, 200)),
    "insight:report_list": only(({PA, QA, SL, SM, TM}, 200)),
    "insight:scorecard": only(({PA, QA, SL, SM, TM}, 200)),
    # API integrations and tokens (cairn/api/pages): IG officers may look
    "integrations:client_create": only(({SA}, 200)),
    "integrations:list": only(({IG, SA}, 200)),
    "integrations:token_issue": only(({SA}, 200)),
    "integrations:token_revoke": only(({SA}, 200)),
    "legal:care_plan": only((MANAGERS, 200)),
    "legal:extension_new": only((MANAGERS, 200)),
    "legal:hearing_new": only((MANAGERS, 200)),
    "legal:hearing_outcome": only((MANAGERS, 200)),
    "legal:interim_order_new": only((MANAGERS, 200)),
    "legal:legal_planning_detail": only((READERS, 200)),
    "legal:legal_planning_issue": only((MANAGERS, 200)),
    "legal:legal_planning_new": only((MANAGERS, 200)),
    "legal:looked_after_cease": only((MANAGERS, 200)),
    "legal:looked_after_new": only((MANAGERS, 200)),
    "legal:pre_proceedings_detail": only((READERS, 200)),
    "legal:pre_proceedings_fgdm": only((MANAGERS, 200)),
    "legal:pre_proceedings_letter": only((MANAGERS, 200)),
    "legal:pre_proceedings_meeting": only((MANAGERS, 200)),
    "legal:pre_proceedings_step": only((MANAGERS, 200)),
    "legal:pre_proceedings_tracker": only(({SL, SM, TM}, 200)),
    "legal:proceedings_conclude": only((MANAGERS, 200)),
    "legal:proceedings_detail": only((READERS, 200)),
    "legal:proceedings_issue": only((MANAGERS, 200)),
    "legal:proceedings_tracker": only(({SL, SM, TM}, 200)),
    "oversight": everyone(200),
    "people:person_detail": only((READERS, 200)),
    "people:register_child": only((WRITERS, 200)),
    "people:search": only((READERS, 200)),
    "protection:addendum_add": only(({CH, SM, TM}, 200)),
    "protection:chair_list": only(({CH}, 200)),
    "protection:conference_decision": only(({CH}, 200)),
    "protection:conference_detail": only((READERS, 200)),
    "protection:conference_finalise": only(({CH}, 200)),
    "protection:core_group_detail": only((READERS, 200)),
    "protection:core_group_member_add": only((WRITERS, 200)),
    "protection:core_group_new": only((WRITERS, 200)),
    "protection:cp_plan_detail": only((READERS, 200)),
    "protection:icpc_new": only(({CH}, 200)),
    "protection:midpoint_review_create": only(({CH}, 200)),
    "protection:practice_alert_detail": only(({CH, QA, SL, TM}, 200)),
    "protection:practice_alert_escalate": only(({CH}, 200)),
    "protection:practice_alert_log": only(({CH, QA, SL}, 200)),
    "protection:practice_alert_raise": only(({CH}, 200)),
    "protection:practice_alert_resolve": only(({CH}, 200)),
    "protection:practice_alert_respond": only(({TM}, 200)),
    "protection:practice_alerts_for_me": only(({SL, SM, TM}, 200)),
    "protection:review_new": only(({CH}, 200)),
    "protection:s47_detail": only((READERS, 200)),
    "protection:s47_edit": only((WRITERS, 200)),
    "protection:strategy_detail": only((READERS, 200)),
    "protection:strategy_new": only((WRITERS, 200)),
    "protection:transfer_in_new": only(({CH}, 200)),
    "quality:allocate": everyone(405),
    "quality:analysis": only(({PA, QA, SL, SM}, 200)),
    "quality:analysis_export": only(({PA, QA, SL, SM}, 200)),
    "quality:audit_actions": only((WRITERS, 200)),
    "quality:audit_detail": only((READERS, 200)),
    "quality:audit_edit": only(({QA}, 200)),
    "quality:audit_finding": everyone(405),
    "quality:audit_moderate": only(({CH}, 200)),
    "quality:audit_reflection": everyone(405),
    "quality:audit_submit": everyone(405),
    "quality:cycle_detail": only(({QA}, 200)),
    "quality:cycle_new": only(({QA}, 200)),
    "quality:cycle_sample": everyone(405),
    "quality:follow_up": only(({QA}, 200)),
    "quality:grade_change": only(({QA}, 200)),
    "quality:programme": only(({CH, QA}, 200)),
    "quality:question_remove": everyone(405),
    "quality:recommendation_complete": everyone(405),
    "quality:recommendation_detail": only((READERS, 200)),
    "quality:recommendation_new": only(({QA}, 200)),
    "quality:recommendation_verify": everyone(405),
    "quality:themes": only(({QA}, 200)),
    "quality:tool": only(({QA}, 200)),
    "quality:tool_draft": everyone(405),
    "quality:tool_publish": everyone(405),
    "quality:tool_version": only(({QA}, 200)),
    "returns:annexa_export": only(({PA, SA, SL}, 200)),
    "returns:census": only(({PA, SA, SL}, 200)),
    "returns:index": only(({PA, SA, SL}, 200)),
    "returns:run_detail": only(({PA, SA, SL}, 200)),
    # The run has no file yet.
    "returns:run_download": only(({PA, SA, SL}, 404)),
    "timescales:alerts_chair": only(({CH}, 200)),
    "timescales:alerts_mine": only(({SP, SW, TM}, 200)),
    "timescales:alerts_service": only(({PA, SL, SM}, 200)),
    "timescales:alerts_team": only(({SL, SM, TM}, 200)),
    "timescales:rule_edit": only(({SA}, 200)),
    "timescales:rule_list": only(({SA}, 200)),
    "workforce:absence_detail": only((MANAGERS, 200)),
    "workforce:absence_end": only((MANAGERS, 200)),
    "workforce:absence_list": only((MANAGERS, 200)),
    "workforce:absence_record": only((MANAGERS, 200)),
    "workforce:allocation_history": only((READERS, 200)),
    "workforce:caseload_weights": only(({SA}, 200)),
    # Sends the user to the caseloads they may see.
    "workforce:caseloads": only(({SL, SM, TM}, 302)),
    "workforce:child_allocate": only((MANAGERS, 200)),
    "workforce:child_oversight": only((READERS, 200)),
    "workforce:cover_set": only((MANAGERS, 200)),
    # Sends a team member to their team's queue; others have no team queue.
    "workforce:my_team_queue": only((WRITERS, 302), (OTHERS, 404)),
    "workforce:oversight_action_done": everyone(405),
    "workforce:oversight_entry_create": only((MANAGERS, 200)),
    "workforce:service_caseloads": only(({SL, SM}, 200)),
    # The worker's own staff record: they, their managers and administrators.
    "workforce:staff_detail": only(({SA, SM, SW, TM}, 200)),
    "workforce:staff_edit": only(({SA, SM, TM}, 200)),
    "workforce:staff_list": only(({SA, SM, TM}, 200)),
    "workforce:supervision": only((LEADERS, 200)),
    "workforce:supervision_record": only((MANAGERS, 200)),
    "workforce:supervision_session": only(({SM, SW, TM}, 200)),
    "workforce:supervision_standard": only(({SA, SM, TM}, 200)),
    "workforce:team_caseload": only(({SL, SM, TM}, 200)),
    "workforce:team_threshold": only(({SA, SM, TM}, 200)),
    "workforce:training_add": only(({SA, SM, TM}, 200)),
    "workforce:training_remove": only(({SA, SM, TM}, 200)),
    "workforce:unallocated_queue": only((WRITERS, 200)),
    "workforce:worker_supervision": only(({SM, SW, TM}, 200)),
    "workforce:workforce_report": only(({PA, SL, SM}, 200)),
    "workforce:workforce_report_csv": only(({PA, SL, SM}, 200)),
}


def may_post(*roles: Role) -> dict:
    """True (allowed) for `roles`; False (refused with 403, nothing changed) for every other."""
    return {role: role in roles for role in STAFF_ROLES}


# Who may press each button (the pages that only take POST), from the rule each view or its
# service asks (the app's rules.py; docs/permissions.md), on the world's records: the audit is
# allocated to the world's QA officer, the recommendation and the oversight action are owned
# by the social worker, and the members' report is the council's.
EXPECTED_POST = {
    # casework.write_record: case holders and their managers, the child in their scope.
    "casework:case_note_append": may_post(*WRITERS),
    "casework:case_note_finalise": may_post(*WRITERS),
    # insight.write_report: senior leaders any report; service managers only their own area's.
    "insight:report_issue": may_post(SL),
    # quality.manage_programme: QA officers run the programme and change the audit tool.
    "quality:allocate": may_post(QA),
    "quality:cycle_sample": may_post(QA),
    "quality:question_remove": may_post(QA),
    "quality:tool_draft": may_post(QA),
    "quality:tool_publish": may_post(QA),
    # quality.grade_audit: the audit's own auditor only (a CP chair audits, but not this one).
    "quality:audit_finding": may_post(QA),
    "quality:audit_submit": may_post(QA),
    # quality.reflect_on_audit: the worker and manager named on it, or anyone who may write
    # the child's record.
    "quality:audit_reflection": may_post(*WRITERS),
    # quality.complete_recommendation: its owner, or anyone who may write the child's record.
    "quality:recommendation_complete": may_post(*WRITERS),
    # quality.verify_recommendation: the audit's auditor or moderator.
    "quality:recommendation_verify": may_post(QA),
    # workforce.complete_oversight_action: the action's owner or a manager of the child.
    "workforce:oversight_action_done": may_post(SW, *MANAGERS),
}


def test_every_page_has_an_expected_row():
    names = {name for name, _route in pages()}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"pages with no row in EXPECTED (say who may open them): {missing}"
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"rows in EXPECTED for pages that no longer exist: {stale}"


def test_every_page_can_be_filled():
    missing = {name: unfillable(name, route) for name, route in pages()}
    missing = {name: params for name, params in missing.items() if params}
    assert not missing, f"say in page_params.py how to fill these parameters: {missing}"


def test_the_excluded_public_pages_are_the_only_ones_without_sign_in():
    for name, route in walk(get_resolver().url_patterns):
        if route.startswith(EXCLUDED_PREFIXES) or "<" in route:
            continue
        view = resolve(reverse(name)).func
        if getattr(view, "login_required", True) is False:
            assert name in PUBLIC | EXCLUDED, f"{name} is open without signing in"


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
def test_role_page_matrix(client, page_world, role):
    client.force_login(page_world["users"][role])
    client.raise_request_exception = False  # a page that fails is listed with the others
    wrong, failed = [], []
    for name, route in pages():
        url = url_for(name, route, page_world)
        status = client.get(url).status_code
        if status >= 500:
            failed.append(f"{name} ({url}): {status}")
        elif status != EXPECTED[name][role]:
            wrong.append(f"{name} ({url}): {status}, expected {EXPECTED[name][role]}")
    assert not failed, f"server errors for {role.value}:\n" + "\n".join(failed)
    assert not wrong, f"{role.value}:\n" + "\n".join(wrong)


def test_every_post_only_page_has_a_post_row():
    buttons = {name for name, expected in EXPECTED.items() if expected == everyone(405)}
    missing = sorted(buttons - set(EXPECTED_POST))
    assert not missing, f"POST-only pages with no row in EXPECTED_POST (who may press?): {missing}"
    stale = sorted(set(EXPECTED_POST) - buttons)
    assert not stale, f"rows in EXPECTED_POST for pages that are not POST-only: {stale}"


def _press(client, user, name, route, world) -> tuple[int, list[str], int]:
    """POST the page's button: the status, the audit records it wrote and how many refusals
    it logged for the user on that page. Rolled back, so one page's write cannot change the
    next page's answer."""
    url = url_for(name, route, world)
    with transaction.atomic():
        last = AuditEvent.objects.aggregate(last=Max("pk"))["last"] or 0
        denied = AccessEvent.objects.filter(actor=user, outcome=AccessOutcome.DENIED, page=url)
        before = denied.count()
        response = client.post(url, post_body(name, route, world))
        written = [
            f"{e.action} {e.content_type.model} {e.object_id}"
            for e in AuditEvent.objects.filter(pk__gt=last).select_related("content_type")
        ]
        logged = denied.count() - before
        transaction.set_rollback(True)
    return response.status_code, written, logged


def _post_problem(name: str, route: str, role: Role, status: int, logged: int) -> str | None:
    """What is wrong with the answer to `role` pressing the page's button, if anything."""
    if status >= 500:
        return f"{status}, a server error"
    if EXPECTED_POST[name][role]:
        return "refused (403), expected allowed" if status == 403 else None
    if status != 403:
        return f"{status}, expected refused (403)"
    if is_child_scoped(name, route) and name not in ROLE_ONLY and logged != 1:
        # A refusal on a child's record is in the access log once (test_guessed_ids.py).
        return f"refused with {logged} denied access records, expected 1"
    return None


@pytest.mark.django_db
@pytest.mark.parametrize("role", STAFF_ROLES, ids=lambda r: r.value)
def test_role_post_matrix(client, page_world, role):
    user = page_world["users"][role]
    client.force_login(user)
    client.raise_request_exception = False  # a page that fails is listed with the others
    problems = []
    for name, route in pages():
        if name not in EXPECTED_POST:
            continue  # test_every_post_only_page_has_a_post_row names any missing row
        url = url_for(name, route, page_world)
        status, written, logged = _press(client, user, name, route, page_world)
        problem = _post_problem(name, route, role, status, logged)
        if problem:
            problems.append(f"{name} ({url}): {problem}")
        if written and not EXPECTED_POST[name][role]:
            problems.append(f"{name} ({url}): refused, but it wrote {written}")
    assert not problems, f"{role.value}:\n" + "\n".join(problems)


@pytest.mark.django_db
def test_anonymous_users_are_sent_to_sign_in_from_every_page(client, page_world):
    sign_in = reverse("accounts:sign_in")
    wrong = []
    for name, route in pages():
        url = url_for(name, route, page_world)
        response = client.get(url)
        if response.status_code != 302 or response["Location"] != f"{sign_in}?next={url}":
            wrong.append(f"{name}: {response.status_code} {response.get('Location', '')}")
    assert not wrong, "\n".join(wrong)
