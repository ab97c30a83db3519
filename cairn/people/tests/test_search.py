"""Finding a person by name (tolerant), date of birth or identifier, within the user's scope."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.core.records import record_remove
from cairn.people.search import (
    parse_query,
    person_search,
    possible_duplicates,
    possible_duplicates_for,
)
from cairn.people.services import child_register, relationship_create
from cairn.testing.factories import AdultFactory, AllocationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chair(users):
    return users[Role.CP_CHAIR]


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


def _child(team, **fields):
    child = PersonFactory(**fields)
    AllocationFactory(child=child, team=team)
    return child


@pytest.fixture
def registered(worker):
    """A North child registered with an NHS number and a UPN."""
    return child_register(
        actor=worker,
        team=worker.team,
        given_name="Jayden",
        family_name="Smith",
        date_of_birth=dt.date(2015, 3, 14),
        sex="M",
        ethnicity="WBRI",
        nhs_number="9434765919",
        upn="B801200005001",
    )


class TestParseQuery:
    def test_splits_names_dates_and_identifiers(self):
        parsed = parse_query("Amara O'Kafor 27/03/2016")
        assert parsed.names == ["amara", "okafor"]
        assert parsed.date_of_birth == dt.date(2016, 3, 27)
        assert parsed.identifier is None

    def test_an_nhs_number_with_spaces_is_one_identifier(self):
        parsed = parse_query(" 943 476 5919 ")
        assert parsed.identifier == "9434765919"
        assert parsed.names == []

    def test_blank_is_empty(self):
        assert parse_query("  ").is_empty
        assert not parse_query("Okafor").is_empty


class TestByName:
    def test_exact_full_name(self, chair, child_in_north, child_in_south):
        assert person_search(user=chair, text="Amara Okafor") == [child_in_north]

    def test_family_name_only(self, chair, child_in_north, child_in_south):
        assert person_search(user=chair, text="okafor") == [child_in_north]

    def test_a_typo_still_finds_the_child(self, chair, child_in_north, child_in_south):
        assert person_search(user=chair, text="Okafr") == [child_in_north]

    def test_an_unrelated_name_finds_nothing(self, chair, child_in_north, child_in_south):
        assert person_search(user=chair, text="Zebedee") == []

    @pytest.mark.parametrize(
        ("typed", "recorded"),
        [("Jon", "John"), ("Mohammed", "Muhammad"), ("Kathryn", "Catherine")],
    )
    def test_a_sound_alike_given_name(self, chair, teams, typed, recorded):
        child = _child(teams["north"], given_name=recorded, family_name="Ahmed")
        _child(teams["north"], given_name="Zara", family_name="Ahmed")
        assert person_search(user=chair, text=f"{typed} Ahmed") == [child]

    def test_the_best_match_comes_first(self, chair, teams):
        close = _child(teams["north"], given_name="Amara", family_name="Okafor")
        near = _child(teams["north"], given_name="Amari", family_name="Okafor")
        assert person_search(user=chair, text="Amara Okafor") == [close, near]

    def test_a_removed_person_is_not_found(self, chair, child_in_north):
        record_remove(instance=child_in_north, actor=chair, reason="Duplicate record")
        assert person_search(user=chair, text="Amara Okafor") == []


class TestByDateOfBirthAndIdentifier:
    def test_date_of_birth_dd_mm_yyyy(self, chair, teams):
        child = _child(teams["north"], date_of_birth=dt.date(2016, 3, 27))
        _child(teams["north"], date_of_birth=dt.date(2016, 3, 28))
        assert person_search(user=chair, text="27/03/2016") == [child]

    def test_name_and_date_of_birth_together(self, chair, teams):
        child = _child(teams["north"], family_name="Okafor", date_of_birth=dt.date(2016, 3, 27))
        _child(teams["north"], family_name="Okafor", date_of_birth=dt.date(2012, 1, 1))
        _child(teams["north"], family_name="Brown", date_of_birth=dt.date(2016, 3, 27))
        assert person_search(user=chair, text="Okafor 27/03/2016") == [child]

    @pytest.mark.parametrize("text", ["943 476 5919", "9434765919", "943-476-5919"])
    def test_nhs_number(self, chair, registered, child_in_north, text):
        assert person_search(user=chair, text=text) == [registered]

    @pytest.mark.parametrize("text", ["B801200005001", "b801200005001"])
    def test_upn(self, chair, registered, child_in_north, text):
        assert person_search(user=chair, text=text) == [registered]

    def test_la_child_id(self, chair, child_in_north, child_in_south):
        assert person_search(user=chair, text=child_in_south.la_child_id) == [child_in_south]
        assert person_search(user=chair, text=child_in_south.la_child_id.lower()) == [
            child_in_south
        ]

    def test_an_unknown_nhs_number_finds_nothing(self, chair, registered):
        assert person_search(user=chair, text="9876543210") == []


class TestScope:
    def test_a_social_worker_does_not_find_a_child_only_in_another_team(
        self, worker, child_in_north, child_in_south
    ):
        assert person_search(user=worker, text="Tyler Hughes") == []
        assert person_search(user=worker, text=child_in_south.la_child_id) == []
        assert person_search(user=worker, text="Amara Okafor") == [child_in_north]

    def test_a_cp_chair_finds_children_in_every_team(
        self, chair, child_in_south, child_in_disabled_team
    ):
        assert person_search(user=chair, text="Tyler Hughes") == [child_in_south]
        assert person_search(user=chair, text="Priya Sharma") == [child_in_disabled_team]

    def test_a_system_administrator_finds_no_one(self, users, child_in_north):
        assert person_search(user=users[Role.SYSTEM_ADMIN], text="Amara Okafor") == []

    def test_a_service_manager_finds_children_in_their_service_only(
        self, users, child_in_north, child_in_south, child_in_disabled_team
    ):
        manager = users[Role.SERVICE_MANAGER]
        assert person_search(user=manager, text="Tyler Hughes") == [child_in_south]
        assert person_search(user=manager, text="Priya Sharma") == []

    def test_adults_in_a_visible_childs_family_are_found(
        self, worker, child_in_north, child_in_south
    ):
        mother = AdultFactory(given_name="Grace", family_name="Okafor")
        relationship_create(actor=worker, person=child_in_north, relative=mother, type="mother")
        stranger = AdultFactory(given_name="Grace", family_name="Hughes")
        relationship_create(actor=worker, person=child_in_south, relative=stranger, type="mother")

        assert person_search(user=worker, text="Grace Okafor") == [mother]
        assert person_search(user=worker, text="Grace Hughes") == []


class TestPossibleDuplicates:
    def test_the_same_nhs_number_matches_whatever_the_name(self, registered):
        matches = possible_duplicates(
            given_name="Someone",
            family_name="Else",
            date_of_birth=dt.date(2001, 1, 1),
            nhs_number="943 476 5919",
        )
        assert matches == [registered]

    def test_the_same_date_of_birth_and_a_similar_name_match(self, teams):
        child = _child(
            teams["north"],
            given_name="Amara",
            family_name="Okafor",
            date_of_birth=dt.date(2016, 3, 27),
        )
        matches = possible_duplicates(
            given_name="Amarah", family_name="Okafor", date_of_birth=dt.date(2016, 3, 27)
        )
        assert matches == [child]

    def test_the_same_date_of_birth_and_a_different_name_do_not_match(self, teams):
        _child(
            teams["north"],
            given_name="Amara",
            family_name="Okafor",
            date_of_birth=dt.date(2016, 3, 27),
        )
        assert (
            possible_duplicates(
                given_name="Tyler", family_name="Hughes", date_of_birth=dt.date(2016, 3, 27)
            )
            == []
        )

    def test_a_different_date_of_birth_does_not_match(self, teams):
        _child(
            teams["north"],
            given_name="Amara",
            family_name="Okafor",
            date_of_birth=dt.date(2016, 3, 27),
        )
        assert (
            possible_duplicates(
                given_name="Amara", family_name="Okafor", date_of_birth=dt.date(2016, 3, 28)
            )
            == []
        )

    def test_a_removed_nhs_number_does_not_match(self, registered, worker):
        record_remove(
            instance=registered.identifiers.get(system="nhs"), actor=worker, reason="Typo"
        )
        assert (
            possible_duplicates(
                given_name="X", family_name="Y", date_of_birth=None, nhs_number="9434765919"
            )
            == []
        )

    def test_an_adult_with_the_same_birthday_and_name_is_not_a_duplicate_child(self, teams):
        dob = dt.date(1990, 5, 1)
        AdultFactory(given_name="Amara", family_name="Okafor", date_of_birth=dob)
        child = _child(teams["north"], given_name="Amara", family_name="Okafor", date_of_birth=dob)
        found = possible_duplicates(given_name="Amara", family_name="Okafor", date_of_birth=dob)
        assert found == [child]

    def test_possible_duplicates_for_splits_visible_and_hidden(self, worker, teams):
        dob = dt.date(2016, 3, 27)
        mine = _child(teams["north"], given_name="Amara", family_name="Okafor", date_of_birth=dob)
        _child(teams["south"], given_name="Amarah", family_name="Okafor", date_of_birth=dob)
        _child(teams["disabled"], given_name="Amara", family_name="Okafor", date_of_birth=dob)
        details = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": dob}

        visible, hidden = possible_duplicates_for(user=worker, **details)

        assert visible == [mine]
        assert hidden == 2

    def test_possible_duplicates_for_shows_all_to_a_cp_chair(self, chair, teams):
        dob = dt.date(2016, 3, 27)
        children = {
            _child(team, given_name="Amara", family_name="Okafor", date_of_birth=dob)
            for team in (teams["north"], teams["south"])
        }
        visible, hidden = possible_duplicates_for(
            user=chair, given_name="Amara", family_name="Okafor", date_of_birth=dob
        )
        assert set(visible) == children
        assert hidden == 0
