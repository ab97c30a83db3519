"""Journey rows for a chunk of households, and a fast writer for them.

There are millions of these rows in the large council, so they are not model instances: a `Rec`
holds a row's values as attributes (foreign keys as the related objects, as on a model) with an id
assigned up front, and `TableWriter` sends whole chunks to the database with COPY (PostgreSQL) or
executemany (SQLite), as a bulk import would. Saved people, staff and teams are referred to by
their instances, whose ids are known by the time a chunk is written.
"""

from dataclasses import dataclass, field, fields
from typing import Any

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from cairn.casework.models import (
    Action,
    Assessment,
    AssessmentFactor,
    AssessmentIdentity,
    AssessmentStatusChange,
    AssessmentView,
    Attendance,
    CaseNote,
    CaseNoteAppendment,
    Contingency,
    ContingencyNetworkMember,
    Meeting,
    MeetingAction,
    MeetingChild,
    Outcome,
    OutcomeRating,
    Plan,
    PlanVersion,
    SignificantEvent,
    Visit,
)
from cairn.demo.context import SeedContext
from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import Contact, ContactChild, Episode, LevelTransition
from cairn.protection.models import (
    ConferenceDetail,
    CoreGroupMember,
    CPCategory,
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    S47Enquiry,
    StrategyDiscussion,
)
from cairn.workforce.models import Allocation


class Rec:
    """One unsaved row of `model`, with its id already chosen."""

    def __init__(self, model: type[models.Model], id: int, **values: Any):
        self.__dict__.update(values)
        self._model = model
        self.id = id

    @property
    def pk(self) -> int:
        return self.id


class Ids:
    """Ids handed out in order, per model, from the largest already in the table."""

    def __init__(self, actor_id: int):
        self.actor_id = actor_id
        self.next: dict[type[models.Model], int] = {}

    def rec(self, model: type[models.Model], **values: Any) -> Rec:
        if model not in self.next:
            latest = model._base_manager.aggregate(models.Max("id"))["id__max"]
            self.next[model] = (latest or 0) + 1
        row_id = self.next[model]
        self.next[model] = row_id + 1
        return Rec(model, row_id, **values)

    def reset_sequences(self) -> None:
        """After inserting with explicit ids, PostgreSQL's sequences must be moved on."""
        statements = connection.ops.sequence_reset_sql(no_style(), list(self.next))
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@dataclass
class JourneyRows:
    """One list per model; the field order is the order they are written in."""

    contacts: list[Contact] = field(default_factory=list)
    contact_children: list[ContactChild] = field(default_factory=list)
    episodes: list[Episode] = field(default_factory=list)
    allocations: list[Allocation] = field(default_factory=list)
    events: list[SignificantEvent] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    identity: list[AssessmentIdentity] = field(default_factory=list)
    views: list[AssessmentView] = field(default_factory=list)
    factors: list[AssessmentFactor] = field(default_factory=list)
    status_changes: list[AssessmentStatusChange] = field(default_factory=list)
    plans: list[Plan] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    versions: list[PlanVersion] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    contingencies: list[Contingency] = field(default_factory=list)
    network: list[ContingencyNetworkMember] = field(default_factory=list)
    ratings: list[OutcomeRating] = field(default_factory=list)
    meeting_children: list[MeetingChild] = field(default_factory=list)
    attendance: list[Attendance] = field(default_factory=list)
    early_help: list[EarlyHelpEpisode] = field(default_factory=list)
    transitions: list[LevelTransition] = field(default_factory=list)
    visits: list[Visit] = field(default_factory=list)
    notes: list[CaseNote] = field(default_factory=list)
    appendments: list[CaseNoteAppendment] = field(default_factory=list)
    # Child protection (issue 4, item 10: journeys/protection/)
    strategy_discussions: list[StrategyDiscussion] = field(default_factory=list)
    meeting_actions: list[MeetingAction] = field(default_factory=list)
    s47s: list[S47Enquiry] = field(default_factory=list)
    conferences: list[ConferenceDetail] = field(default_factory=list)
    categories: list[CPCategory] = field(default_factory=list)
    core_group_members: list[CoreGroupMember] = field(default_factory=list)
    midpoint_reviews: list[MidpointReview] = field(default_factory=list)
    practice_alerts: list[PracticeAlert] = field(default_factory=list)
    alert_stages: list[PracticeAlertStage] = field(default_factory=list)

    def write(self, ctx: SeedContext) -> None:
        for f in fields(self):
            rows = getattr(self, f.name)
            if rows:
                model = rows[0]._model
                TableWriter.for_model(model, ctx.actor.pk).write(rows)
                ctx.writer.counts[model] += len(rows)


class TableWriter:
    """Turns `Rec`s into database rows for one table and inserts them in one go."""

    _cache: dict[tuple[type[models.Model], int], "TableWriter"] = {}

    @classmethod
    def for_model(cls, model: type[models.Model], actor_id: int) -> "TableWriter":
        key = (model, actor_id)
        if key not in cls._cache:
            cls._cache[key] = cls(model, actor_id)
        return cls._cache[key]

    def __init__(self, model: type[models.Model], actor_id: int):
        self.model = model
        self.fields = list(model._meta.concrete_fields)
        now = timezone.now()
        # Per column: the attribute to read, its default, whether it is a foreign key, and how
        # to adapt a date or time for the database (SQLite stores them as text, in UTC).
        self.plan: list[tuple[str, Any, bool, Any]] = []
        for f in self.fields:
            if f.name in ("created_by", "updated_by"):
                default = actor_id
            elif f.name in ("created_at", "updated_at"):
                default = now
            else:
                default = None if f.primary_key else f.get_default()
            self.plan.append((f.name, default, f.is_relation, _adapter(f)))
        self.table = connection.ops.quote_name(model._meta.db_table)
        self.columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)

    def values(self, rec: Rec) -> tuple:
        row = []
        given = rec.__dict__
        for name, default, is_relation, adapt in self.plan:
            value = given.get(name, default)
            if value is not None:
                if is_relation and not isinstance(value, int):
                    value = value.pk
                elif adapt is not None:
                    value = adapt(value)
            row.append(value)
        return tuple(row)

    def write(self, rows: list[Rec]) -> None:
        data = [self.values(rec) for rec in rows]
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                sql = f"COPY {self.table} ({self.columns}) FROM STDIN"
                with cursor.cursor.copy(sql) as copy:
                    for row in data:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.fields))
                # Names from the model's metadata, quoted; the values go as parameters.
                sql = f"INSERT INTO {self.table} ({self.columns}) VALUES ({marks})"  # noqa: S608
                cursor.executemany(sql, data)


def _adapter(f: models.Field):
    """PostgreSQL takes dates and times as they are; SQLite wants Django's text forms."""
    if connection.vendor == "postgresql":
        return None
    if isinstance(f, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    if isinstance(f, models.DateField):
        return connection.ops.adapt_datefield_value
    return None
