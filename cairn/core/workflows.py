"""Declared workflows: each record type lists its states and allowed transitions in one table.

A refused transition raises TransitionRefused (a ValidationError naming the status field) and the
service writes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError


class TransitionRefused(ValidationError):
    pass


@dataclass(frozen=True)
class Workflow:
    name: str
    transitions: dict[str, frozenset[str]]  # from state -> the states it may move to
    field: str = "status"

    def check(self, current: str, target: str) -> None:
        if target not in self.transitions.get(current, frozenset()):
            allowed = ", ".join(sorted(self.transitions.get(current, ()))) or "none"
            message = f"A {self.name} cannot move from {current} to {target} (allowed: {allowed})"
            raise TransitionRefused({self.field: message})
