"""Cross-cutting records: the audit trail, views of records, code lists and closure days."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models


class LiveManager(models.Manager):
    """Hides removed records. Removed rows stay in the table (nothing is hard-deleted)."""

    def get_queryset(self):
        return super().get_queryset().filter(removed_at__isnull=True)


class AllRecordsManager(models.Manager):
    """Every row, removed ones included: for access review, audit and imports."""


class RecordModel(models.Model):
    """Base for every record users write.

    - created/updated by and at: who made the current state;
    - version: optimistic concurrency check (see core.services.update_record);
    - removed_*: a removal hides the record with its reason and actor; rows are never deleted.
    """

    # The three *_by keys have no index (ADR 0030): every row written on ~86 tables would pay
    # for three, and nothing looks records up by who wrote them; they are only followed forward
    # (select_related("created_by") uses the users table's primary key). The foreign key
    # constraints stay. PROTECT needs no index either: users are never hard-deleted (leavers
    # are deactivated), so the reverse lookup a user's deletion would make never runs.
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    version = models.PositiveIntegerField(default=1)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        db_index=False,
    )
    removal_reason = models.TextField(blank=True)

    # `objects` comes first, so it is the default manager and related managers
    # (child.identifiers.all()) hide removed rows too. Following a foreign key to a removed
    # record still works: Django uses a plain base manager for that.
    objects = LiveManager()
    all_objects = AllRecordsManager()

    class Meta:
        abstract = True


class AuditAction(models.TextChoices):
    CREATE = "create", "Created"
    UPDATE = "update", "Updated"
    REMOVE = "remove", "Removed"
    BULK_CREATE = "bulk_create", "Created in bulk"


class AuditEvent(models.Model):
    """One change to one record: who, when, what, and each changed field before and after."""

    # The logs' keys have no database constraint (ADR 0031): a log row is a fact about ids
    # (users, people and content types are never deleted, and the ORM's PROTECT still refuses
    # to delete one a row names), and checking each key of each row at commit was half the
    # database's work in a bulk import.
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_constraint=False
    )
    via = models.CharField(max_length=60, default="web", help_text="web, api or the job's name")
    action = models.CharField(max_length=20, choices=AuditAction.choices)
    # No index of its own: the (content_type, object_id) index serves lookups by content_type.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(max_length=200)
    # No index of its own: the (person, at) index serves lookups by person.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The person whose record this change belongs to, for access review.",
        db_index=False,
        db_constraint=False,
    )
    changes = models.JSONField(default=dict, help_text="{field: [before, after]}")

    class Meta:
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["person", "at"]),
        ]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor} {self.action} {self.object_repr} at {self.at:%Y-%m-%d %H:%M}"


class AccessOutcome(models.TextChoices):
    GRANTED = "granted", "Granted"
    DENIED = "denied", "Denied"


class AccessEvent(models.Model):
    """One view (or refused attempt to view) of a person's record."""

    # Keys without a database constraint, as AuditEvent's (ADR 0031).
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    # No index of its own: the (actor, at) index serves lookups by actor.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    # No index of its own: the (person, at) index serves lookups by person.
    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    page = models.CharField(max_length=200)
    outcome = models.CharField(
        max_length=10, choices=AccessOutcome.choices, default=AccessOutcome.GRANTED
    )

    class Meta:
        indexes = [models.Index(fields=["person", "at"]), models.Index(fields=["actor", "at"])]
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.actor} viewed person {self.person_id} ({self.outcome})"


class Code(models.Model):
    """One code in one DfE/SSD code list, with the census years it is valid for."""

    list_name = models.CharField(max_length=40)
    code = models.CharField(max_length=10)
    label = models.CharField(max_length=200)
    sort_order = models.PositiveIntegerField(default=0)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["list_name", "code"], name="code_unique_in_list")
        ]
        ordering = ["list_name", "sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.list_name}:{self.code} {self.label}"


class ClosureDay(models.Model):
    """A day the council is closed (beyond bank holidays); not a working day."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date}: {self.reason}"


class ExternalReference(models.Model):
    """A record's id in another system (an SSD extract from a council's case management system).

    Imports keep the source's ids here so reports and alerts name the same referrals, plans,
    workers and teams as the source, and a re-import finds and updates the same Cairn record.
    `group_id` holds a grouping id the source gives alongside (a family id, a meeting id).
    """

    system = models.CharField(max_length=60, help_text="The source system, e.g. 'ssd'")
    kind = models.CharField(max_length=40, help_text="referral, plan, professional, team, ...")
    external_id = models.CharField(max_length=64, help_text="SSD ids are at most 48 characters")
    group_id = models.CharField(max_length=48, blank=True)
    # No index of its own: the (content_type, object_id) index serves lookups by content_type.
    # No database constraint either, as the audit log's keys (ADR 0031): content types are
    # never deleted, and the object it names is a generic link without one.
    content_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    object_id = models.CharField(max_length=64)
    import_run = models.CharField(
        max_length=40, blank=True, help_text="The import that last loaded this row"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["system", "kind", "external_id"], name="external_id_once_per_system"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.system} {self.kind} {self.external_id}"
