"""Where a user acts on a drift alert: one URL per alert, built from the alert alone.

`alert_action_url` reads only the alert (its rule, target, child, worker and team), never the
database, so a page of any number of alerts adds no queries. Each rule links to the page where
the missing thing is recorded (record a visit, the assessment, the plan, the S47 enquiry, the
allocation, supervision, the audit recommendation, the legal trackers); when the alert does not
carry what that page needs, it falls back to the child's page (or, for a worker alert, the
worker's caseload).
"""

from collections.abc import Callable

from django.urls import reverse

from cairn.timescales.engine import Alert


def _child(alert: Alert) -> str | None:
    return reverse("casework:child_detail", args=[alert.child_id]) if alert.child_id else None


def _target(model: str, url_name: str) -> Callable[[Alert], str | None]:
    """The page named `url_name` for the alert's target when it is a `model` record."""

    def link(alert: Alert) -> str | None:
        if alert.target is not None and alert.target.model == model:
            return reverse(url_name, args=[alert.target.pk])
        return None

    return link


def _for_child(url_name: str) -> Callable[[Alert], str | None]:
    """A page of the alert's child (record a visit, start an assessment, ...)."""

    def link(alert: Alert) -> str | None:
        return reverse(url_name, args=[alert.child_id]) if alert.child_id else None

    return link


def _first(*links: Callable[[Alert], str | None]) -> Callable[[Alert], str | None]:
    def link(alert: Alert) -> str | None:
        for candidate in links:
            url = candidate(alert)
            if url:
                return url
        return None

    return link


def _unallocated(alert: Alert) -> str | None:
    return _for_child("workforce:child_allocate")(alert)


def _caseload(alert: Alert) -> str | None:
    if alert.team_id:
        return reverse("workforce:team_caseload", args=[alert.team_id])
    if alert.worker_id:
        return reverse("casework:worker_caseload", args=[alert.worker_id])
    return None


def _supervision(alert: Alert) -> str | None:
    worker = alert.target.pk if alert.target and alert.target.model == "accounts.User" else None
    worker = worker or alert.worker_id
    return reverse("workforce:supervision_record", args=[worker]) if worker else None


_LINKS: dict[str, Callable[[Alert], str | None]] = {
    "CONTACT_DECISION_1WD": _target("frontdoor.ContactChild", "frontdoor:threshold_decide"),
    "ASSESSMENT_45WD": _target("casework.Assessment", "casework:assessment_detail"),
    "ASSESSMENT_UPDATE_DUE": _for_child("casework:assessment_start"),
    "ICPC_15WD": _target("protection.S47Enquiry", "protection:s47_detail"),
    "CORE_GROUP_10WD": _target("casework.Plan", "protection:core_group_new"),
    "CP_REVIEW_DUE": _target("casework.Plan", "protection:cp_plan_detail"),
    "CP_VISIT_DUE": _for_child("casework:visit_create"),
    "CIN_VISIT_DUE": _for_child("casework:visit_create"),
    "CIN_REVIEW_DUE": _target("casework.Plan", "casework:review_check"),
    "CP_PLAN_LONG": _target("casework.Plan", "protection:cp_plan_detail"),
    "CP_REPEAT_PLAN": _target("casework.Plan", "protection:cp_plan_detail"),
    "PLAN_NO_CONTINGENCY": _target("casework.PlanVersion", "casework:contingency_edit"),
    "PLAN_OUTCOME_NOT_MEASURED": _target("casework.Outcome", "casework:outcome_edit"),
    # The latest review may be a CIN review or a conference (different pages): the child's page
    # lists both.
    "NO_CHILD_PARTICIPATION": _child,
    "CASE_OVERSIGHT_DUE": _for_child("workforce:oversight_entry_create"),
    "SUPERVISION_DUE": _supervision,
    "MIDPOINT_REVIEW_DUE": _for_child("protection:midpoint_review_create"),
    "CHAIR_ALERT_RESPONSE_DUE": _target(
        "protection.PracticeAlert", "protection:practice_alert_detail"
    ),
    "PLO_DURATION": _first(
        _target("legal.PreProceedings", "legal:pre_proceedings_detail"),
        lambda alert: reverse("legal:pre_proceedings_tracker"),
    ),
    "PROCEEDINGS_26W": _first(
        _target("legal.CareProceedings", "legal:proceedings_detail"),
        lambda alert: reverse("legal:proceedings_tracker"),
    ),
    "UNALLOCATED": _unallocated,
    "WORKER_ABSENT": _first(
        _target("workforce.Absence", "workforce:cover_set"), _for_child("workforce:child_allocate")
    ),
    "AUDIT_ACTION_OVERDUE": _target("quality.Recommendation", "quality:recommendation_detail"),
    "CASELOAD_HIGH": _caseload,
}


def alert_action_url(alert: Alert) -> str:
    """The URL where a user acts on `alert`; the child's page when the rule has no better one
    (or the alert lacks what it needs), the worker's caseload for a worker alert, else home."""
    link = _LINKS.get(alert.rule)
    url = link(alert) if link else None
    if url:
        return url
    if alert.child_id:
        return _child(alert)
    if alert.worker_id:
        return reverse("casework:worker_caseload", args=[alert.worker_id])
    return reverse("home")
