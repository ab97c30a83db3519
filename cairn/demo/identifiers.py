"""Valid, unique, obviously synthetic identifiers for seeded children.

NHS numbers are drawn from the 999 range NHS England keeps for testing, so no seeded number can
belong to a real person; each passes the modulus 11 check. UPNs use a real DfE LA code (999 is not
one) with a modulus 23 check letter. Both are checked with people.identifiers before use.
"""

import datetime as dt
import random

from cairn.people.identifiers import nhs_check_digit, nhs_number_error, upn_check_letter, upn_error

NHS_TEST_PREFIX = "999"
DEMO_UPN_LA_CODE = "929"  # a code on the DfE list; the demo council's own
OTHER_UPN_LA_CODES = ("201", "304", "330", "812", "855", "926")  # children who moved in


class IdentifierError(RuntimeError):
    """The generator made something that fails the checks, or ran out of numbers."""


class NhsNumbers:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def next(self) -> str:
        for _ in range(1000):
            first_nine = f"{NHS_TEST_PREFIX}{self.rng.randrange(1_000_000):06d}"
            check = nhs_check_digit(first_nine)
            if check is None:
                continue  # a number that can never be issued
            number = f"{first_nine}{check}"
            if number not in self.used:
                self.used.add(number)
                return _checked(number, nhs_number_error)
        raise IdentifierError("Could not find an unused NHS number in the test range")


class Upns:
    """UPNs: check letter, LA code, school (4 digits), year issued (2), serial (3)."""

    def __init__(self, rng: random.Random, schools: int):
        self.rng = rng
        self.schools = [f"{n:04d}" for n in rng.sample(range(1000, 7999), schools)]
        self.used: set[str] = set()

    def next(self, *, date_of_birth: dt.date) -> str:
        # Issued when the child starts school, in the September after they turn four.
        year = (date_of_birth.year + 4 + (date_of_birth.month >= 9)) % 100
        for _ in range(1000):
            la = (
                DEMO_UPN_LA_CODE if self.rng.random() < 0.9 else self.rng.choice(OTHER_UPN_LA_CODES)
            )
            body = f"{la}{self.rng.choice(self.schools)}{year:02d}{self.rng.randint(1, 999):03d}"
            upn = upn_check_letter(body) + body
            if upn not in self.used:
                self.used.add(upn)
                return _checked(upn, upn_error)
        raise IdentifierError("Could not find an unused UPN")


def _checked(value: str, check) -> str:
    if problem := check(value):
        raise IdentifierError(f"Generated identifier {value} is invalid: {problem}")
    return value
