"""People: children (including unborn), adults in the family network, and what identifies them."""

from django.db import models
from django.db.models import Q

from cairn.core.codelists import choices
from cairn.core.models import RecordModel


class PersonKind(models.TextChoices):
    CHILD = "child", "Child"
    UNBORN = "unborn", "Unborn child"
    ADULT = "adult", "Adult"


class Person(RecordModel):
    kind = models.CharField(max_length=10, choices=PersonKind.choices)
    la_child_id = models.CharField(
        "LA child ID",
        max_length=20,
        unique=True,
        null=True,
        blank=True,
        help_text="Generated for children; never reused.",
    )
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100)
    known_as = models.CharField(max_length=100, blank=True)
    previous_names = models.CharField(max_length=300, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    expected_date_of_birth = models.DateField(null=True, blank=True)
    date_of_death = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=choices("sex"), default="U")
    gender_identity = models.CharField(
        max_length=2, choices=choices("gender_identity"), default="00"
    )
    ethnicity = models.CharField(max_length=4, choices=choices("ethnicity"), default="NOBT")
    religion = models.CharField(max_length=60, blank=True)
    first_language = models.CharField(max_length=60, blank=True)
    upn_unknown_reason = models.CharField(
        "UPN unknown reason", max_length=3, choices=choices("upn_unknown"), blank=True
    )
    is_restricted = models.BooleanField(default=False)
    is_audit_subject = True  # changes to a person are listed in their record's access review
    # Search keys, kept in step by people.services (see people/search.py).
    given_name_norm = models.CharField(max_length=100, blank=True, db_index=True)
    family_name_norm = models.CharField(max_length=100, blank=True, db_index=True)
    given_name_sound = models.CharField(max_length=40, blank=True)
    family_name_sound = models.CharField(max_length=40, blank=True, db_index=True)

    class Meta:
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["date_of_birth", "family_name_sound"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind="unborn") | Q(expected_date_of_birth__isnull=False),
                name="unborn_has_expected_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="unborn") | Q(sex="U"),
                name="unborn_sex_unknown",
            ),
            models.CheckConstraint(
                condition=Q(kind="adult") | Q(la_child_id__isnull=False),
                name="child_has_la_child_id",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_name, self.family_name) if p) or "(no name)"

    @property
    def is_child(self) -> bool:
        return self.kind in (PersonKind.CHILD, PersonKind.UNBORN)


class ChildIdSequence(models.Model):
    """One row: the last number used for LA child IDs, so an ID is never reused."""

    last_value = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"LA child ID sequence at {self.last_value}"


class IdentifierSystem(models.TextChoices):
    NHS = "nhs", "NHS number"
    UPN = "upn", "UPN"
    FORMER_UPN = "former_upn", "Former UPN"
    LEGACY = "legacy", "Legacy system ID"
    HOME_OFFICE = "home_office", "Home Office reference"


class Identifier(RecordModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="identifiers")
    system = models.CharField(max_length=20, choices=IdentifierSystem.choices)
    value = models.CharField(max_length=40)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["system", "value"])]
        constraints = [
            models.UniqueConstraint(
                fields=["system", "value"],
                condition=Q(removed_at__isnull=True, system__in=["nhs", "upn"]),
                name="nhs_and_upn_belong_to_one_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_system_display()} {self.value}"


class Disability(RecordModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disabilities")
    code = models.CharField(max_length=4, choices=choices("disability"))

    class Meta:
        verbose_name_plural = "disabilities"
        constraints = [
            models.UniqueConstraint(
                fields=["person", "code"],
                condition=Q(removed_at__isnull=True),
                name="disability_once_per_person",
            )
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class ImmigrationStatus(RecordModel):
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="immigration_statuses"
    )
    status = models.CharField(max_length=10, choices=choices("immigration_status"))
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "immigration statuses"

    def __str__(self) -> str:
        return self.get_status_display()


class Address(RecordModel):
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="addresses")
    line_1 = models.CharField(max_length=120)
    line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=80)
    postcode = models.CharField(max_length=10)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "addresses"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return ", ".join(p for p in (self.line_1, self.line_2, self.town, self.postcode) if p)


class RelationshipType(models.TextChoices):
    MOTHER = "mother", "Mother"
    FATHER = "father", "Father"
    STEP_PARENT = "step_parent", "Step-parent"
    SIBLING = "sibling", "Sibling"
    GRANDPARENT = "grandparent", "Grandparent"
    CARER = "carer", "Carer"
    OTHER = "other", "Other"


class Relationship(RecordModel):
    """`relative` is `person`'s <type>: e.g. person = the child, relative = her mother."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="relationships")
    relative = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="relationships_as_relative"
    )
    type = models.CharField(max_length=20, choices=RelationshipType.choices)
    same_household = models.BooleanField(default=False)
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(person=models.F("relative")), name="relationship_not_to_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative} is {self.person}'s {self.get_type_display().lower()}"
