import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.core.working_days import WorkingDayCalendar
from cairn.testing.factories import UserFactory
from cairn.timescales.engine import alerts_as_of
from cairn.timescales.models import Rule
from cairn.timescales.services import rule_setting_set


@pytest.fixture
def calendar():
    """England and Wales bank holidays, no council closure days."""
    return WorkingDayCalendar()


@pytest.fixture
def run(calendar):
    """Alerts of one rule as of a date: run("ASSESSMENT_45WD", date(2026, 2, 26))."""

    def _run(rule: str, as_of: dt.date, **kwargs):
        return alerts_as_of(as_of=as_of, calendar=calendar, rules=[rule], **kwargs)

    return _run


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.SYSTEM_ADMIN, username="admin.d1")


@pytest.fixture
def set_value(admin):
    """Change a local value as the administrator would: set_value("CIN_VISIT_DUE", 15)."""

    def _set(code: str, value: int, team=None):
        return rule_setting_set(
            actor=admin, rule=Rule.objects.get(code=code), team=team, value=value
        )

    return _set


def only(alerts):
    assert len(alerts) == 1, alerts
    return alerts[0]
