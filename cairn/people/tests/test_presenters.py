"""How people are shown: ages, dates, identifiers, allocation."""

import datetime as dt

import pytest

from cairn.people.models import Person, PersonKind
from cairn.people.presenters import age_text, born_text, format_date

TODAY = dt.date(2026, 3, 16)


@pytest.mark.parametrize(
    ("born", "expected"),
    [
        (dt.date(2016, 3, 16), "10 years old"),  # birthday today
        (dt.date(2016, 3, 17), "9 years old"),  # birthday tomorrow
        (dt.date(2025, 3, 16), "1 year old"),
        (dt.date(2025, 3, 17), "0 years old"),
        (dt.date(2008, 2, 29), "18 years old"),
    ],
)
def test_age_text_counts_whole_years(born, expected):
    assert age_text(Person(kind=PersonKind.CHILD, date_of_birth=born), TODAY) == expected


def test_age_text_for_an_unborn_child_and_an_unknown_date():
    unborn = Person(kind=PersonKind.UNBORN, expected_date_of_birth=dt.date(2026, 6, 1))
    assert age_text(unborn, TODAY) == "Unborn, due 1 June 2026"
    assert born_text(unborn) == "Due 1 June 2026"
    assert age_text(Person(kind=PersonKind.ADULT), TODAY) == "Age not known"


def test_format_date():
    assert format_date(dt.date(2026, 2, 5)) == "5 February 2026"
    assert format_date(None) == "Not recorded"
