"""Pools of names and streets drawn once from a seeded Faker, then picked with a seeded Random.

Calling Faker for each of hundreds of thousands of people is slow; drawing a few thousand names
per heritage up front and choosing from them is fast and keeps Faker's frequency weighting
(common names appear more often in the pool).
"""

import random
import string
from dataclasses import dataclass
from functools import lru_cache

from faker import Faker

from cairn.people.names import name_keys

# Faker locales per heritage group; names in other scripts use their romanised forms.
_LOCALES = {
    "british": ("en_GB",),
    "irish": ("en_IE",),
    "east_european": ("pl_PL", "ro_RO"),
    "indian": ("en_IN",),
    "south_asian": ("en_PK", "en_IN"),
    "african": ("en_NG", "en_KE"),
    "chinese": ("zh_CN",),
    "middle_eastern": ("tr_TR",),
}
_ENDINGS = (
    "Road",
    "Street",
    "Lane",
    "Close",
    "Avenue",
    "Drive",
    "Crescent",
    "Way",
    "Gardens",
    "Grove",
    "Terrace",
    "Place",
    "Court",
    "Walk",
    "Mews",
    "Rise",
    "View",
    "Row",
    "Green",
    "Square",
)
_TREES = ("Oak", "Ash", "Elm", "Birch", "Rowan", "Hawthorn", "Willow", "Beech", "Hazel", "Alder")
_POOL_SIZE = {"given": 1500, "family": 4000}


@dataclass
class NamePool:
    female: list[str]
    male: list[str]
    family: list[str]


def _draw_names(fake: Faker, group: str) -> NamePool:
    if group == "chinese":
        given = [fake.first_romanized_name().title() for _ in range(_POOL_SIZE["given"])]
        family = [fake.last_romanized_name().title() for _ in range(_POOL_SIZE["family"] // 4)]
        return NamePool(female=given, male=given, family=family)
    return NamePool(
        female=[fake.first_name_female() for _ in range(_POOL_SIZE["given"])],
        male=[fake.first_name_male() for _ in range(_POOL_SIZE["given"])],
        family=[fake.last_name() for _ in range(_POOL_SIZE["family"])],
    )


class Pools:
    """Every pool the generators pick from, built deterministically from the seed."""

    def __init__(self, seed: int):
        rng = random.Random(f"cairn-demo:{seed}:pools")
        self.names: dict[str, NamePool] = {}
        for group, locales in _LOCALES.items():
            pools = []
            for locale in locales:
                fake = Faker(locale)
                fake.seed_instance(rng.randrange(2**32))
                pools.append(_draw_names(fake, group))
            self.names[group] = NamePool(
                female=[n for p in pools for n in p.female],
                male=[n for p in pools for n in p.male],
                family=[n for p in pools for n in p.family],
            )
        # Streets named after (Faker's) surnames and trees, with British endings; towns come
        # from the profile, so no address is a real one.
        stems = sorted(set(self.names["british"].family)) + list(_TREES)
        self.streets = sorted({f"{rng.choice(stems)} {rng.choice(_ENDINGS)}" for _ in range(6000)})

    def given_name(self, rng: random.Random, group: str, sex: str) -> str:
        pool = self.names[group]
        if sex == "U":
            sex = "F" if rng.random() < 0.5 else "M"
        return rng.choice(pool.female if sex == "F" else pool.male)

    def family_name(self, rng: random.Random, group: str) -> str:
        return rng.choice(self.names[group].family)

    def street(self, rng: random.Random) -> str:
        return rng.choice(self.streets)


@lru_cache(maxsize=2)
def pools_for(seed: int) -> Pools:
    """The pools for a seed, built once per process (they take about a second)."""
    return Pools(seed)


def postcode(rng: random.Random, district: int) -> str:
    """A postcode in the fictional FB area (no real postcode area uses FB)."""
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters used in the inward code
    return f"FB{district} {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"


@lru_cache(maxsize=100_000)
def _keys_for(given_name: str, family_name: str) -> tuple[str, str, str, str]:
    keys = name_keys(given_name=given_name, family_name=family_name)
    return (
        keys["given_name_norm"],
        keys["family_name_norm"],
        keys["given_name_sound"],
        keys["family_name_sound"],
    )


def person_name_keys(given_name: str, family_name: str) -> dict[str, str]:
    """people.names.name_keys, cached per name: the pools repeat names a great deal."""
    given_norm, _, given_sound, _ = _keys_for(given_name, "")
    _, family_norm, _, family_sound = _keys_for("", family_name)
    return {
        "given_name_norm": given_norm,
        "family_name_norm": family_norm,
        "given_name_sound": given_sound,
        "family_name_sound": family_sound,
    }


def username_part(value: str) -> str:
    """Letters only, lower case, for building usernames."""
    keys = _keys_for(value, "")
    return keys[0] or "".join(c for c in value.lower() if c in string.ascii_lowercase) or "x"
