"""The value of each local rule for the council and its teams, read once per evaluation."""

from cairn.timescales.catalogue import CATALOGUE, DUE_SOON_WINDOW
from cairn.timescales.models import RuleSetting


class RuleValues:
    """Resolves a rule's value: the team's own (where the rule allows it), else the council's,
    else the catalogue default. One query, whatever the number of teams."""

    def __init__(self, rows: list[tuple[str, int | None, int]]):
        self._council: dict[str, int] = {}
        self._team: dict[tuple[str, int], int] = {}
        for code, team_id, value in rows:
            if team_id is None:
                self._council[code] = value
            else:
                self._team[(code, team_id)] = value

    @classmethod
    def load(cls) -> "RuleValues":
        return cls(list(RuleSetting.objects.values_list("rule__code", "team_id", "value")))

    def council(self, code: str) -> int | None:
        return self._council.get(code, CATALOGUE[code].default)

    def team(self, code: str, team_id: int | None) -> int | None:
        """The value for a team, falling back to the council's (None when the rule has none)."""
        if team_id is not None and CATALOGUE[code].team_overrides:
            value = self._team.get((code, team_id))
            if value is not None:
                return value
        return self.council(code)

    def council_setting(self, code: str) -> int | None:
        """The council's own value only (None when it keeps the catalogue default)."""
        return self._council.get(code)

    def team_override(self, code: str, team_id: int | None) -> int | None:
        """The team's own value only (no fallback)."""
        return self._team.get((code, team_id)) if team_id is not None else None

    @property
    def due_soon_window(self) -> int:
        return self.council(DUE_SOON_WINDOW) or 0


def rule_value(code: str, *, team_id: int | None = None) -> int | None:
    """The current value of one rule for a team (or the council): for services that store a
    due date from a local rule (e.g. a practice alert stage's response date)."""
    return RuleValues.load().team(code, team_id)
