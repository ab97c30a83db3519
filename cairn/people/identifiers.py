"""Identifier checks from shared/domain/codes.md: NHS number (modulus 11), UPN (modulus 23)."""

import re

UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S

_UPN_LA_RANGES = [
    (1, 5),
    (201, 213),
    (301, 320),
    (330, 336),
    (340, 344),
    (350, 359),
    (370, 373),
    (380, 384),
    (390, 394),
    (420, 420),
    (660, 681),
    (701, 708),
    (800, 803),
    (805, 808),
    (810, 813),
    (815, 816),
    (820, 823),
    (825, 826),
    (830, 831),
    (835, 841),
    (845, 846),
    (850, 852),
    (855, 857),
    (860, 861),
    (865, 896),
    (908, 909),
    (916, 916),
    (919, 919),
    (921, 921),
    (925, 926),
    (928, 929),
    (931, 931),
    (933, 933),
    (935, 938),
    (940, 943),
]
UPN_LA_CODES = frozenset(f"{n:03d}" for low, high in _UPN_LA_RANGES for n in range(low, high + 1))


def normalise_nhs_number(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "")


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when the number can never be issued."""
    total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        return 0
    if check == 10:
        return None
    return check


def nhs_number_error(value: str) -> str | None:
    """Why `value` is not a valid NHS number, or None when it is."""
    digits = normalise_nhs_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return "Enter an NHS number of 10 digits, like 943 476 5919"
    check = nhs_check_digit(digits[:9])
    if check is None or check != int(digits[9]):
        return "Enter a real NHS number: the check digit does not match"
    return None


def format_nhs_number(value: str) -> str:
    return f"{value[:3]} {value[3:6]} {value[6:]}" if len(value) == 10 else value


def upn_check_letter(body: str) -> str:
    """The check letter for UPN positions 2-13 (12 characters)."""
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_ALPHABET.index(char)
        total += value * position
    return UPN_ALPHABET[total % 23]


def upn_error(value: str) -> str | None:
    """Why `value` is not a valid UPN, or None when it is (DfE rule 1510 and the LA list)."""
    upn = (value or "").strip().upper()
    if not re.fullmatch(r"[A-Z]\d{11}[0-9A-Z]", upn):
        return "Enter a UPN of 13 characters: a letter, 11 digits, then a digit or letter"
    if upn[12].isalpha() and upn[12] not in UPN_ALPHABET:
        return "The last character of a temporary UPN cannot be I, O or S"
    if upn[1:4] not in UPN_LA_CODES:
        return f"Characters 2 to 4 of a UPN must be a DfE local authority code; {upn[1:4]} is not"
    if upn[0] != upn_check_letter(upn[1:]):
        return "Enter a real UPN: the check letter does not match"
    return None


def former_upn_error(value: str) -> str | None:
    if not re.fullmatch(r"[A-Z]\d{12}", (value or "").strip().upper()):
        return "Enter a former UPN as a letter followed by 12 digits"
    return None
