"""Writes to people's records: validation, the audit trail, the version check."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.test import override_settings

from cairn.accounts.roles import Role
from cairn.core.models import AuditAction, AuditEvent
from cairn.core.records import ConcurrentEditError
from cairn.people.models import (
    Disability,
    Identifier,
    IdentifierSystem,
    Person,
    PersonKind,
    Relationship,
)
from cairn.people.names import name_sound
from cairn.people.services import (
    adult_register,
    child_register,
    la_child_ids_reserve,
    person_update_details,
    relationship_create,
)
from cairn.testing.audit import assert_audited
from cairn.workforce.models import Allocation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pinned_today")]

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield TODAY


@pytest.fixture
def worker(users):
    return users[Role.SOCIAL_WORKER]


def _register(worker, **overrides):
    details = {
        "actor": worker,
        "team": worker.team,
        "given_name": "Amara",
        "family_name": "Okafor",
        "date_of_birth": dt.date(2016, 3, 27),
        "sex": "F",
        "ethnicity": "BAFR",
    }
    return child_register(**(details | overrides))


def _audit_events(model, person):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(model), person=person
    )


def _counts():
    return {
        model.__name__: model.all_objects.count()
        for model in (Person, Identifier, Disability, Allocation)
    } | {"AuditEvent": AuditEvent.objects.count()}


class TestChildRegister:
    def test_creates_the_child_with_an_la_child_id_and_search_keys(self, worker):
        child = _register(worker, given_name=" Amara ", family_name=" Okafor ")

        child.refresh_from_db()
        assert child.kind == PersonKind.CHILD
        assert child.la_child_id.startswith("C")
        assert (child.given_name, child.family_name) == ("Amara", "Okafor")
        assert child.family_name_norm == "okafor"
        assert child.family_name_sound == name_sound("Okafor")
        assert (child.created_by, child.updated_by, child.version) == (worker, worker, 1)

    def test_places_the_child_in_the_team_queue_from_today(self, worker):
        child = _register(worker)

        allocation = Allocation.objects.get(child=child)
        assert allocation.team == worker.team
        assert allocation.worker is None
        assert allocation.started_on == TODAY
        assert allocation.ended_on is None

    def test_audits_the_person_identifiers_disabilities_and_allocation(self, worker):
        child = _register(
            worker,
            nhs_number="943 476 5919",
            upn="b801200005001",
            disabilities=["MOB", "HEAR"],
        )

        event = assert_audited(instance=child, action=AuditAction.CREATE, actor=worker)
        assert event.person == child
        assert event.changes["family_name"] == [None, "Okafor"]
        assert event.changes["date_of_birth"] == [None, "2016-03-27"]

        identifiers = {i.system: i.value for i in child.identifiers.all()}
        assert identifiers == {
            IdentifierSystem.NHS: "9434765919",
            IdentifierSystem.UPN: "B801200005001",
        }
        for identifier in child.identifiers.all():
            assert_audited(instance=identifier, action=AuditAction.CREATE, actor=worker)
        assert _audit_events(Identifier, child).count() == 2

        assert sorted(d.code for d in child.disabilities.all()) == ["HEAR", "MOB"]
        for disability in child.disabilities.all():
            assert_audited(instance=disability, action=AuditAction.CREATE, actor=worker)
        assert _audit_events(Disability, child).count() == 2

        allocation = Allocation.objects.get(child=child)
        event = assert_audited(instance=allocation, action=AuditAction.CREATE, actor=worker)
        assert event.person == child
        assert event.changes["team_id"] == [None, worker.team_id]

    def test_registers_an_unborn_child_with_unknown_sex(self, worker):
        child = _register(
            worker, date_of_birth=None, expected_date_of_birth=dt.date(2026, 6, 1), sex="U"
        )
        assert child.kind == PersonKind.UNBORN
        assert child.expected_date_of_birth == dt.date(2026, 6, 1)

    def test_la_child_ids_are_never_reused(self, worker):
        first = _register(worker)
        reserved = la_child_ids_reserve(2)
        second = _register(worker, given_name="Tobi", date_of_birth=dt.date(2018, 1, 1))
        ids = [first.la_child_id, *reserved, second.la_child_id]
        assert len(set(ids)) == 4
        assert ids == sorted(ids)

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"nhs_number": "9434765918"}, "nhs_number"),
            ({"nhs_number": "1000000010"}, "nhs_number"),
            ({"upn": "A801200005001"}, "upn"),
            ({"date_of_birth": TODAY + dt.timedelta(days=1)}, "date_of_birth"),
            ({"date_of_birth": None}, "date_of_birth"),
            (
                {"date_of_birth": None, "expected_date_of_birth": dt.date(2026, 6, 1), "sex": "M"},
                "sex",
            ),
            ({"disabilities": ["NONE", "MOB"]}, "disabilities"),
            ({"disabilities": ["XYZ"]}, "disabilities"),
            ({"ethnicity": "ZZZZ"}, "ethnicity"),
            ({"family_name": "  "}, "family_name"),
            ({"upn": "B801200005001", "upn_unknown_reason": "UN1"}, "upn_unknown_reason"),
            ({"former_upn": "A12"}, "former_upn"),
            ({"team": None}, "team"),
        ],
    )
    def test_bad_input_names_the_field_and_writes_nothing(self, worker, overrides, field):
        before = _counts()

        with pytest.raises(ValidationError) as error:
            _register(worker, **({"nhs_number": "9876543210", "disabilities": ["MOB"]} | overrides))

        assert field in error.value.message_dict
        assert _counts() == before

    def test_a_duplicate_nhs_number_is_refused_and_nothing_is_written(self, worker):
        _register(worker, nhs_number="9434765919")
        before = _counts()

        with pytest.raises(ValidationError) as error:
            _register(worker, given_name="Other", nhs_number="943 476 5919", disabilities=["MOB"])

        assert "already" in error.value.message_dict["nhs_number"][0]
        assert _counts() == before

    def test_a_duplicate_upn_is_refused(self, worker):
        _register(worker, upn="B801200005001")
        with pytest.raises(ValidationError) as error:
            _register(worker, given_name="Other", upn="b801200005001")
        assert "upn" in error.value.message_dict

    def test_an_nhs_number_on_a_removed_identifier_can_be_used_again(self, worker):
        from cairn.core.records import record_remove

        first = _register(worker, nhs_number="9434765919")
        record_remove(
            instance=first.identifiers.get(), actor=worker, reason="Entered on the wrong child"
        )
        second = _register(worker, given_name="Tobi", nhs_number="9434765919")
        assert second.identifiers.get().value == "9434765919"


class TestAdultRegister:
    def test_creates_and_audits_an_adult_without_an_la_child_id(self, worker):
        adult = adult_register(
            actor=worker,
            given_name="Grace",
            family_name="Okafor",
            date_of_birth=dt.date(1990, 5, 2),
        )

        assert adult.kind == PersonKind.ADULT
        assert adult.la_child_id is None
        assert adult.family_name_sound == name_sound("Okafor")
        event = assert_audited(instance=adult, action=AuditAction.CREATE, actor=worker)
        assert event.person == adult
        assert event.changes["given_name"] == [None, "Grace"]

    @pytest.mark.parametrize(
        ("overrides", "field"),
        [
            ({"family_name": ""}, "family_name"),
            ({"date_of_birth": TODAY + dt.timedelta(days=1)}, "date_of_birth"),
        ],
    )
    def test_bad_input_writes_nothing(self, worker, overrides, field):
        before = _counts()
        with pytest.raises(ValidationError) as error:
            adult_register(
                actor=worker, **({"given_name": "Grace", "family_name": "Okafor"} | overrides)
            )
        assert field in error.value.message_dict
        assert _counts() == before


class TestRelationshipCreate:
    def test_creates_and_audits_against_the_child(self, worker, child_in_north):
        mother = adult_register(actor=worker, given_name="Grace", family_name="Okafor")

        relationship = relationship_create(
            actor=worker, person=child_in_north, relative=mother, type="mother", same_household=True
        )

        assert relationship.relative == mother
        assert list(child_in_north.relationships.all()) == [relationship]
        event = assert_audited(instance=relationship, action=AuditAction.CREATE, actor=worker)
        assert event.person == child_in_north
        assert event.changes["type"] == [None, "mother"]

    def test_a_person_cannot_be_their_own_relative(self, worker, child_in_north):
        before = _counts()
        with pytest.raises(ValidationError) as error:
            relationship_create(
                actor=worker, person=child_in_north, relative=child_in_north, type="sibling"
            )
        assert "relative" in error.value.message_dict
        assert Relationship.all_objects.count() == 0
        assert _counts() == before

    def test_an_unknown_relationship_type_is_refused(self, worker, child_in_north):
        mother = adult_register(actor=worker, given_name="Grace", family_name="Okafor")
        with pytest.raises(ValidationError) as error:
            relationship_create(actor=worker, person=child_in_north, relative=mother, type="aunt")
        assert "type" in error.value.message_dict
        assert Relationship.all_objects.count() == 0


class TestPersonUpdateDetails:
    def test_records_each_changed_field_before_and_after(self, worker, child_in_north):
        updated = person_update_details(
            actor=worker,
            person=child_in_north,
            expected_version=child_in_north.version,
            family_name="Okafor-Bello",
            religion="Christian",
        )

        assert updated.version == child_in_north.version + 1
        assert updated.updated_by == worker
        child_in_north.refresh_from_db()
        assert child_in_north.family_name == "Okafor-Bello"
        assert child_in_north.family_name_norm == "okaforbello"
        event = assert_audited(
            instance=child_in_north,
            action=AuditAction.UPDATE,
            actor=worker,
            fields={"family_name", "religion", "family_name_norm"},
        )
        assert event.person == child_in_north
        assert event.changes["family_name"] == ["Okafor", "Okafor-Bello"]
        assert event.changes["religion"] == ["", "Christian"]
        assert "given_name" not in event.changes

    def test_a_stale_version_raises_and_changes_nothing(self, worker, child_in_north, users):
        stale = child_in_north.version
        person_update_details(
            actor=users[Role.TEAM_MANAGER],
            person=child_in_north,
            expected_version=stale,
            known_as="Mara",
        )
        audit_count = AuditEvent.objects.count()

        with pytest.raises(ConcurrentEditError):
            person_update_details(
                actor=worker, person=child_in_north, expected_version=stale, family_name="Smith"
            )

        child_in_north.refresh_from_db()
        assert child_in_north.family_name == "Okafor"
        assert child_in_north.known_as == "Mara"
        assert child_in_north.version == stale + 1
        assert child_in_north.updated_by == users[Role.TEAM_MANAGER]
        assert AuditEvent.objects.count() == audit_count

    def test_no_change_writes_no_audit_record(self, worker, child_in_north):
        before = AuditEvent.objects.count()
        result = person_update_details(
            actor=worker,
            person=child_in_north,
            expected_version=child_in_north.version,
            family_name=child_in_north.family_name,
        )
        assert result.version == child_in_north.version
        assert AuditEvent.objects.count() == before

    def test_fields_outside_the_persons_own_details_are_refused(self, worker, child_in_north):
        with pytest.raises(ValidationError) as error:
            person_update_details(
                actor=worker,
                person=child_in_north,
                expected_version=child_in_north.version,
                la_child_id="C9999999",
            )
        assert "la_child_id" in error.value.message_dict
        child_in_north.refresh_from_db()
        assert child_in_north.la_child_id != "C9999999"

    def test_an_invalid_code_is_refused_and_nothing_changes(self, worker, child_in_north):
        with pytest.raises(ValidationError) as error:
            person_update_details(
                actor=worker,
                person=child_in_north,
                expected_version=child_in_north.version,
                ethnicity="ZZZZ",
            )
        assert "ethnicity" in error.value.message_dict
        child_in_north.refresh_from_db()
        assert child_in_north.ethnicity == "WBRI"
        assert child_in_north.version == 1


def test_a_duplicate_upn_with_surrounding_spaces_is_a_validation_error(users):
    worker = users[Role.SOCIAL_WORKER]
    _register(worker, upn="B801200005001")
    before = _counts()
    with pytest.raises(ValidationError) as error:
        _register(worker, given_name="Other", upn=" b801200005001 ")
    assert "already" in error.value.message_dict["upn"][0]
    assert _counts() == before
