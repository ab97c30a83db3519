"""Shape plans for templates: the plan page, the printable plan for the family, the summary on
the child's page. Everything here reads prefetched data (casework.selectors.plans.plan_get)."""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils import timezone

from cairn.casework.models import (
    ActionStatus,
    Contingency,
    FgcStatus,
    MakingDifference,
    MeasureSource,
    Outcome,
    OutcomeRating,
    Plan,
    PlanStatus,
    PlanVersion,
)
from cairn.casework.selectors.plans import (
    contingency_missing_parts,
    outcome_lineage,
    plan_current_version,
    plan_draft_version,
    plan_latest_version,
    plan_needs_management_attention,
    plan_reviews,
)
from cairn.people.presenters import format_date

STATUS_COLOUR = {
    PlanStatus.DRAFT: "grey",
    PlanStatus.ACTIVE: "green",
    PlanStatus.ENDED: "blue",
}
ACTION_COLOUR = {
    ActionStatus.NOT_STARTED: "grey",
    ActionStatus.IN_PROGRESS: "blue",
    ActionStatus.DONE: "green",
    ActionStatus.NOT_DONE: "red",
}
DIFFERENCE_COLOUR = {
    MakingDifference.YES: "green",
    MakingDifference.PARTLY: "yellow",
    MakingDifference.NO: "red",
}


@dataclass(frozen=True)
class Tag:
    text: str
    colour: str

    @property
    def css(self) -> str:
        return f"govuk-tag govuk-tag--{self.colour}"


def contingency_of(version: PlanVersion | None) -> Contingency | None:
    if version is None:
        return None
    try:
        return version.contingency
    except Contingency.DoesNotExist:
        return None


def contingency_tag(contingency: Contingency | None) -> Tag:
    missing = contingency_missing_parts(contingency)
    if not missing:
        return Tag("Complete", "green")
    return Tag("Missing: " + ", ".join(missing), "red")


def measure_text(outcome: Outcome) -> str:
    if outcome.measure_source == MeasureSource.INDICATOR:
        return f"Observable indicator: {outcome.indicator}"
    if outcome.measure_source:
        return outcome.get_measure_source_display()
    return "No measure of impact yet"


def rating_text(outcome: Outcome, rating: OutcomeRating) -> str:
    if outcome.measure_source == MeasureSource.INDICATOR or rating.score is None:
        met = {True: "indicator met", False: "indicator not met"}.get(rating.indicator_met, "")
        return f"{format_date(rating.rated_on)}: {met or 'not rated'}"
    return f"{format_date(rating.rated_on)}: {rating.score} out of 10"


@dataclass(frozen=True)
class OutcomeRow:
    number: int
    text: str
    measure: str
    baseline: str
    ratings: list[str]
    edit_url: str
    remove_url: str


def _outcome_rows(version: PlanVersion, lineage: dict, editable: bool) -> list[OutcomeRow]:
    rows = []
    for number, outcome in enumerate(version.outcomes.all(), start=1):
        ratings = [
            rating_text(earlier, r)
            for earlier in lineage.get(outcome.pk, [outcome])
            for r in earlier.ratings.all()
        ]
        rows.append(
            OutcomeRow(
                number=number,
                text=outcome.text,
                measure=measure_text(outcome),
                baseline=(
                    f"{outcome.baseline} out of 10"
                    if outcome.baseline is not None
                    else ("Not applicable" if outcome.measure_source == "indicator" else "None")
                ),
                ratings=ratings,
                edit_url=reverse("casework:outcome_edit", args=[outcome.pk]) if editable else "",
                remove_url=(
                    reverse("casework:outcome_remove", args=[outcome.pk]) if editable else ""
                ),
            )
        )
    return rows


@dataclass(frozen=True)
class ActionRow:
    what: str
    who: str
    due: str
    status: Tag
    edit_url: str


def action_who(action) -> str:
    return action.who_person.full_name if action.who_person_id else action.who_agency


def _action_rows(version: PlanVersion, editable: bool, in_force: bool) -> list[ActionRow]:
    return [
        ActionRow(
            what=a.what,
            who=action_who(a),
            due=format_date(a.due_on),
            status=Tag(a.get_status_display(), ACTION_COLOUR.get(a.status, "grey")),
            edit_url=reverse("casework:action_edit", args=[a.pk]) if editable or in_force else "",
        )
        for a in version.actions.all()
    ]


def fgc_text(contingency: Contingency | None) -> str:
    if contingency is None:
        return "Not recorded"
    label = contingency.get_fgc_status_display()
    if contingency.fgc_status == FgcStatus.HELD and contingency.fgc_on:
        return f"{label} on {format_date(contingency.fgc_on)}"
    if contingency.fgc_reason:
        return f"{label}: {contingency.fgc_reason}"
    return label


def _contingency_rows(contingency: Contingency | None) -> list[tuple[str, str]]:
    c = contingency
    return [
        ("What would show the plan is not working", (c.triggers if c else "") or "Not recorded"),
        ("What will then happen", (c.response if c else "") or "Not recorded"),
        ("Who acts", (c.who_acts if c else "") or "Not recorded"),
        ("Family group conference", fgc_text(c)),
    ]


@dataclass(frozen=True)
class NetworkRow:
    name: str
    url: str
    how_considered: str


def _network_rows(contingency: Contingency | None) -> list[NetworkRow]:
    if contingency is None:
        return []
    return [
        NetworkRow(
            name=m.person.full_name,
            url=reverse("people:person_detail", args=[m.person_id]),
            how_considered=m.how_considered,
        )
        for m in contingency.network.all()
    ]


@dataclass(frozen=True)
class VersionRow:
    number: int
    made: str
    review_url: str
    authorised: str
    status: Tag


def _version_rows(plan: Plan) -> list[VersionRow]:
    current = plan_current_version(plan)
    rows = []
    for v in reversed(list(plan.versions.all())):
        if v.authorised_on is None:
            status = Tag("Draft", "grey")
        elif current is not None and v.pk == current.pk:
            status = Tag("In force", "green")
        else:
            status = Tag("Replaced", "blue")
        rows.append(
            VersionRow(
                number=v.number,
                made=format_date(v.made_on),
                review_url=reverse("casework:review_detail", args=[v.meeting_id])
                if v.meeting_id
                else "",
                authorised=(
                    f"{format_date(v.authorised_on)} by {v.authorised_by.get_full_name()}"
                    if v.authorised_on
                    else "Not authorised"
                ),
                status=status,
            )
        )
    return rows


@dataclass(frozen=True)
class ReviewRow:
    url: str
    held: str
    chair: str
    making_difference: Tag
    decision: str


def review_rows(plan: Plan) -> list[ReviewRow]:
    return [
        ReviewRow(
            url=reverse("casework:review_detail", args=[m.pk]),
            held=format_date(timezone.localdate(m.held_at)),
            chair=m.chair.get_full_name() if m.chair_id else "Not recorded",
            making_difference=Tag(
                m.get_making_difference_display() or "Not recorded",
                DIFFERENCE_COLOUR.get(m.making_difference, "grey"),
            ),
            decision=m.get_decision_display() or "Not recorded",
        )
        for m in plan_reviews(plan)
    ]


@dataclass
class PlanPage:
    plan: Plan
    title: str
    status: Tag
    summary_rows: list[tuple[str, str]]
    version: PlanVersion | None
    version_heading: str
    version_note: str
    editable: bool
    needs_attention: bool
    outcomes: list[OutcomeRow]
    actions: list[ActionRow]
    contingency: Tag
    contingency_rows: list[tuple[str, str]]
    network: list[NetworkRow]
    versions: list[VersionRow]
    reviews: list[ReviewRow]
    links: dict[str, str] = field(default_factory=dict)


def _version_note(shown: PlanVersion | None, current: PlanVersion | None) -> str:
    if shown is None:
        return ""
    if shown.authorised_on is None and current is not None:
        made_at = f" at the review on {format_date(shown.made_on)}" if shown.meeting_id else ""
        return (
            f"Version {shown.number} was made{made_at} and is a draft. Version {current.number} "
            "stays in force until a manager authorises it."
        )
    if shown.authorised_on is None:
        return "This plan is a draft. It starts when a manager authorises it."
    return ""


def _summary_rows(plan: Plan, current: PlanVersion | None) -> list[tuple[str, str]]:
    reviews = plan_reviews(plan)
    rows = [
        ("Child", plan.child.full_name),
        ("Started", format_date(plan.started_on) if plan.started_on else "Not started"),
        ("Version in force", f"Version {current.number}" if current else "None authorised yet"),
        (
            "Last review",
            format_date(timezone.localdate(reviews[0].held_at)) if reviews else "No reviews yet",
        ),
    ]
    if plan.ended_on:
        rows.append(("Ended", f"{format_date(plan.ended_on)}: {plan.end_reason}"))
    return rows


def plan_page(plan: Plan) -> PlanPage:
    """The plan page: the draft being written if there is one, else the version in force."""
    current = plan_current_version(plan)
    draft = plan_draft_version(plan)
    shown = draft or current or plan_latest_version(plan)
    editable = draft is not None and plan.status != PlanStatus.ENDED
    in_force = shown is not None and shown is current and plan.status == PlanStatus.ACTIVE
    lineage = outcome_lineage(plan)
    contingency = contingency_of(shown)
    links = {
        "print": reverse("casework:plan_print", args=[plan.pk]),
        "child": reverse("casework:child_detail", args=[plan.child_id]),
    }
    if plan.status == PlanStatus.ACTIVE:
        links["review"] = reverse("casework:review_step", args=[plan.pk, "details"])
    if editable:
        for name in ("outcome_add", "action_add", "contingency_edit", "network_add"):
            links[name] = reverse(f"casework:{name}", args=[shown.pk])
        links["authorise"] = reverse("casework:plan_authorise", args=[shown.pk])
    return PlanPage(
        plan=plan,
        title=plan.get_kind_display(),
        status=Tag(plan.get_status_display(), STATUS_COLOUR.get(plan.status, "grey")),
        summary_rows=_summary_rows(plan, current),
        version=shown,
        version_heading=(
            f"Version {shown.number}" + (" (draft)" if shown.authorised_on is None else "")
            if shown
            else "No version"
        ),
        version_note=_version_note(shown, current),
        editable=editable,
        needs_attention=plan_needs_management_attention(plan),
        outcomes=_outcome_rows(shown, lineage, editable) if shown else [],
        actions=_action_rows(shown, editable, in_force) if shown else [],
        contingency=contingency_tag(contingency),
        contingency_rows=_contingency_rows(contingency),
        network=_network_rows(contingency),
        versions=_version_rows(plan),
        reviews=review_rows(plan),
        links=links,
    )


@dataclass(frozen=True)
class PlanSummary:
    """The open plan on the child's page."""

    url: str
    title: str
    status: Tag
    version: str
    outcomes: int
    contingency: Tag
    last_review: str
    needs_attention: bool


def plan_summary(plan: Plan) -> PlanSummary:
    """A short summary of a plan from `plan_get_current` (uses its prefetched data)."""
    current = plan_current_version(plan)
    shown = current or plan_latest_version(plan)
    reviews = plan_reviews(plan)
    if current is not None:
        version = f"Version {current.number}, authorised {format_date(current.authorised_on)}"
    elif shown is not None:
        version = f"Version {shown.number}: draft, awaiting authorisation"
    else:
        version = "No version"
    return PlanSummary(
        url=reverse("casework:plan_detail", args=[plan.pk]),
        title=plan.get_kind_display(),
        status=Tag(plan.get_status_display(), STATUS_COLOUR.get(plan.status, "grey")),
        version=version,
        outcomes=len(shown.outcomes.all()) if shown else 0,
        contingency=contingency_tag(contingency_of(shown)),
        last_review=format_date(timezone.localdate(reviews[0].held_at))
        if reviews
        else "No reviews yet",
        needs_attention=plan_needs_management_attention(plan),
    )


# --- the printable plan for the family, in plain language -----------------------------------


@dataclass(frozen=True)
class FamilyOutcome:
    text: str
    how_we_will_know: str


def _how_we_will_know(outcome: Outcome, child_name: str) -> str:
    who = {
        MeasureSource.CHILD: f"{child_name} will tell us how things are, from 0 to 10",
        MeasureSource.PARENT: "Your family will tell us how things are, from 0 to 10",
        MeasureSource.WORKER: "Your social worker will say how things are, from 0 to 10",
    }
    if outcome.measure_source == MeasureSource.INDICATOR:
        return f"We will know it is working when: {outcome.indicator}"
    if outcome.measure_source in who:
        start = (
            f" When we started it was {outcome.baseline}." if outcome.baseline is not None else ""
        )
        return f"{who[outcome.measure_source]}.{start}"
    return "We will agree how we will know it is working."


@dataclass
class FamilyPlan:
    child_name: str
    title: str
    version_text: str
    outcomes: list[FamilyOutcome]
    actions: list[ActionRow]
    triggers: str
    response: str
    who_acts: str
    network: list[NetworkRow]
    fgc: str
    back_url: str


def family_plan(plan: Plan) -> FamilyPlan:
    """The plan as the family reads it: the version in force (or the draft, marked as one)."""
    current = plan_current_version(plan)
    version = current or plan_latest_version(plan)
    contingency = contingency_of(version)
    name = plan.child.known_as or plan.child.given_name or plan.child.full_name
    if version is None:
        version_text = "This plan has no content yet."
    elif version.authorised_on:
        version_text = f"Version {version.number}, agreed on {format_date(version.authorised_on)}"
    else:
        version_text = f"Version {version.number}: a draft, not yet agreed"
    return FamilyPlan(
        child_name=name,
        title=f"{name}'s plan",
        version_text=version_text,
        outcomes=[
            FamilyOutcome(text=o.text, how_we_will_know=_how_we_will_know(o, name))
            for o in (version.outcomes.all() if version else [])
        ],
        actions=_action_rows(version, False, False) if version else [],
        triggers=(contingency.triggers if contingency else "") or "Not agreed yet",
        response=(contingency.response if contingency else "") or "Not agreed yet",
        who_acts=(contingency.who_acts if contingency else "") or "Not agreed yet",
        network=_network_rows(contingency),
        fgc=fgc_text(contingency),
        back_url=reverse("casework:plan_detail", args=[plan.pk]),
    )


@dataclass(frozen=True)
class TheirChanges:
    """What someone else saved while this user was editing (a refused concurrent edit)."""

    who: str
    when: str
    rows: list[dict]


def their_changes(form, instance) -> TheirChanges:
    """The saved values of the fields on the form the user was editing, with who saved them."""
    rows = []
    for name, form_field in form.fields.items():
        if not hasattr(instance, name):
            continue
        display = getattr(instance, f"get_{name}_display", None)
        value = display() if display else getattr(instance, name)
        if isinstance(value, dt.date):
            value = format_date(value)
        rows.append({"key": form_field.label or name, "value": value or "Not given"})
    who = instance.updated_by.get_full_name() if instance.updated_by_id else "Someone else"
    when = timezone.localtime(instance.updated_at).strftime("%-d %B %Y at %H:%M")
    return TheirChanges(who=who, when=when, rows=rows)
