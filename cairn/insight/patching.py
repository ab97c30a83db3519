"""Stored figures patched after a change, child by child (ADR 0029).

A change to the record touches a few children. For a measure whose figures add up over children
(``RowMeasure.incremental``), the figures after the change are the stored figures, less what the
touched children's stored rows made of them, plus what their rows make now. So instead of
recomputing the measure's 24 months for the whole council, ``patch_measure`` recomputes the rows
of those children only (``Context.children`` narrows every query), and adjusts the cells they
fall in by the difference of the two tallies.

Which children a change touched comes from the audit trail: every audit event since the stored
figures' data version, on a model the measure reads. The event's record names its child (a
``child`` field), or its children (a contact, meeting or proceedings about several children);
the event's subject and a changed ``child`` field add the child it belonged to before. When an
event cannot be traced to children (a bulk load, a model with no child), ``patch_measure``
says so and the caller recomputes the measure whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.apps import apps
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from cairn.core.models import AuditEvent
from cairn.insight.measures.base import Scope
from cairn.insight.measures.rows import MEAN, Context, Row, RowMeasure, Tally
from cairn.insight.models import MeasureFigure, MeasureRefresh, MeasureRow

# Above this many touched children, recomputing the measure whole is as quick.
MAX_CHILDREN = 2000

# Records about several children: the model listing them and its link to the record.
_CHILDREN_OF: dict[str, tuple[tuple[str, str], ...]] = {
    "frontdoor.contact": (("frontdoor.ContactChild", "contact_id"),),
    "casework.meeting": (
        ("casework.MeetingChild", "meeting_id"),
        ("protection.ConferenceDetail", "meeting_id"),
    ),
    "legal.preproceedings": (("legal.PreProceedingsChild", "pre_proceedings_id"),),
    "legal.careproceedings": (("legal.CareProceedingsChild", "proceedings_id"),),
}
# Records about one child where the child is not a field of the record itself.
_CHILD_PATH = {
    "edgeofcare.intervention": "referral__child_id",
    "quality.gradechange": "audit__child_id",
}
# Changes to these are not about a child: the accounts' team tree is read fresh on every
# computation and is not audited; anything else unknown makes the caller recompute whole.
_NOT_ABOUT_CHILDREN = {"accounts.team"}


class Untraceable(Exception):
    """A change since the stored figures cannot be traced to the children it touched."""


def touched_children(since: int, upto: int, labels: Iterable[str]) -> set[int]:
    """The children whose records on these models changed in audit events (since, upto]."""
    wanted = {label for label in labels if label not in _NOT_ABOUT_CHILDREN}
    if any(label.endswith(".*") for label in wanted):
        raise Untraceable("the measure reads whole apps")
    on_models = Q(pk__in=[])
    for label in wanted:
        app_label, model = label.split(".", 1)
        on_models |= Q(content_type__app_label=app_label, content_type__model=model)
    events = AuditEvent.objects.filter(on_models, pk__gt=since, pk__lte=upto)
    ids: dict[str, set[str]] = defaultdict(set)
    children: set[int] = set()
    for app_label, model, object_id, person_id, changes in events.values_list(
        "content_type__app_label", "content_type__model", "object_id", "person_id", "changes"
    ):
        label = f"{app_label}.{model}"
        if object_id == "*":
            raise Untraceable(f"a bulk load of {label}")
        ids[label].add(object_id)
        if person_id is not None:
            children.add(person_id)
        before_after = (changes or {}).get("child") or []
        children.update(v for v in before_after if isinstance(v, int))
        if len(children) > MAX_CHILDREN:
            raise Untraceable("too many children")
    for label, object_ids in ids.items():
        children |= _children_of_records(label, object_ids)
    if len(children) > MAX_CHILDREN:
        raise Untraceable("too many children")
    return children


def _children_of_records(label: str, object_ids: set[str]) -> set[int]:
    pks = [int(i) for i in object_ids if i.isdigit()]
    if label in _CHILDREN_OF:
        found: set[int] = set()
        for model_label, link in _CHILDREN_OF[label]:
            model = apps.get_model(model_label)
            found.update(
                model._base_manager.filter(**{f"{link}__in": pks}).values_list(
                    "child_id", flat=True
                )
            )
        return found
    model = apps.get_model(label)
    path = _CHILD_PATH.get(label)
    if path is None:
        if not any(f.name == "child" for f in model._meta.get_fields()):
            raise Untraceable(f"{label} records are not about one child")
        path = "child_id"
    return set(model._base_manager.filter(pk__in=pks).values_list(path, flat=True))


def patch_measure(
    measure: RowMeasure, *, months: list[date], scopes: list[Scope], as_of: date, upto: int
) -> bool:
    """Bring the measure's stored figures up to audit event ``upto`` by recomputing the rows of
    the children touched since their data version. False (nothing written) when the changes
    cannot be traced to children or a cell is missing: the caller recomputes whole."""
    with transaction.atomic():
        # One patcher at a time per measure: two would each add the same difference.
        refresh = MeasureRefresh.objects.select_for_update().get(measure_key=measure.key)
        if refresh.data_version >= upto:
            return True  # another reader brought it up to date meanwhile
        try:
            children = touched_children(refresh.data_version, upto, measure.source_labels())
        except Untraceable:
            return False
        if children:
            ctx = Context(as_of)
            ctx.children = frozenset(children)
            if not _apply(measure, ctx, months, scopes, upto):
                transaction.set_rollback(True)
                return False
        refresh.data_version = upto
        refresh.computed_at = timezone.now()
        refresh.save(update_fields=["data_version", "computed_at"])
    return True


def _apply(measure: RowMeasure, ctx: Context, months, scopes, upto: int) -> bool:
    # Every measure narrows its queries to ctx.children; keeping only their rows here as well
    # means a measure that forgot to narrow is slow, never wrong.
    new_rows = [r for r in measure.rows(months, ctx) if r.child_id in ctx.children]
    stored = MeasureRow.objects.filter(measure_key=measure.key, child_id__in=ctx.children)
    old_rows = [
        Row(month, child_id, team_id, flag, amount, worker_id)
        for month, child_id, team_id, flag, amount, worker_id in stored.values_list(
            "month", "child_id", "team_id", "flag", "amount", "worker_id"
        )
    ]
    before = measure.tallies(old_rows, scopes, ctx.tree)
    after = measure.tallies(new_rows, scopes, ctx.tree)
    deltas = {
        cell: after.get(cell, Tally()) - before.get(cell, Tally())
        for cell in set(before) | set(after)
    }
    deltas = {cell: d for cell, d in deltas.items() if d != Tally()}
    cells = _stored_cells(measure, {month for month, _ in deltas})
    now = timezone.now()
    changed = []
    for cell, delta in deltas.items():
        figure_row = cells.get(cell)
        if figure_row is None:
            return False  # a team added since the figures were stored
        tally = measure.stored_tally(figure_row.numerator, figure_row.denominator, figure_row.total)
        figure = measure.figure(tally + delta, cell[1])
        figure_row.value = figure.value
        figure_row.numerator = figure.numerator
        figure_row.denominator = figure.denominator
        figure_row.total = (tally + delta).total if measure.kind == MEAN else None
        figure_row.computed_at = now
        figure_row.data_version = upto
        changed.append(figure_row)
    MeasureFigure.objects.bulk_update(
        changed,
        ["value", "numerator", "denominator", "total", "computed_at", "data_version"],
        batch_size=500,
    )
    stored.delete()
    MeasureRow.objects.bulk_create(row_records(measure.key, new_rows), batch_size=2000)
    return True


def _stored_cells(
    measure: RowMeasure, months: set[date]
) -> dict[tuple[date, Scope], MeasureFigure]:
    return {
        (f.month, Scope(f.scope_kind, f.team_id)): f
        for f in MeasureFigure.objects.filter(measure_key=measure.key, month__in=months)
    }


def row_records(key: str, rows: Iterable[Row]) -> list[MeasureRow]:
    return [
        MeasureRow(
            measure_key=key,
            month=r.month,
            child_id=r.child_id,
            team_id=r.team_id,
            flag=r.flag,
            amount=r.amount,
            worker_id=r.worker_id,
        )
        for r in rows
    ]
