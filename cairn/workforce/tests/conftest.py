"""Workforce fixtures: the clock pinned to a working Monday."""

import datetime as dt

import pytest
import time_machine

TODAY = dt.date(2026, 3, 16)


@pytest.fixture(autouse=True)
def pinned_today(settings):
    settings.CAIRN_TODAY = None
    moment = dt.datetime.combine(TODAY, dt.time(12, 0), tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        yield TODAY
