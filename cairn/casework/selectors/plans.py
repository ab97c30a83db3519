"""Reads of plans: the plan with its versions, the current version, the contingency's missing
parts, the family network to consider, and the management-attention flag.

Pages check `casework.view_record` on the plan's child before showing what these return.
"""

from django.db.models import Prefetch, Q, QuerySet

from cairn.accounts.models import User
from cairn.accounts.roles import RECORD_WRITERS, Role
from cairn.casework.models import (
    Action,
    Assessment,
    AssessmentOutcome,
    AssessmentStatus,
    Contingency,
    ContingencyNetworkMember,
    MakingDifference,
    Meeting,
    MeetingKind,
    Outcome,
    OutcomeRating,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.people.models import Person, Relationship

# The parts of a contingency arrangement, in the words the pages and messages use.
CONTINGENCY_TEXT_PARTS = (
    ("triggers", "what would show the plan is not working"),
    ("response", "what will then happen"),
    ("who_acts", "who acts"),
)
NETWORK_PART = "family network considered"
ALL_CONTINGENCY_PARTS = [label for _, label in CONTINGENCY_TEXT_PARTS] + [NETWORK_PART]

OPEN_STATUSES = (PlanStatus.DRAFT, PlanStatus.ACTIVE)


def contingency_missing_parts(contingency: Contingency | None) -> list[str]:
    """The parts of a contingency arrangement still missing, in plain words (empty = complete).

    Complete means: what would show the plan is not working (triggers), what will then happen,
    who acts, and at least one member of the family network considered (glossary: contingency
    plan; timescales.md PLAN_NO_CONTINGENCY).
    """
    if contingency is None:
        return list(ALL_CONTINGENCY_PARTS)
    missing = [
        label for field, label in CONTINGENCY_TEXT_PARTS if not getattr(contingency, field).strip()
    ]
    if not list(contingency.network.all()):
        missing.append(NETWORK_PART)
    return missing


def _ratings() -> QuerySet[OutcomeRating]:
    return OutcomeRating.objects.select_related("meeting").order_by("rated_on", "id")


def _versions() -> QuerySet[PlanVersion]:
    network = ContingencyNetworkMember.objects.select_related("person").order_by("id")
    return (
        PlanVersion.objects.select_related("authorised_by", "meeting", "contingency")
        .prefetch_related(
            Prefetch(
                "outcomes",
                queryset=Outcome.objects.prefetch_related(Prefetch("ratings", queryset=_ratings())),
            ),
            Prefetch("actions", queryset=Action.objects.select_related("who_person")),
            Prefetch("contingency__network", queryset=network),
        )
        .order_by("number")
    )


def _reviews() -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(kind=MeetingKind.CIN_REVIEW)
        .select_related("chair")
        .order_by("-held_at", "-id")
    )


def _plans() -> QuerySet[Plan]:
    return Plan.objects.select_related("child", "episode", "carried_from").prefetch_related(
        Prefetch("versions", queryset=_versions()), Prefetch("meetings", queryset=_reviews())
    )


def plan_get(*, pk: int) -> Plan | None:
    """A plan with every version's outcomes, ratings, actions, contingency and network, and its
    reviews, in a fixed number of queries whatever its length."""
    return _plans().filter(pk=pk).first()


def plan_get_current(*, child: Person, kind: str = PlanKind.CIN) -> Plan | None:
    """The child's open plan of `kind` (draft or active) with its versions prefetched; use
    `plan_current_version(plan)` for the version in force."""
    return _plans().filter(child=child, kind=kind, status__in=OPEN_STATUSES).first()


def plan_list_for_child(*, child: Person) -> QuerySet[Plan]:
    return Plan.objects.filter(child=child).order_by("-created_at")


def plan_current_version(plan: Plan) -> PlanVersion | None:
    """The version in force: the latest authorised one (None before the first authorisation)."""
    authorised = [v for v in plan.versions.all() if v.authorised_on is not None]
    return authorised[-1] if authorised else None


def plan_latest_version(plan: Plan) -> PlanVersion | None:
    """The newest version, authorised or not (the draft being worked on, if there is one)."""
    versions = list(plan.versions.all())
    return versions[-1] if versions else None


def plan_draft_version(plan: Plan) -> PlanVersion | None:
    """The version awaiting authorisation, if the newest one is not yet authorised."""
    latest = plan_latest_version(plan)
    return latest if latest is not None and latest.authorised_on is None else None


def plan_reviews(plan: Plan) -> list[Meeting]:
    """The plan's CIN reviews, newest first."""
    reviews = [m for m in plan.meetings.all() if m.kind == MeetingKind.CIN_REVIEW]
    return sorted(reviews, key=lambda m: (m.held_at, m.pk), reverse=True)


def plan_needs_management_attention(plan: Plan) -> bool:
    """True when the last two CIN reviews both found the plan is not making a difference
    (issue 3: two reviews in a row answering "no" flag the child for management attention)."""
    last_two = plan_reviews(plan)[:2]
    return len(last_two) == 2 and all(m.making_difference == MakingDifference.NO for m in last_two)


def outcome_lineage(plan: Plan) -> dict[int, list[Outcome]]:
    """For each outcome of the plan, the same outcome in earlier versions (oldest first), so a
    page can show its ratings over time. Uses the plan's prefetched versions."""
    by_id = {o.pk: o for v in plan.versions.all() for o in v.outcomes.all()}
    lineage = {}
    for outcome in by_id.values():
        chain, current = [], outcome
        while current is not None:
            chain.append(current)
            current = by_id.get(current.previous_id) if current.previous_id else None
        lineage[outcome.pk] = list(reversed(chain))
    return lineage


def plan_version_get(*, pk: int) -> PlanVersion | None:
    return (
        PlanVersion.objects.select_related("plan__child", "plan__episode", "contingency")
        .prefetch_related(
            "outcomes",
            Prefetch("actions", queryset=Action.objects.select_related("who_person")),
            Prefetch(
                "contingency__network",
                queryset=ContingencyNetworkMember.objects.select_related("person"),
            ),
        )
        .filter(pk=pk)
        .first()
    )


def outcome_get(*, pk: int) -> Outcome | None:
    return Outcome.objects.select_related("plan_version__plan__child").filter(pk=pk).first()


def action_get(*, pk: int) -> Action | None:
    return (
        Action.objects.select_related("plan_version__plan__child", "who_person")
        .filter(pk=pk)
        .first()
    )


def family_network_for_child(*, child: Person) -> list[Person]:
    """People recorded in the child's family network (either side of a current relationship)."""
    links = Relationship.objects.filter(
        Q(person=child) | Q(relative=child), ended_on__isnull=True
    ).select_related("person", "relative")
    people = {}
    for link in links:
        other = link.relative if link.person_id == child.pk else link.person
        people[other.pk] = other
    return sorted(people.values(), key=lambda p: (p.family_name, p.given_name, p.pk))


def person_is_in_family_network(*, child: Person, person: Person) -> bool:
    return Relationship.objects.filter(
        Q(person=child, relative=person) | Q(person=person, relative=child),
        ended_on__isnull=True,
    ).exists()


def assessment_with_cin_plan_outcome_exists(*, episode) -> bool:
    """An authorised assessment in the episode whose outcome is a CIN plan."""
    return Assessment.objects.filter(
        episode=episode, status=AssessmentStatus.AUTHORISED, outcome=AssessmentOutcome.CIN_PLAN
    ).exists()


def chair_choices() -> QuerySet[User]:
    """Who may chair a CIN review: practitioners, managers and CP chairs."""
    return User.objects.filter(is_active=True, role__in=[*RECORD_WRITERS, Role.CP_CHAIR]).order_by(
        "last_name", "first_name", "pk"
    )
