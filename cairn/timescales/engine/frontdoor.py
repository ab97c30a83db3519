"""Front door and assessment rules: CONTACT_DECISION_1WD, ASSESSMENT_45WD,
ASSESSMENT_UPDATE_DUE (shared/domain/timescales.md)."""

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.utils import timezone

from cairn.casework.models import Assessment, SignificantEvent
from cairn.frontdoor.models import ContactChild
from cairn.timescales.engine.base import Alert, Context, Target, short_date

CONTACT_DECISION_WORKING_DAYS = 1  # Working Together 2023: a decision within one working day
ASSESSMENT_WORKING_DAYS = 45  # Working Together 2023: assessment within 45 WD of referral


def contact_decision(ctx: Context) -> list[Alert]:
    """CONTACT_DECISION_1WD: a contact received on or before D with no decision made by D is due
    a decision (threshold level and next step) by the next working day. The contact may be
    about a child with no open case, so closed-case exclusion does not apply here."""
    rows = (
        ContactChild.objects.filter(contact__received_at__lt=ctx.end_of_day)
        .filter(Q(decided_at__isnull=True) | Q(decided_at__gte=ctx.end_of_day))
        .filter(contact__removed_at__isnull=True)
        .filter(ctx.children_q("child_id"))
        .values_list(
            "pk", "child_id", "child__la_child_id", "contact__received_at", "contact__team_id"
        )
    )
    alerts = []
    for pk, child_id, la_child_id, received_at, team_id in rows:
        received = timezone.localdate(received_at)
        alert = ctx.deadline(
            "CONTACT_DECISION_1WD",
            due=ctx.add_working_days(received, CONTACT_DECISION_WORKING_DAYS),
            explanation=f"Contact received {short_date(received)} has no threshold decision; "
            "it {state} {due}.",
            target=Target("frontdoor.ContactChild", pk),
            child_id=child_id,
            team_id=team_id,
        )
        if alert:
            alert.la_child_id = la_child_id
            alerts.append(alert)
    return alerts


def assessment_45wd(ctx: Context) -> list[Alert]:
    """ASSESSMENT_45WD: an assessment of a referral (not an update of an earlier one) started on
    or before D and not authorised by D is due by the referral date + 45 working days."""
    rows = (
        Assessment.objects.filter(
            ctx.open_children_q(),
            started_on__lte=ctx.as_of,
            previous__isnull=True,
            episode__referral_date__lte=ctx.as_of,
        )
        .filter(Q(authorised_on__isnull=True) | Q(authorised_on__gt=ctx.as_of))
        .filter(ctx.open_episode_q("episode__"))
        .values_list("pk", "child_id", "started_on", "episode__referral_date")
    )
    alerts = []
    for pk, child_id, started, referred in rows:
        alert = ctx.deadline(
            "ASSESSMENT_45WD",
            due=ctx.add_working_days(referred, ASSESSMENT_WORKING_DAYS),
            explanation=f"Assessment started {short_date(started)} for referral of "
            f"{short_date(referred)} is not authorised; " + "it {state} {due}.",
            target=Target("casework.Assessment", pk),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts


def assessment_update(ctx: Context) -> list[Alert]:
    """ASSESSMENT_UPDATE_DUE: a significant event on or before D, after the latest assessment
    authorised by D, with no assessment started between the event and D, calls for an updated
    assessment to start within N working days of the event (local, default 10)."""
    latest_authorised = (
        Assessment.objects.filter(child_id=OuterRef("child_id"), authorised_on__lte=ctx.as_of)
        .order_by("-authorised_on")
        .values("authorised_on")[:1]
    )
    started_since = Assessment.objects.filter(
        child_id=OuterRef("child_id"),
        started_on__gte=OuterRef("occurred_on"),
        started_on__lte=ctx.as_of,
    )
    rows = (
        SignificantEvent.objects.filter(ctx.open_children_q(), occurred_on__lte=ctx.as_of)
        .annotate(latest_authorised=Subquery(latest_authorised))
        .filter(Q(occurred_on__gt=F("latest_authorised")), ~Exists(started_since))
        .values_list("pk", "child_id", "occurred_on", "type")
    )
    alerts = []
    for pk, child_id, occurred, _type in rows:
        days = ctx.values.team("ASSESSMENT_UPDATE_DUE", ctx.placement(child_id).team_id)
        alert = ctx.deadline(
            "ASSESSMENT_UPDATE_DUE",
            due=ctx.add_working_days(occurred, days),
            explanation=f"A significant event on {short_date(occurred)} came after the last "
            "authorised assessment and no updated assessment has started; it {state} {due}.",
            target=Target("casework.SignificantEvent", pk),
            child_id=child_id,
        )
        if alert:
            alerts.append(alert)
    return alerts
