"""The one clock: pinned by settings.CAIRN_TODAY, moved by time-machine in tests."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine
from django.test import override_settings

from cairn.core import clock

LONDON = ZoneInfo("Europe/London")


@override_settings(CAIRN_TODAY="2026-03-31")
def test_cairn_today_pins_the_date_whatever_the_wall_clock():
    with time_machine.travel(dt.datetime(2030, 7, 1, 12, tzinfo=LONDON), tick=False):
        assert clock.today() == dt.date(2026, 3, 31)


@override_settings(CAIRN_TODAY=None)
def test_without_a_pin_today_follows_time_travel():
    with time_machine.travel(dt.datetime(2026, 2, 14, 9, tzinfo=LONDON), tick=False):
        assert clock.today() == dt.date(2026, 2, 14)
    with time_machine.travel(dt.datetime(2027, 12, 25, 9, tzinfo=LONDON), tick=False):
        assert clock.today() == dt.date(2027, 12, 25)


@override_settings(CAIRN_TODAY=None)
def test_today_is_the_date_in_london_not_utc():
    # 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    with time_machine.travel(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), tick=False):
        assert clock.today() == dt.date(2026, 7, 1)


@override_settings(CAIRN_TODAY=None)
def test_now_follows_time_travel():
    moment = dt.datetime(2026, 5, 1, 10, 15, tzinfo=dt.UTC)
    with time_machine.travel(moment, tick=False):
        assert clock.now() == moment
