"""The drift engine: every rule of shared/domain/timescales.md evaluated for the whole council
as of a date (see evaluate.alerts_as_of)."""

from cairn.timescales.engine.base import Alert, Severity, Status, Target
from cairn.timescales.engine.evaluate import alerts_as_of

__all__ = ["Alert", "Severity", "Status", "Target", "alerts_as_of"]
