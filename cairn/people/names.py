"""Name keys for tolerant search: a normalised form and a sound-alike (metaphone) key."""

import unicodedata

import jellyfish


def normalise_name(value: str) -> str:
    """Lower case, accents and everything but letters removed: "O'Brien-Smith" -> "obriensmith".

    Letters with no ASCII base (Ł, ß, Ø) are kept, so "Łukasz" stays searchable.
    """
    decomposed = unicodedata.normalize("NFKD", value or "")
    return "".join(c for c in decomposed if c.isalpha()).lower()


def name_sound(value: str) -> str:
    norm = normalise_name(value)
    return jellyfish.metaphone(norm)[:40] if norm else ""


def name_similarity(a: str, b: str) -> float:
    """0..1: Jaro-Winkler over normalised names, tolerant of typos and transpositions."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0.0
    return jellyfish.jaro_winkler_similarity(na, nb)


def name_keys(*, given_name: str, family_name: str) -> dict[str, str]:
    """The search columns to store on a Person."""
    return {
        "given_name_norm": normalise_name(given_name)[:100],
        "family_name_norm": normalise_name(family_name)[:100],
        "given_name_sound": name_sound(given_name),
        "family_name_sound": name_sound(family_name),
    }
