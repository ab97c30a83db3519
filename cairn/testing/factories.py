"""factory_boy factories (en_GB). Records go through services where a test needs the audit
trail; these build the surrounding data directly."""

import datetime as dt

import factory
from faker import Faker

from cairn.accounts.models import Team, User
from cairn.accounts.roles import Role, TeamKind
from cairn.accounts.services import system_actor
from cairn.people.models import Person, PersonKind, Relationship
from cairn.people.names import name_keys
from cairn.people.services import la_child_ids_reserve
from cairn.workforce.models import Allocation

fake = Faker("en_GB")
factory.Faker._DEFAULT_LOCALE = "en_GB"

_ESCAPED_IN_HTML = frozenset("&<>\"'")


class PlainName(factory.Faker):
    """A Faker name a test can look for in a page as written. en_GB now and then draws a name
    such as O'Brien, which a page shows escaped (O&#x27;Brien), so such a draw is redrawn.
    Pages escaping names is tested on purpose, with names chosen for it."""

    def evaluate(self, instance, step, extra):
        while True:
            name = super().evaluate(instance, step, dict(extra))
            if not _ESCAPED_IN_HTML & set(name):
                return name


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Locality team {n}")
    kind = TeamKind.CIN_CP


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = PlainName("first_name")
    last_name = PlainName("last_name")
    role = Role.SOCIAL_WORKER
    team = factory.SubFactory(TeamFactory)
    password = factory.django.Password("correct-horse-battery")


def _system(_obj=None):
    return system_actor()


class RecordFactory(factory.django.DjangoModelFactory):
    """Base for factories of RecordModel rows: made by the system actor."""

    class Meta:
        abstract = True

    created_by = factory.LazyFunction(_system)
    updated_by = factory.LazyFunction(_system)


class PersonFactory(RecordFactory):
    class Meta:
        model = Person

    kind = PersonKind.CHILD
    given_name = PlainName("first_name")
    family_name = PlainName("last_name")
    date_of_birth = factory.LazyFunction(
        lambda: fake.date_between(dt.date(2010, 1, 1), dt.date(2024, 1, 1))
    )
    sex = "F"
    ethnicity = "WBRI"
    la_child_id = factory.LazyAttribute(
        lambda p: la_child_ids_reserve(1)[0] if p.kind != PersonKind.ADULT else None
    )

    @factory.lazy_attribute
    def given_name_norm(self):
        return name_keys(given_name=self.given_name, family_name=self.family_name)[
            "given_name_norm"
        ]

    @factory.lazy_attribute
    def family_name_norm(self):
        return name_keys(given_name=self.given_name, family_name=self.family_name)[
            "family_name_norm"
        ]

    @factory.lazy_attribute
    def given_name_sound(self):
        return name_keys(given_name=self.given_name, family_name=self.family_name)[
            "given_name_sound"
        ]

    @factory.lazy_attribute
    def family_name_sound(self):
        return name_keys(given_name=self.given_name, family_name=self.family_name)[
            "family_name_sound"
        ]


class AdultFactory(PersonFactory):
    kind = PersonKind.ADULT
    date_of_birth = factory.LazyFunction(
        lambda: fake.date_between(dt.date(1960, 1, 1), dt.date(2000, 1, 1))
    )


class RelationshipFactory(RecordFactory):
    class Meta:
        model = Relationship

    person = factory.SubFactory(PersonFactory)
    relative = factory.SubFactory(AdultFactory)
    type = "mother"
    same_household = True


class AllocationFactory(RecordFactory):
    class Meta:
        model = Allocation

    child = factory.SubFactory(PersonFactory)
    team = factory.SubFactory(TeamFactory)
    worker = None
    started_on = dt.date(2025, 1, 6)
