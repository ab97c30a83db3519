"""Legal rules: PLO_DURATION and PROCEEDINGS_26W (shared/domain/timescales.md). One query each
for the council, whatever the number of children.

The deadline arithmetic is the legal trackers' (cairn.legal.selectors.trackers: plo_deadline,
proceedings_deadline), so the trackers and the engine give the same dates:
- PLO_DURATION (local, default 16 weeks): pre-proceedings open on D (decided on or before D, no
  step decision to end them by D) are due an outcome by the clock start (the letter before
  proceedings when sent by D, else the decision) + N weeks + the extensions agreed by D.
- PROCEEDINGS_26W (statutory): care proceedings issued by D and not concluded by D are due to
  conclude by the issue date + 26 weeks + the extensions the court granted by D.

Each child in the period or proceedings has their own alert (the subject is the child).
"""

from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from cairn.legal.models import (
    CareProceedingsChild,
    PreProceedingsChild,
    PreProceedingsExtension,
    ProceedingsExtension,
)
from cairn.legal.selectors.trackers import (
    PROCEEDINGS_WEEKS,
    plo_clock_start,
    plo_deadline,
    proceedings_deadline,
)
from cairn.timescales.engine.base import Alert, Context, Target, short_date


def _weeks_granted(ctx: Context, model, fk: str, outer: str, dated: str) -> Coalesce:
    """The weeks of extension agreed on or before D (0 when none)."""
    rows = (
        model.objects.filter(**{fk: OuterRef(outer), f"{dated}__lte": ctx.as_of})
        .order_by()
        .values(fk)
        .annotate(total=Sum("weeks"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _extended(weeks: int) -> str:
    return f" and {weeks} weeks of extension" if weeks else ""


def pre_proceedings(ctx: Context) -> list[Alert]:
    """PLO_DURATION: pre-proceedings with no outcome N weeks (+ extensions) after the letter."""
    running = Q(pre_proceedings__outcome="") | Q(pre_proceedings__step_decided_on__gt=ctx.as_of)
    rows = (
        PreProceedingsChild.objects.filter(
            ctx.open_children_q(),
            running,
            pre_proceedings__removed_at__isnull=True,
            pre_proceedings__decided_on__lte=ctx.as_of,
        )
        .annotate(
            extension_weeks=_weeks_granted(
                ctx,
                PreProceedingsExtension,
                "pre_proceedings_id",
                "pre_proceedings_id",
                "decided_on",
            )
        )
        .values_list(
            "pre_proceedings_id",
            "child_id",
            "pre_proceedings__decided_on",
            "pre_proceedings__letter_sent_on",
            "extension_weeks",
        )
    )
    alerts = []
    for pp_id, child_id, decided, letter, extension_weeks in rows:
        letter = letter if letter and letter <= ctx.as_of else None
        limit = ctx.values.team("PLO_DURATION", ctx.placement(child_id).team_id)
        start = plo_clock_start(decided_on=decided, letter_sent_on=letter)
        since = (
            f"the letter before proceedings of {short_date(start)}"
            if letter
            else f"the decision of {short_date(start)} (no letter sent yet)"
        )
        alert = ctx.deadline(
            "PLO_DURATION",
            due=plo_deadline(
                decided_on=decided,
                letter_sent_on=letter,
                extension_weeks=extension_weeks,
                limit_weeks=limit,
            ),
            explanation=f"Pre-proceedings from {since} have no outcome; the limit of {limit} "
            f"weeks{_extended(extension_weeks)} " + "{state} {due}.",
            target=Target("legal.PreProceedings", pp_id),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts


def care_proceedings(ctx: Context) -> list[Alert]:
    """PROCEEDINGS_26W: care proceedings not concluded 26 weeks (+ extensions) after issue."""
    concluding = Q(proceedings__concluded_on__isnull=True) | Q(
        proceedings__concluded_on__gt=ctx.as_of
    )
    rows = (
        CareProceedingsChild.objects.filter(
            ctx.open_children_q(),
            concluding,
            proceedings__removed_at__isnull=True,
            proceedings__issued_on__lte=ctx.as_of,
        )
        .annotate(
            extension_weeks=_weeks_granted(
                ctx, ProceedingsExtension, "proceedings_id", "proceedings_id", "granted_on"
            )
        )
        .values_list(
            "proceedings_id",
            "child_id",
            "proceedings__issued_on",
            "proceedings__case_number",
            "extension_weeks",
        )
    )
    alerts = []
    for proceedings_id, child_id, issued, case_number, extension_weeks in rows:
        alert = ctx.deadline(
            "PROCEEDINGS_26W",
            due=proceedings_deadline(issued_on=issued, extension_weeks=extension_weeks),
            explanation=f"Care proceedings {case_number} issued {short_date(issued)} are not "
            f"concluded; {PROCEEDINGS_WEEKS} weeks{_extended(extension_weeks)} " + "{state} {due}.",
            target=Target("legal.CareProceedings", proceedings_id),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts
