"""Property-based tests (hypothesis) of the identifier and date validators: NHS number
(modulus 11), UPN (modulus 23), the GOV.UK date input and the dates search understands."""

import datetime as dt

from crispy_forms_gds.fields import DateInputField
from django import forms
from hypothesis import given
from hypothesis import strategies as st

from cairn.people.identifiers import (
    UPN_ALPHABET,
    UPN_LA_CODES,
    nhs_check_digit,
    nhs_number_error,
    upn_check_letter,
    upn_error,
)
from cairn.people.search import parse_query

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)


def _weighted_sum(digits: str) -> int:
    return sum(int(d) * w for d, w in zip(digits, range(10, 0, -1), strict=True))


@given(nine_digits)
def test_an_nhs_number_is_valid_exactly_when_its_weighted_sum_is_divisible_by_11(first_nine):
    for last in "0123456789":
        number = first_nine + last
        valid = nhs_number_error(number) is None
        check = nhs_check_digit(first_nine)
        # Modulus 11: weights 10..2 on the first nine digits, 1 on the check digit.
        assert valid == (check is not None and _weighted_sum(number) % 11 == 0)


@given(nine_digits)
def test_at_most_one_check_digit_completes_nine_digits(first_nine):
    valid = [d for d in "0123456789" if nhs_number_error(first_nine + d) is None]
    assert len(valid) <= 1
    check = nhs_check_digit(first_nine)
    assert valid == ([] if check is None else [str(check)])


@given(nine_digits, st.sampled_from([" ", "-"]))
def test_nhs_numbers_may_be_written_with_spaces_or_dashes(first_nine, sep):
    check = nhs_check_digit(first_nine)
    if check is None:
        return
    number = f"{first_nine}{check}"
    spaced = sep.join([number[:3], number[3:6], number[6:]])
    assert nhs_number_error(spaced) is None


@given(nine_digits, st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9))
def test_changing_one_digit_of_a_valid_nhs_number_makes_it_invalid(first_nine, index, delta):
    check = nhs_check_digit(first_nine)
    if check is None:
        return
    digits = list(f"{first_nine}{check}")
    digits[index] = str((int(digits[index]) + delta) % 10)
    assert nhs_number_error("".join(digits)) is not None


@given(st.text(max_size=14))
def test_nhs_number_check_never_crashes(text):
    assert nhs_number_error(text) is None or isinstance(nhs_number_error(text), str)


upn_bodies = st.tuples(
    st.sampled_from(sorted(UPN_LA_CODES)),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from("0123456789" + UPN_ALPHABET),
)


def _upn(la: str, digits: str, last: str) -> str:
    body = la + digits + last
    return upn_check_letter(body) + body


@given(upn_bodies)
def test_a_upn_with_its_check_letter_is_valid(parts):
    assert upn_error(_upn(*parts)) is None


@given(upn_bodies)
def test_the_upn_check_letter_is_the_weighted_sum_modulus_23(parts):
    body = "".join(parts)
    values = [int(c) if c.isdigit() else UPN_ALPHABET.index(c) for c in body]
    total = sum(v * position for v, position in zip(values, range(2, 14), strict=True))
    assert upn_check_letter(body) == UPN_ALPHABET[total % 23]


@given(upn_bodies, st.sampled_from(UPN_ALPHABET))
def test_any_other_check_letter_is_refused(parts, letter):
    upn = _upn(*parts)
    if letter != upn[0]:
        assert upn_error(letter + upn[1:]) == "Enter a real UPN: the check letter does not match"


@given(upn_bodies)
def test_upns_are_case_insensitive(parts):
    assert upn_error(_upn(*parts).lower()) is None


@given(st.text(max_size=16))
def test_upn_check_never_crashes(text):
    assert upn_error(text) is None or isinstance(upn_error(text), str)


class _DateForm(forms.Form):
    day = DateInputField(label="Date")


def _date_form(day, month, year) -> _DateForm:
    return _DateForm({"day_0": str(day), "day_1": str(month), "day_2": str(year)})


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_the_date_input_reads_back_every_real_date(date):
    form = _date_form(date.day, date.month, date.year)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == date


@given(
    st.integers(min_value=1, max_value=31),
    st.integers(min_value=1, max_value=12),
    st.integers(min_value=1900, max_value=2100),
)
def test_the_date_input_refuses_days_a_month_does_not_have(day, month, year):
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        expected = None
    form = _date_form(day, month, year)
    assert form.is_valid() == (expected is not None)
    if expected is not None:
        assert form.cleaned_data["day"] == expected


@given(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)),
    st.sampled_from(["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d", "%d.%m.%Y"]),
)
def test_search_reads_a_date_of_birth_in_each_written_form(date, fmt):
    parsed = parse_query(f"smith {date.strftime(fmt)}")
    assert parsed.date_of_birth == date
    assert parsed.names
    assert parsed.identifier is None
