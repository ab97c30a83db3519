"""Records shaped as the API's JSON (plain dicts the serializers describe)."""

from cairn.casework.selectors.plans import plan_current_version, plan_latest_version
from cairn.frontdoor.models import Level
from cairn.governance.access import RESTRICTED_NAME
from cairn.people.identifiers import format_nhs_number
from cairn.people.models import IdentifierSystem, Person
from cairn.returns.runs.presenters import present_run


def child_search_row(child: Person, *, hidden: bool) -> dict:
    """A search result; a restricted record the integration may not open has no name or date
    of birth (as on the search page), only its LA child ID so access can be asked for."""
    return {
        "id": child.pk,
        "la_child_id": child.la_child_id,
        "kind": child.kind,
        "name": RESTRICTED_NAME if hidden else child.full_name,
        "date_of_birth": None if hidden else child.date_of_birth,
        "expected_date_of_birth": None if hidden else child.expected_date_of_birth,
        "restricted": child.is_restricted,
        "hidden": hidden,
    }


def _identifier(identifier) -> dict:
    value = identifier.value
    if identifier.system == IdentifierSystem.NHS:
        value = format_nhs_number(value)
    return {"system": identifier.system, "value": value}


def child_summary(child: Person, *, level: str, allocation) -> dict:
    return {
        "id": child.pk,
        "la_child_id": child.la_child_id,
        "kind": child.kind,
        "name": child.full_name,
        "known_as": child.known_as,
        "date_of_birth": child.date_of_birth,
        "expected_date_of_birth": child.expected_date_of_birth,
        "sex": child.sex,
        "restricted": child.is_restricted,
        "identifiers": [_identifier(i) for i in child.identifiers.all()],
        "level_of_need": {"code": level, "label": Level(level).label},
        "allocation": None
        if allocation is None
        else {
            "team": allocation.team.name if allocation.team_id else None,
            "worker": str(allocation.worker) if allocation.worker_id else None,
            "started_on": allocation.started_on,
        },
    }


def _version(version) -> dict | None:
    if version is None:
        return None
    return {
        "number": version.number,
        "made_on": version.made_on,
        "authorised_on": version.authorised_on,
        "outcomes": [o.text for o in version.outcomes.all()],
        "actions": [
            {"what": a.what, "who": a.who_agency, "due_on": a.due_on, "status": a.status}
            for a in version.actions.all()
        ],
    }


def plan_row(plan) -> dict:
    """A plan with the version in force (else the draft being written)."""
    version = plan_current_version(plan) or plan_latest_version(plan)
    return {
        "id": plan.pk,
        "kind": plan.kind,
        "status": plan.status,
        "started_on": plan.started_on,
        "ended_on": plan.ended_on,
        "end_reason": plan.end_reason,
        "categories": [
            {"code": c.category, "label": c.get_category_display(), "from_on": c.from_on}
            for c in plan.categories.all()
        ],
        "version": _version(version),
    }


def alert_row(alert, *, hidden: bool = False) -> dict:
    """An alert; `hidden`: the child's record is restricted and the integration may not open it
    (the alert pages show such a row as "Restricted record", by LA child ID only)."""
    return {
        "rule": alert.rule,
        "status": alert.status,
        "severity": alert.severity,
        "explanation": alert.explanation,
        "child_id": alert.child_id,
        "la_child_id": alert.la_child_id,
        "team_id": alert.team_id,
        "due": alert.due,
        "overdue_by": alert.overdue_by,
        "unit": alert.unit,
        "hidden": hidden,
    }


def return_run_row(run, *, download_url: str | None) -> dict:
    view = present_run(run)  # a run whose process was restarted shows as failed (ADR 0025)
    return {
        "id": run.pk,
        "kind": run.kind,
        "reference_date": run.reference_date,
        "status": view.status,
        "processed": run.processed,
        "total": run.total,
        "started_at": run.started_at,
        "finished_at": run.finished_at,
        "errors": run.errors,
        "queries": run.queries,
        "error_message": view.error_message,
        "download_url": download_url if view.can_download else None,
    }
