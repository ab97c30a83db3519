"""Declared workflows: each record type lists its states and allowed transitions in one table.

A refused transition raises TransitionRefused (a ValidationError naming the status field) and the
service writes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import TextChoices


class TransitionRefused(ValidationError):
    pass


@dataclass(frozen=True)
class Workflow:
    name: str
    states: type[TextChoices]
    transitions: dict[str, frozenset[str]]  # from state -> the states it may move to
    field: str = "status"

    def check(self, current: str, target: str) -> None:
        """Refuse `current` -> `target` unless the table allows it, saying what is allowed."""
        allowed = self.transitions.get(current, frozenset())
        if target in allowed:
            return
        label = dict(self.states.choices)
        message = f"The {self.name} is '{label[current]}' and cannot become '{label[target]}'"
        if allowed:
            message += ": it can next be " + " or ".join(f"'{label[s]}'" for s in sorted(allowed))
        raise TransitionRefused({self.field: message})
