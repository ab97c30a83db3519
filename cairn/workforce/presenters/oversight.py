"""Oversight entries shaped for the child's record and the child's page."""

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse

from cairn.people.presenters import format_date
from cairn.workforce.models import OversightActionStatus
from cairn.workforce.selectors.oversight import OversightSummary, oversight_summary_for_child


@dataclass(frozen=True)
class ActionRow:
    pk: int
    what: str
    owner: str
    due: str
    status: str
    status_css: str
    version: int
    done_url: str


@dataclass(frozen=True)
class EntryView:
    child_name: str
    child_url: str
    date: str
    kind: str
    manager: str
    reflection: str
    decision: str
    plan_making_difference: str
    what_will_change: str
    session: str
    session_url: str
    actions: list[ActionRow]


def _action_row(action, today: dt.date) -> ActionRow:
    if action.status == OversightActionStatus.DONE:
        status, css = f"Done {format_date(action.done_on)}", "govuk-tag--green"
    elif action.due_on < today:
        status, css = "Overdue", "govuk-tag--red"
    else:
        status, css = "Open", "govuk-tag--blue"
    return ActionRow(
        pk=action.pk,
        what=action.what,
        owner=action.owner.get_full_name(),
        due=format_date(action.due_on),
        status=status,
        status_css=css,
        version=action.version,
        done_url=(
            reverse("workforce:oversight_action_done", args=[action.pk])
            if action.status == OversightActionStatus.OPEN
            else ""
        ),
    )


def entry_views(entries, today: dt.date) -> list[EntryView]:
    views = []
    for entry in entries:
        session = entry.supervision_session
        views.append(
            EntryView(
                child_name=entry.child.full_name,
                child_url=reverse("workforce:child_oversight", args=[entry.child_id]),
                date=format_date(entry.recorded_on),
                kind=entry.get_kind_display(),
                manager=entry.manager.get_full_name(),
                reflection=entry.reflection,
                decision=entry.decision,
                plan_making_difference=entry.get_plan_making_difference_display(),
                what_will_change=entry.what_will_change,
                session=(f"Supervision of {session.worker.get_full_name()}" if session else ""),
                session_url=(
                    reverse("workforce:supervision_session", args=[session.pk]) if session else ""
                ),
                actions=[_action_row(a, today) for a in entry.actions.all()],
            )
        )
    return views


@dataclass(frozen=True)
class OversightPanel:
    latest: list[tuple[str, str, str]]
    open_actions: int
    overdue_actions: int
    list_url: str
    add_url: str


def oversight_panel(
    summary: OversightSummary, *, child_pk: int, can_record: bool
) -> OversightPanel:
    """The child's page section: the latest entries (date, type, manager) and open actions."""
    latest = [
        (format_date(e.recorded_on), e.get_kind_display(), e.manager.get_full_name())
        for e in summary.latest
    ]
    return OversightPanel(
        latest=latest,
        open_actions=summary.open_actions,
        overdue_actions=summary.overdue_actions,
        list_url=reverse("workforce:child_oversight", args=[child_pk]),
        add_url=reverse("workforce:oversight_entry_create", args=[child_pk]) if can_record else "",
    )


def child_oversight_context(*, user, child, today: dt.date) -> OversightPanel:
    """The child's page section (one context key): the latest oversight and open actions."""
    return oversight_panel(
        oversight_summary_for_child(child=child, today=today),
        child_pk=child.pk,
        can_record=user.has_perm("workforce.record_oversight", child),
    )
