"""The areas (scopes) a user may choose on the scorecard and for a report (ADR 0028)."""

from cairn.insight.measures.base import Scope
from cairn.insight.selectors import scope_choices


def areas_visible_to(*, user) -> list[tuple[Scope, str]]:
    """The council, services and teams whose figures the user may see, widest first."""
    return [(s, name) for s, name in scope_choices() if user.has_perm("insight.view_scorecard", s)]


def areas_writable_by(*, user) -> list[tuple[Scope, str]]:
    """The areas the user may write a members' report for."""
    return [(s, name) for s, name in scope_choices() if user.has_perm("insight.write_report", s)]
