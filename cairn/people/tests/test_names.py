"""Name keys for tolerant search."""

import pytest

from cairn.people.names import name_keys, name_similarity, name_sound, normalise_name


@pytest.mark.parametrize(
    ("value", "expected"),
    [("O'Brien-Smith", "obriensmith"), ("  Zoë ", "zoe"), ("Łukasz", "łukasz"), ("", "")],
)
def test_normalise_name(value, expected):
    assert normalise_name(value) == expected


@pytest.mark.parametrize(
    ("a", "b"), [("Jon", "John"), ("Mohammed", "Muhammad"), ("Catherine", "Kathryn")]
)
def test_sound_alike_names_share_a_key(a, b):
    assert name_sound(a) == name_sound(b) != ""


def test_different_names_have_different_keys():
    assert name_sound("Okafor") != name_sound("Hughes")


def test_similarity_tolerates_a_typo_but_not_a_different_name():
    assert name_similarity("Okafr", "Okafor") >= 0.84
    assert name_similarity("Okafor", "Hughes") < 0.84
    assert name_similarity("", "Hughes") == 0.0


def test_name_keys_fill_every_search_column():
    keys = name_keys(given_name="Amara", family_name="O'Kafor")
    assert keys == {
        "given_name_norm": "amara",
        "family_name_norm": "okafor",
        "given_name_sound": name_sound("Amara"),
        "family_name_sound": name_sound("Okafor"),
    }
