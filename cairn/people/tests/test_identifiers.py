"""NHS number (modulus 11) and UPN (modulus 23) checks, from shared/domain/codes.md."""

import pytest

from cairn.people.identifiers import (
    UPN_ALPHABET,
    format_nhs_number,
    former_upn_error,
    nhs_check_digit,
    nhs_number_error,
    normalise_nhs_number,
    upn_check_letter,
    upn_error,
)


@pytest.mark.parametrize("value", ["9434765919", "9876543210", "943 476 5919", "987-654-3210"])
def test_valid_nhs_numbers(value):
    assert nhs_number_error(value) is None


@pytest.mark.parametrize("value", ["9434765918", "9876543211", "943 476 5910"])
def test_nhs_number_with_the_wrong_check_digit_is_refused(value):
    assert "check digit" in nhs_number_error(value)


@pytest.mark.parametrize("last", list("0123456789"))
def test_nhs_number_whose_check_would_be_10_is_never_valid(last):
    assert nhs_check_digit("100000001") is None
    assert "check digit" in nhs_number_error(f"100000001{last}")


@pytest.mark.parametrize("value", ["943476591", "94347659190", "", "94347659AB", "9434 765 91"])
def test_nhs_number_of_the_wrong_shape_is_refused(value):
    assert "10 digits" in nhs_number_error(value)


def test_nhs_check_digit_follows_the_modulus_11_rule():
    assert nhs_check_digit("943476591") == 9
    assert nhs_check_digit("987654321") == 0  # 11 - 0 = 11 -> 0


def test_nhs_number_is_stored_without_spaces_and_shown_3_3_4():
    assert normalise_nhs_number(" 943 476-5919 ") == "9434765919"
    assert format_nhs_number("9434765919") == "943 476 5919"


@pytest.mark.parametrize("value", ["B801200005001", "P207000016049", "b801200005001"])
def test_valid_upns(value):
    assert upn_error(value) is None


@pytest.mark.parametrize("value", ["A801200005001", "Q207000016049"])
def test_upn_with_the_wrong_check_letter_is_refused(value):
    assert "check letter" in upn_error(value)


def test_upn_check_letter_follows_the_modulus_23_rule():
    assert upn_check_letter("801200005001") == "B"
    assert upn_check_letter("207000016049") == "P"


def test_upn_from_an_unknown_la_code_is_refused():
    body = "999200005001"  # 999 is not a DfE LA code
    upn = upn_check_letter(body) + body
    assert "local authority code" in upn_error(upn)
    assert "999" in upn_error(upn)


def test_temporary_upn_with_a_letter_in_position_13_is_valid():
    body = "80120000500A"
    check = upn_check_letter(body)
    assert check in UPN_ALPHABET
    assert upn_error(check + body) is None
    wrong = next(letter for letter in UPN_ALPHABET if letter != check)
    assert "check letter" in upn_error(wrong + body)


@pytest.mark.parametrize("letter", ["I", "O", "S"])
def test_temporary_upn_cannot_end_in_i_o_or_s(letter):
    assert "cannot be I, O or S" in upn_error(f"B80120000500{letter}")


@pytest.mark.parametrize(
    "value", ["B80120000500", "B8012000050011", "88012000050O1", "", "B80A200005001"]
)
def test_upn_of_the_wrong_shape_is_refused(value):
    assert "13 characters" in upn_error(value)


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("A123456789012", True),
        ("a123456789012", True),
        ("A12345678901", False),
        ("1234567890123", False),
    ],
)
def test_former_upn_is_a_letter_and_12_digits(value, valid):
    assert (former_upn_error(value) is None) is valid
