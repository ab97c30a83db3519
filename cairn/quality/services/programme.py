"""Planning the programme: cycles, the sample each audits, allocation to auditors, themes."""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from cairn.accounts.models import User
from cairn.core import clock
from cairn.core.records import record_create, record_update
from cairn.frontdoor.models import Level
from cairn.people.models import Person
from cairn.people.presenters import format_date
from cairn.quality.models import (
    AuditCycle,
    AuditSample,
    AuditStatus,
    AuditToolVersion,
    CaseAudit,
    CycleKind,
    SampleMethod,
    Theme,
    ToolVersionStatus,
)
from cairn.quality.rules import AUDITOR_ROLES
from cairn.quality.sampling import draw_sample
from cairn.quality.selectors.sampling import sample_candidates, team_names
from cairn.quality.services import require
from cairn.quality.workflows import CASE_AUDIT

MAX_SAMPLE = 200
NO_TOOL = "Publish the audit tool before planning a cycle"


@transaction.atomic
def theme_create(*, actor, name: str, description: str = "") -> Theme:
    require(actor, "quality.manage_programme", None, "Only QA officers can add themes")
    if not name.strip():
        raise ValidationError({"name": "Enter the theme"})
    if Theme.objects.filter(name__iexact=name.strip()).exists():
        raise ValidationError({"name": "This theme already exists"})
    return record_create(
        model=Theme, actor=actor, name=name.strip(), description=description.strip()
    )


@transaction.atomic
def cycle_create(
    *,
    actor,
    name: str,
    kind: str,
    starts_on: dt.date,
    ends_on: dt.date,
    theme: Theme | None = None,
) -> AuditCycle:
    """A monthly or thematic audit cycle, using the audit tool version in use today."""
    require(actor, "quality.manage_programme", None, "Only QA officers can plan audit cycles")
    errors = {}
    if not name.strip():
        errors["name"] = "Enter a name for the cycle"
    if ends_on < starts_on:
        errors["ends_on"] = "The end date must be on or after the start date"
    if kind == CycleKind.THEMATIC and theme is None:
        errors["theme"] = "Choose the theme of a thematic audit"
    tool_version = (
        AuditToolVersion.objects.filter(status=ToolVersionStatus.PUBLISHED)
        .order_by("-published_on", "-pk")
        .first()
    )
    if tool_version is None:
        errors["name"] = NO_TOOL
    if errors:
        raise ValidationError(errors)
    return record_create(
        model=AuditCycle,
        actor=actor,
        name=name.strip(),
        kind=kind,
        theme=theme if kind == CycleKind.THEMATIC else None,
        starts_on=starts_on,
        ends_on=ends_on,
        tool_version=tool_version,
    )


def sample_rule_text(
    *,
    method: str,
    chosen: int,
    population: int,
    excluded: int,
    as_of: dt.date,
    exclude_months: int,
    team_ids: Sequence[int],
    levels: Sequence[str],
    seed: int,
) -> str:
    teams = "; ".join(sorted(team_names(team_ids))) if team_ids else "every team"
    needs = "; ".join(Level(v).label for v in levels) if levels else "every level of need"
    return (
        f"{SampleMethod(method).label}: {chosen} of {population} children open on "
        f"{format_date(as_of)} ({teams}; {needs}), leaving out {excluded} audited in the "
        f"{exclude_months} months before or with an audit not finished; seed {seed}."
    )


@transaction.atomic
def sample_select(
    *,
    actor,
    cycle: AuditCycle,
    method: str,
    size: int,
    seed: int,
    exclude_months: int,
    team_ids: Sequence[int] = (),
    levels: Sequence[str] = (),
    as_of: dt.date | None = None,
) -> AuditSample:
    """Draw the cycle's sample and make an audit, to allocate, for each child chosen.

    The rule (population, exclusions, method, size, seed) is stored, so the same sample can be
    drawn again from the same record (sampling.draw_sample is deterministic for a seed).
    """
    require(actor, "quality.manage_programme", None, "Only QA officers can draw samples")
    if AuditSample.objects.filter(cycle=cycle).exists():
        raise ValidationError({"size": "A sample has already been drawn for this cycle"})
    errors = {}
    if method not in SampleMethod.values:
        errors["method"] = "Choose how to select the sample"
    if not 1 <= size <= MAX_SAMPLE:
        errors["size"] = f"The sample size must be between 1 and {MAX_SAMPLE}"
    if errors:
        raise ValidationError(errors)
    as_of = as_of or clock.today()
    candidates, excluded = sample_candidates(
        as_of=as_of, exclude_months=exclude_months, team_ids=team_ids, levels=levels
    )
    if not candidates:
        raise ValidationError({"size": "No children open on that day match the selection rule"})
    chosen = draw_sample(candidates, method=method, size=size, seed=seed)
    sample = record_create(
        model=AuditSample,
        actor=actor,
        cycle=cycle,
        method=method,
        size=size,
        seed=seed,
        as_of=as_of,
        exclude_months=exclude_months,
        team_ids=sorted(team_ids),
        levels=sorted(levels),
        rule=sample_rule_text(
            method=method,
            chosen=len(chosen),
            population=len(candidates),
            excluded=excluded,
            as_of=as_of,
            exclude_months=exclude_months,
            team_ids=team_ids,
            levels=levels,
            seed=seed,
        ),
        population=len(candidates),
        excluded=excluded,
        selected_by=actor,
    )
    children = Person.objects.in_bulk([c.child_id for c in chosen])
    for candidate in chosen:
        record_create(
            model=CaseAudit,
            actor=actor,
            audit_subject=children[candidate.child_id],
            cycle=cycle,
            child=children[candidate.child_id],
            team_id=candidate.team_id,
            level=candidate.level,
            worker_id=candidate.worker_id,
            manager_id=candidate.manager_id,
        )
    return sample


@transaction.atomic
def audit_allocate(*, actor, audit: CaseAudit, auditor: User) -> CaseAudit:
    """Give the audit to a QA officer. The child's worker and manager are told (the audit shows
    in their audit actions) and take part: the audit is collaborative."""
    require(actor, "quality.manage_programme", None, "Only QA officers can allocate audits")
    if auditor.role not in AUDITOR_ROLES or not auditor.is_active:
        raise ValidationError(
            {"auditor": "Choose a quality assurance officer or child protection chair"}
        )
    if audit.status not in (AuditStatus.TO_ALLOCATE, AuditStatus.ALLOCATED):
        CASE_AUDIT.check(audit.status, AuditStatus.ALLOCATED)
    return record_update(
        instance=audit,
        actor=actor,
        expected_version=audit.version,
        audit_subject=audit.child,
        auditor=auditor,
        status=AuditStatus.ALLOCATED,
    )
