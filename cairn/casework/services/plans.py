"""Writes to plans: start a plan, write the draft version's outcomes, actions and contingency,
authorise a version, make the next version at a review, end a plan.

Every service validates before writing (bad input changes nothing), writes through
core.records (audit linked to the child) and moves status only through workflows.PLAN.
"""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from cairn.casework import workflows
from cairn.casework.models import (
    Action,
    ActionStatus,
    Contingency,
    ContingencyNetworkMember,
    FgcStatus,
    MeasureSource,
    Meeting,
    Outcome,
    Plan,
    PlanKind,
    PlanStatus,
    PlanVersion,
)
from cairn.casework.selectors.plans import (
    assessment_with_cin_plan_outcome_exists,
    contingency_missing_parts,
    person_is_in_family_network,
)
from cairn.core import clock
from cairn.core.records import record_create, record_remove, record_update
from cairn.frontdoor.models import Episode
from cairn.people.models import Person

SCALE_SOURCES = (MeasureSource.CHILD, MeasureSource.PARENT, MeasureSource.WORKER)
FGC_NEEDS_REASON = (FgcStatus.NOT_OFFERED, FgcStatus.DECLINED)


def format_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def version_contingency(version: PlanVersion) -> Contingency | None:
    try:
        return version.contingency
    except Contingency.DoesNotExist:
        return None


# --- starting a plan ------------------------------------------------------------------------


def _plan_create_errors(
    *, child: Person, episode: Episode | None, kind: str, carried_from, conference
) -> dict:
    errors = {}
    if kind not in PlanKind.values:
        errors["kind"] = "Choose the kind of plan"
    elif kind == PlanKind.CP and conference is None:
        errors["kind"] = (
            "A child protection plan starts only at an initial child protection conference "
            "that decided on one"
        )
    if episode is None:
        if kind != PlanKind.EARLY_HELP:
            errors["episode"] = "A plan needs the child's open CIN episode (referral)"
    elif episode.child_id != child.pk:
        errors["episode"] = "This referral is for a different child"
    elif not episode.is_open:
        errors["episode"] = (
            f"The CIN episode closed on {format_date(episode.closed_on)}: "
            "a plan needs an open episode"
        )
    elif (
        kind == PlanKind.CIN
        and not _is_step_down_from_cp(carried_from)
        and not assessment_with_cin_plan_outcome_exists(episode=episode)
    ):
        errors["episode"] = (
            "A child in need plan cannot start before an assessment outcome: no authorised "
            "assessment in this episode has the outcome 'Child in need plan'"
        )
    if Plan.objects.filter(
        child=child, kind=kind, status__in=(PlanStatus.DRAFT, PlanStatus.ACTIVE)
    ).exists():
        errors["kind"] = f"{child.full_name} already has an open {PlanKind(kind).label.lower()}"
    if carried_from is not None and carried_from.child_id != child.pk:
        errors["carried_from"] = "The plan carried over must be the same child's"
    return errors


def _is_step_down_from_cp(carried_from: Plan | None) -> bool:
    # A review conference's step-down decision stands in for the assessment outcome.
    return carried_from is not None and carried_from.kind == PlanKind.CP


@transaction.atomic
def plan_create(
    *,
    actor,
    child: Person,
    episode: Episode | None,
    kind: str = PlanKind.CIN,
    carried_from: Plan | None = None,
    conference: Meeting | None = None,
    via: str = "web",
) -> Plan:
    """Start a plan in draft with version 1 (made today).

    Issue 3 (workflow integrity): a CIN plan needs an open CIN episode with an authorised
    assessment whose outcome is a CIN plan ("plan before an assessment outcome" is refused);
    a child has at most one open plan of each kind. A plan carried over at a step-up or
    step-down starts with the carried plan's current content (outcomes, actions, contingency,
    network). A CP plan starts only from the conference that decided on it (`conference`, the
    ICPC; issue 4: "plan without a conference" is refused); a CIN plan carried from a CP plan
    at a review conference's step-down needs no assessment outcome.
    """
    errors = _plan_create_errors(
        child=child, episode=episode, kind=kind, carried_from=carried_from, conference=conference
    )
    if errors:
        raise ValidationError(errors)
    plan = record_create(
        model=Plan,
        actor=actor,
        audit_subject=child,
        via=via,
        child=child,
        episode=episode,
        kind=kind,
        carried_from=carried_from,
    )
    version = record_create(
        model=PlanVersion,
        actor=actor,
        audit_subject=child,
        via=via,
        plan=plan,
        number=1,
        made_on=clock.today(),
    )
    source = _version_to_copy(carried_from) if carried_from is not None else None
    if source is not None:
        _copy_content(actor=actor, source=source, target=version, child=child, via=via)
    return plan


def _version_to_copy(plan: Plan) -> PlanVersion | None:
    authorised = plan.versions.filter(authorised_on__isnull=False).order_by("-number").first()
    return authorised or plan.versions.order_by("-number").first()


# --- the draft version's content ------------------------------------------------------------


def _draft_errors(version: PlanVersion) -> dict:
    if version.authorised_on is not None:
        return {
            "version": f"Version {version.number} is authorised and cannot be changed: "
            "changes go in the next version, made at a review"
        }
    if version.plan.status == PlanStatus.ENDED:
        return {"version": "The plan has ended and cannot be changed"}
    if version.plan.versions.filter(number__gt=version.number).exists():
        return {"version": f"Version {version.number} has been replaced by a newer version"}
    return {}


def _outcome_errors(*, text: str, measure_source: str, indicator: str, baseline) -> dict:
    errors = {}
    if not text.strip():
        errors["text"] = "Enter what will be different for the child"
    if measure_source and measure_source not in MeasureSource.values:
        errors["measure_source"] = "Choose how the impact on the child will be measured"
    if measure_source == MeasureSource.INDICATOR:
        if not indicator.strip():
            errors["indicator"] = "Describe the observable indicator that will show the change"
        if baseline is not None:
            errors["baseline"] = "An observable indicator has no baseline score"
    elif baseline is not None and not 0 <= baseline <= 10:
        errors["baseline"] = "The baseline must be a whole number from 0 to 10"
    elif baseline is not None and not measure_source:
        errors["measure_source"] = "Choose who gives the 0 to 10 score for the baseline"
    return errors


def _outcome_fields(*, text: str, measure_source: str, indicator: str, baseline) -> dict:
    return {
        "text": text.strip(),
        "measure_source": measure_source,
        "indicator": indicator.strip() if measure_source == MeasureSource.INDICATOR else "",
        "baseline": baseline if measure_source in SCALE_SOURCES else None,
    }


@transaction.atomic
def outcome_add(
    *,
    actor,
    version: PlanVersion,
    text: str,
    measure_source: str = "",
    indicator: str = "",
    baseline: int | None = None,
    via: str = "web",
) -> Outcome:
    """Add an outcome, written as what will be different for the child, to a draft version.

    Its measure of impact (a 0-10 scale scored by the child, a parent or the worker with a
    baseline, or an observable indicator) may be added later; authorisation needs it.
    """
    fields = {"text": text, "measure_source": measure_source, "indicator": indicator}
    errors = _draft_errors(version) | _outcome_errors(**fields, baseline=baseline)
    if errors:
        raise ValidationError(errors)
    last = version.outcomes.order_by("-position").first()
    return record_create(
        model=Outcome,
        actor=actor,
        audit_subject=version.plan.child,
        via=via,
        plan_version=version,
        position=(last.position + 1) if last else 1,
        **_outcome_fields(**fields, baseline=baseline),
    )


@transaction.atomic
def outcome_update(
    *,
    actor,
    outcome: Outcome,
    expected_version: int,
    text: str,
    measure_source: str = "",
    indicator: str = "",
    baseline: int | None = None,
    via: str = "web",
) -> Outcome:
    fields = {"text": text, "measure_source": measure_source, "indicator": indicator}
    errors = _draft_errors(outcome.plan_version) | _outcome_errors(**fields, baseline=baseline)
    if errors:
        raise ValidationError(errors)
    return record_update(
        instance=outcome,
        actor=actor,
        expected_version=expected_version,
        audit_subject=outcome.plan_version.plan.child,
        via=via,
        **_outcome_fields(**fields, baseline=baseline),
    )


@transaction.atomic
def outcome_remove(*, actor, outcome: Outcome, reason: str, via: str = "web") -> Outcome:
    errors = _draft_errors(outcome.plan_version)
    if not reason.strip():
        errors["removal_reason"] = "Enter the reason for removing this outcome"
    if errors:
        raise ValidationError(errors)
    return record_remove(
        instance=outcome,
        actor=actor,
        reason=reason,
        audit_subject=outcome.plan_version.plan.child,
        via=via,
    )


def _action_errors(
    *, child: Person, what: str, who_person: Person | None, who_agency: str, due_on, status: str
) -> dict:
    errors = {}
    if not what.strip():
        errors["what"] = "Enter what will be done"
    if who_person is None and not who_agency.strip():
        errors["who_agency"] = "Say who will do it: a person in the family network or an agency"
    elif (
        who_person is not None
        and who_person.pk != child.pk
        and not person_is_in_family_network(child=child, person=who_person)
    ):
        errors["who_person"] = "Choose the child or someone in the child's family network"
    if due_on is None:
        errors["due_on"] = "Enter the date it will be done by"
    if status not in ActionStatus.values:
        errors["status"] = "Choose the status of the action"
    return errors


@transaction.atomic
def action_add(
    *,
    actor,
    version: PlanVersion,
    what: str,
    due_on: dt.date | None,
    who_person: Person | None = None,
    who_agency: str = "",
    status: str = ActionStatus.NOT_STARTED,
    via: str = "web",
) -> Action:
    """Add an action to a draft version: what, who (a person or an agency), by when, status."""
    child = version.plan.child
    fields = {
        "what": what,
        "who_person": who_person,
        "who_agency": who_agency,
        "due_on": due_on,
        "status": status,
    }
    errors = _draft_errors(version) | _action_errors(child=child, **fields)
    if errors:
        raise ValidationError(errors)
    fields |= {"what": what.strip(), "who_agency": who_agency.strip()}
    return record_create(
        model=Action, actor=actor, audit_subject=child, via=via, plan_version=version, **fields
    )


@transaction.atomic
def action_update(
    *,
    actor,
    action: Action,
    expected_version: int,
    what: str,
    due_on: dt.date | None,
    who_person: Person | None = None,
    who_agency: str = "",
    status: str = ActionStatus.NOT_STARTED,
    via: str = "web",
) -> Action:
    """Change an action. On a draft version anything may change; on the version in force
    only its status moves on (the rest changes in the next version, at a review)."""
    version = action.plan_version
    child = version.plan.child
    fields = {
        "what": what,
        "who_person": who_person,
        "who_agency": who_agency,
        "due_on": due_on,
        "status": status,
    }
    errors = _action_errors(child=child, **fields)
    only_status = (
        action.what == what.strip()
        and action.who_person_id == (who_person.pk if who_person else None)
        and action.who_agency == who_agency.strip()
        and action.due_on == due_on
    )
    if not (only_status and _is_version_in_force(version)):
        errors = _draft_errors(version) | errors
    if errors:
        raise ValidationError(errors)
    fields |= {"what": what.strip(), "who_agency": who_agency.strip()}
    return record_update(
        instance=action,
        actor=actor,
        expected_version=expected_version,
        audit_subject=child,
        via=via,
        **fields,
    )


def _is_version_in_force(version: PlanVersion) -> bool:
    plan = version.plan
    if version.authorised_on is None or plan.status != PlanStatus.ACTIVE:
        return False
    latest = plan.versions.filter(authorised_on__isnull=False).order_by("-number").first()
    return latest is not None and latest.pk == version.pk


# --- contingency ----------------------------------------------------------------------------


def _contingency_errors(*, fgc_status: str, fgc_on, fgc_reason: str) -> dict:
    errors = {}
    if fgc_status not in FgcStatus.values:
        errors["fgc_status"] = (
            "Choose whether a family group conference was offered, held or declined"
        )
    elif fgc_status == FgcStatus.HELD and fgc_on is None:
        errors["fgc_on"] = "Enter the date the family group conference was held"
    elif fgc_status in FGC_NEEDS_REASON and not fgc_reason.strip():
        errors["fgc_reason"] = (
            "Say why the family declined a family group conference"
            if fgc_status == FgcStatus.DECLINED
            else "Say why a family group conference was not offered"
        )
    if fgc_on is not None and fgc_on > clock.today():
        errors["fgc_on"] = "The date of the family group conference must be today or in the past"
    return errors


@transaction.atomic
def contingency_update(
    *,
    actor,
    version: PlanVersion,
    triggers: str,
    response: str,
    who_acts: str,
    fgc_status: str,
    fgc_on: dt.date | None = None,
    fgc_reason: str = "",
    expected_version: int | None = None,
    via: str = "web",
) -> Contingency:
    """Write the draft version's contingency arrangements: what would show the plan is not
    working (triggers), what will then happen (response), who acts, and whether a family group
    conference was offered, held (with its date) or declined, and why (reason required when
    declined or not offered). Parts may be left blank in a draft; authorisation needs them."""
    errors = _draft_errors(version) | _contingency_errors(
        fgc_status=fgc_status, fgc_on=fgc_on, fgc_reason=fgc_reason
    )
    if errors:
        raise ValidationError(errors)
    fields = {
        "triggers": triggers.strip(),
        "response": response.strip(),
        "who_acts": who_acts.strip(),
        "fgc_status": fgc_status,
        "fgc_on": fgc_on if fgc_status == FgcStatus.HELD else None,
        "fgc_reason": fgc_reason.strip() if fgc_status != FgcStatus.HELD else "",
    }
    child = version.plan.child
    existing = Contingency.objects.filter(plan_version=version).first()
    if existing is None:
        return record_create(
            model=Contingency,
            actor=actor,
            audit_subject=child,
            via=via,
            plan_version=version,
            **fields,
        )
    return record_update(
        instance=existing,
        actor=actor,
        expected_version=existing.version if expected_version is None else expected_version,
        audit_subject=child,
        via=via,
        **fields,
    )


@transaction.atomic
def contingency_network_add(
    *, actor, version: PlanVersion, person: Person, how_considered: str, via: str = "web"
) -> ContingencyNetworkMember:
    """Record a member of the child's family network (people.Relationship) considered for the
    contingency, and how they were considered."""
    child = version.plan.child
    errors = _draft_errors(version)
    if not person_is_in_family_network(child=child, person=person):
        errors["person"] = f"Choose someone recorded in {child.full_name}'s family network"
    if not how_considered.strip():
        errors["how_considered"] = "Say how this person was considered"
    contingency = Contingency.objects.filter(plan_version=version).first()
    if contingency and contingency.network.filter(person=person).exists():
        errors["person"] = f"{person.full_name} is already in the network considered"
    if errors:
        raise ValidationError(errors)
    if contingency is None:
        contingency = record_create(
            model=Contingency, actor=actor, audit_subject=child, via=via, plan_version=version
        )
    return record_create(
        model=ContingencyNetworkMember,
        actor=actor,
        audit_subject=child,
        via=via,
        contingency=contingency,
        person=person,
        how_considered=how_considered.strip(),
    )


@transaction.atomic
def contingency_network_remove(
    *, actor, member: ContingencyNetworkMember, reason: str, via: str = "web"
) -> ContingencyNetworkMember:
    version = member.contingency.plan_version
    errors = _draft_errors(version)
    if not reason.strip():
        errors["removal_reason"] = "Enter the reason for removing this person"
    if errors:
        raise ValidationError(errors)
    return record_remove(
        instance=member, actor=actor, reason=reason, audit_subject=version.plan.child, via=via
    )


# --- authorisation --------------------------------------------------------------------------


def _measure_errors(outcomes: list[Outcome]) -> list[str]:
    problems = []
    for n, outcome in enumerate(outcomes, start=1):
        if not outcome.measure_source:
            problems.append(f"outcome {n} has no measure of impact")
        elif outcome.measure_source in SCALE_SOURCES and outcome.baseline is None:
            problems.append(f"outcome {n} has no baseline score (0 to 10)")
        elif outcome.measure_source == MeasureSource.INDICATOR and not outcome.indicator.strip():
            problems.append(f"outcome {n} has no observable indicator described")
    return problems


def _content_errors(version: PlanVersion) -> dict:
    errors = {}
    outcomes = list(version.outcomes.order_by("position", "id"))
    if not outcomes:
        errors["outcomes"] = "Add at least one outcome: what will be different for the child"
    elif problems := _measure_errors(outcomes):
        errors["outcomes"] = "Every outcome needs a measure of impact: " + "; ".join(problems)
    contingency = Contingency.objects.filter(plan_version=version).first()
    missing = contingency_missing_parts(contingency)
    if contingency is None:
        errors["contingency"] = "The contingency arrangements are missing: " + ", ".join(missing)
    elif missing:
        errors["contingency"] = (
            "The contingency arrangements are incomplete. Missing: " + ", ".join(missing)
        )
    return errors


def _authorise_errors(*, version: PlanVersion, authorised_on: dt.date | None) -> dict:
    plan = version.plan
    errors = {}
    if version.authorised_on is not None:
        errors["version"] = f"Version {version.number} is already authorised"
    elif plan.status == PlanStatus.ENDED:
        errors["version"] = "The plan has ended and cannot be authorised"
    elif plan.versions.filter(number__gt=version.number).exists():
        errors["version"] = f"Version {version.number} has been replaced by a newer version"
    if authorised_on is None:
        errors["authorised_on"] = "Enter the date the plan was authorised"
    elif authorised_on > clock.today():
        errors["authorised_on"] = "The authorisation date must be today or in the past"
    elif authorised_on < version.made_on:
        errors["authorised_on"] = (
            "The authorisation date cannot be before this version was made "
            f"({format_date(version.made_on)})"
        )
    if plan.episode_id and not plan.episode.is_open:
        errors["version"] = "The CIN episode has closed: the plan cannot be authorised"
    return errors | _content_errors(version)


@transaction.atomic
def plan_version_authorise(
    *, actor, version: PlanVersion, authorised_on: dt.date | None, via: str = "web"
) -> PlanVersion:
    """A manager authorises a plan version, which becomes the version in force.

    Refused without at least one outcome, with an outcome lacking a measure of impact (or a
    scale's baseline), or without a complete contingency (the message names the missing parts:
    issue 3, "a plan cannot be authorised without a complete contingency"). The first
    authorisation makes the plan active and starts it on the authorisation date.
    """
    plan = version.plan
    if not actor.has_perm("casework.authorise", plan.child):
        raise PermissionDenied("Only the child's team manager or service manager can authorise")
    errors = _authorise_errors(version=version, authorised_on=authorised_on)
    if errors:
        raise ValidationError(errors)
    if plan.status == PlanStatus.DRAFT:
        workflows.PLAN.check(plan.status, PlanStatus.ACTIVE)
    version = record_update(
        instance=version,
        actor=actor,
        expected_version=version.version,
        audit_subject=plan.child,
        via=via,
        authorised_on=authorised_on,
        authorised_by=actor,
    )
    if plan.status == PlanStatus.DRAFT:
        record_update(
            instance=plan,
            actor=actor,
            expected_version=plan.version,
            audit_subject=plan.child,
            via=via,
            status=PlanStatus.ACTIVE,
            started_on=authorised_on,
        )
    return version


# --- versions made at reviews, and ending a plan --------------------------------------------


def _copy_content(*, actor, source: PlanVersion, target: PlanVersion, child: Person, via: str):
    """Copy a version's outcomes, actions, contingency and network into another version."""
    for outcome in source.outcomes.order_by("position", "id"):
        record_create(
            model=Outcome,
            actor=actor,
            audit_subject=child,
            via=via,
            plan_version=target,
            position=outcome.position,
            text=outcome.text,
            measure_source=outcome.measure_source,
            indicator=outcome.indicator,
            baseline=outcome.baseline,
            previous=outcome,
        )
    for action in source.actions.order_by("due_on", "id"):
        record_create(
            model=Action,
            actor=actor,
            audit_subject=child,
            via=via,
            plan_version=target,
            what=action.what,
            who_person=action.who_person,
            who_agency=action.who_agency,
            due_on=action.due_on,
            status=action.status,
        )
    contingency = Contingency.objects.filter(plan_version=source).first()
    if contingency is None:
        return
    copy = record_create(
        model=Contingency,
        actor=actor,
        audit_subject=child,
        via=via,
        plan_version=target,
        triggers=contingency.triggers,
        response=contingency.response,
        who_acts=contingency.who_acts,
        fgc_status=contingency.fgc_status,
        fgc_on=contingency.fgc_on,
        fgc_reason=contingency.fgc_reason,
    )
    for member in contingency.network.order_by("id"):
        record_create(
            model=ContingencyNetworkMember,
            actor=actor,
            audit_subject=child,
            via=via,
            contingency=copy,
            person=member.person,
            how_considered=member.how_considered,
        )


@transaction.atomic
def plan_version_create_from_review(
    *, actor, plan: Plan, meeting: Meeting, via: str = "web"
) -> PlanVersion:
    """Make the plan's next version (a draft, made on the review's date) copied from the
    version in force, linked to the review. Earlier versions stay as history."""
    current = plan.versions.filter(authorised_on__isnull=False).order_by("-number").first()
    errors = {}
    if plan.status != PlanStatus.ACTIVE or current is None:
        errors["plan"] = "Only an active plan with an authorised version can have a new version"
    if meeting.plan_id != plan.pk:
        errors["meeting"] = "The review is for a different plan"
    if errors:
        raise ValidationError(errors)
    last = plan.versions.order_by("-number").first()
    version = record_create(
        model=PlanVersion,
        actor=actor,
        audit_subject=plan.child,
        via=via,
        plan=plan,
        number=last.number + 1,
        made_on=timezone.localdate(meeting.held_at),
        meeting=meeting,
    )
    _copy_content(actor=actor, source=current, target=version, child=plan.child, via=via)
    return version


@transaction.atomic
def plan_end(*, actor, plan: Plan, ended_on: dt.date | None, reason: str, via: str = "web") -> Plan:
    """End an active plan (at closure, a step-up or a step-down), with the date and reason."""
    errors = {}
    if ended_on is None:
        errors["ended_on"] = "Enter the date the plan ended"
    elif ended_on > clock.today():
        errors["ended_on"] = "The end date must be today or in the past"
    elif plan.started_on and ended_on < plan.started_on:
        errors["ended_on"] = (
            f"The plan cannot end before it started on {format_date(plan.started_on)}"
        )
    if not reason.strip():
        errors["end_reason"] = "Enter the reason the plan ended"
    if errors:
        raise ValidationError(errors)
    workflows.PLAN.check(plan.status, PlanStatus.ENDED)
    return record_update(
        instance=plan,
        actor=actor,
        expected_version=plan.version,
        audit_subject=plan.child,
        via=via,
        status=PlanStatus.ENDED,
        ended_on=ended_on,
        end_reason=reason.strip(),
    )
