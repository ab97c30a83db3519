"""Weighted tables for children's characteristics (shared/domain/volumes.md, "Distributions").

Where the DfE publishes a figure it is used (sex 53/45/2, disability 12.7%); the rest are our
estimates of a typical English council's children in need, marked (est.).
"""

import bisect
import itertools
import random
from collections.abc import Sequence
from typing import Generic, TypeVar

T = TypeVar("T")


class Weighted(Generic[T]):
    """Draw from fixed weights quickly and reproducibly (one rng.random() per draw)."""

    def __init__(self, table: Sequence[tuple[T, float]]):
        self.values = [value for value, _ in table]
        self.cumulative = list(itertools.accumulate(weight for _, weight in table))
        self.total = self.cumulative[-1]

    def draw(self, rng: random.Random) -> T:
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.values[min(index, len(self.values) - 1)]


# Children in need by sex: 53% male, 45% female, 2% unborn/unknown. Unborn children carry the 2%.
UNBORN_SHARE = 0.02
SEX_OF_BORN_CHILD = Weighted([("M", 53), ("F", 45)])

# Ethnicity of children in need (est., close to the CIN census mix).
ETHNICITY = Weighted(
    [
        ("WBRI", 64.0),
        ("WIRI", 0.4),
        ("WIRT", 0.3),
        ("WOTH", 5.5),
        ("WROM", 0.6),
        ("MWBC", 2.6),
        ("MWBA", 1.0),
        ("MWAS", 1.3),
        ("MOTH", 3.0),
        ("AIND", 1.3),
        ("APKN", 2.6),
        ("ABAN", 1.1),
        ("AOTH", 1.4),
        ("BCRB", 1.3),
        ("BAFR", 4.0),
        ("BOTH", 1.0),
        ("CHNE", 0.2),
        ("OOTH", 2.6),
        ("REFU", 0.5),
        ("NOBT", 5.3),
    ]
)

# Age at the as-of date of the eldest child in a household (est., CIN age profile).
ELDEST_AGE = Weighted(
    [(0, 5), (1, 3), (2, 3), (3, 3), (4, 4)]
    + [(age, 5) for age in range(5, 10)]
    + [(age, 6.5) for age in range(10, 16)]
    + [(16, 6), (17, 5)]
)

CHILDREN_IN_HOUSEHOLD = Weighted([(1, 45), (2, 30), (3, 15), (4, 7), (5, 3)])

# 12.7% of children in need have a disability (2016); the rest are recorded as NONE.
DISABILITY_SHARE = 0.127
DISABILITY_CODE = Weighted(
    [
        ("LD", 24),
        ("AUT", 24),
        ("COMM", 14),
        ("BEH", 12),
        ("MOB", 6),
        ("CON", 4),
        ("DDA", 5),
        ("HEAR", 3),
        ("VIS", 3),
        ("PC", 3),
        ("HAND", 1),
        ("INC", 1),
    ]
)
DISABILITY_COUNT = Weighted([(1, 70), (2, 22), (3, 8)])

_RELIGION_BY_GROUP = {
    "british": Weighted([("", 30), ("No religion", 40), ("Christian", 28), ("Muslim", 1)]),
    "irish": Weighted([("", 25), ("Christian", 60), ("No religion", 15)]),
    "east_european": Weighted([("", 25), ("Christian", 65), ("No religion", 10)]),
    "south_asian": Weighted(
        [("", 10), ("Muslim", 65), ("Hindu", 12), ("Sikh", 10), ("No religion", 3)]
    ),
    "indian": Weighted([("", 10), ("Hindu", 45), ("Sikh", 25), ("Muslim", 15), ("Christian", 5)]),
    "african": Weighted([("", 15), ("Christian", 50), ("Muslim", 32), ("No religion", 3)]),
    "chinese": Weighted([("", 25), ("No religion", 50), ("Buddhist", 15), ("Christian", 10)]),
    "middle_eastern": Weighted([("", 15), ("Muslim", 75), ("Christian", 5), ("No religion", 5)]),
}

_LANGUAGE_BY_ETHNICITY = {
    "WOTH": Weighted([("English", 35), ("Polish", 25), ("Romanian", 20), ("Lithuanian", 10)]),
    "WROM": Weighted([("Romanian", 45), ("Romani", 35), ("English", 20)]),
    "APKN": Weighted([("English", 60), ("Urdu", 25), ("Punjabi", 15)]),
    "ABAN": Weighted([("English", 55), ("Bengali", 30), ("Sylheti", 15)]),
    "AIND": Weighted([("English", 65), ("Gujarati", 15), ("Punjabi", 12), ("Tamil", 8)]),
    "AOTH": Weighted([("English", 50), ("Pashto", 20), ("Dari", 15), ("Tamil", 15)]),
    "BAFR": Weighted(
        [("English", 55), ("Somali", 15), ("Tigrinya", 10), ("Arabic", 8), ("French", 7)]
        + [("Yoruba", 5)]
    ),
    "CHNE": Weighted([("English", 40), ("Cantonese", 30), ("Mandarin", 30)]),
    "OOTH": Weighted([("Arabic", 35), ("Kurdish", 25), ("English", 20), ("Farsi", 20)]),
}

# Name pools by heritage; ethnicity picks the pool (see pools.py).
NAME_GROUP_BY_ETHNICITY = {
    "WIRI": "irish",
    "WIRT": "irish",
    "WOTH": "east_european",
    "WROM": "east_european",
    "AIND": "indian",
    "APKN": "south_asian",
    "ABAN": "south_asian",
    "AOTH": "south_asian",
    "BAFR": "african",
    "CHNE": "chinese",
    "OOTH": "middle_eastern",
}

# Share of children with an immigration status recorded, and which (est.).
_IMMIGRATION_SHARE = {"WOTH": 0.3, "WROM": 0.3, "BAFR": 0.25, "OOTH": 0.4, "AOTH": 0.25}
_IMMIGRATION_STATUS = {
    "east_european": Weighted([("SETTLED", 55), ("PRESET", 35), ("BRIT", 10)]),
    "default": Weighted(
        [("ASYLUM", 25), ("REFUGEE", 25), ("SETTLED", 20), ("PRESET", 10), ("NRPF", 12)]
        + [("BRIT", 8)]
    ),
}

# Unaccompanied asylum-seeking children: 16-17 year olds living without family (est.).
UASC_HOUSEHOLD_SHARE = 0.004
UASC_ETHNICITY = Weighted([("BAFR", 35), ("OOTH", 40), ("AOTH", 25)])


def name_group(ethnicity: str) -> str:
    return NAME_GROUP_BY_ETHNICITY.get(ethnicity, "british")


def religion(rng: random.Random, ethnicity: str) -> str:
    return _RELIGION_BY_GROUP[name_group(ethnicity)].draw(rng)


def first_language(rng: random.Random, ethnicity: str) -> str:
    table = _LANGUAGE_BY_ETHNICITY.get(ethnicity)
    return table.draw(rng) if table else "English"


def immigration_status(rng: random.Random, ethnicity: str) -> str | None:
    """A status for some children of some heritages; None for most."""
    if rng.random() >= _IMMIGRATION_SHARE.get(ethnicity, 0.002):
        return None
    group = "east_european" if name_group(ethnicity) == "east_european" else "default"
    return _IMMIGRATION_STATUS[group].draw(rng)


def gender_identity(rng: random.Random, sex: str, age: int) -> str:
    """Not known for young children; usually matching sex; a few older children self-describe."""
    if sex == "U" or age < 5:
        return "00"
    if age >= 12 and rng.random() < 0.01:
        return "09"
    return "01" if sex == "M" else "02"


def disability_codes(rng: random.Random) -> list[str]:
    codes: list[str] = []
    for _ in range(DISABILITY_COUNT.draw(rng)):
        code = DISABILITY_CODE.draw(rng)
        if code not in codes:
            codes.append(code)
    return codes
