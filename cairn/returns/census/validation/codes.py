"""The code lists the rules check values against (shared/domain/codes.md)."""

import re

REFERRAL_SOURCES = frozenset("1A 1B 1C 1D 2A 2B 3A 3B 3C 3D 3E 3F 4 5A 5B 5C 5D 6 7 8 9 10".split())
PRIMARY_NEEDS = frozenset(f"N{i}" for i in range(10))
CLOSURE_REASONS = frozenset(f"RC{i}" for i in range(1, 10))
FACTORS = frozenset(
    "1A 1B 1C 2A 2B 2C 3A 3B 3C 4A 4B 4C 5A 5B 5C 6A 6B 6C 7A 8B 8C 8D 8E 8F 9A 10A 11A 12A "
    "13A 14A 15A 16A 17A 18A 18B 18C 19A 19B 19C 20 21 22A 23A 24A".split()
)  # 18A and 19A are still accepted, and queried (8945Q, 8950Q)
CATEGORIES = frozenset({"NEG", "PHY", "SAB", "EMO", "MUL"})
DISABILITIES = frozenset("NONE MOB HAND PC INC COMM LD HEAR VIS BEH CON AUT DDA".split())
ETHNICITIES = frozenset(
    "WBRI WIRI WIRT WOTH WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE "
    "OOTH REFU NOBT".split()
)
SEXES = frozenset({"M", "F", "U"})
PP_OUTCOMES = frozenset({"A", "B", "C"})
BOOLEANS = {"true": True, "TRUE": True, "1": True, "false": False, "FALSE": False, "0": False}


def _la_codes() -> frozenset[str]:
    ranges = (
        "001-005 201-213 301-320 330-336 340-344 350-359 370-373 380-384 390-394 420 660-681 "
        "701-708 800-803 805-808 810-813 815 816 820-823 825 826 830 831 835-841 845 846 "
        "850-852 855-857 860 861 865-896 908 909 916 919 921 925 926 928 929 931 933 935-938 "
        "940-943"
    )
    codes = set()
    for part in ranges.split():
        low, _, high = part.partition("-")
        codes.update(f"{n:03d}" for n in range(int(low), int(high or low) + 1))
    return frozenset(codes)


LA_CODES = _la_codes()
UPN_ALPHABET = "ABCDEFGHJKLMNPQRTUVWXYZ"
ALNUM = re.compile(r"^[A-Za-z0-9]+$")
FORMER_UPN = re.compile(r"^[A-Za-z][0-9]{12}$")


def upn_check_letter(body: str) -> str:
    """The check letter for UPN characters 2-13 (codes.md, modulus 23)."""
    total = 0
    for position, char in enumerate(body, start=2):
        value = int(char) if char.isdigit() else UPN_ALPHABET.find(char.upper())
        total += value * position
    return UPN_ALPHABET[total % 23]
