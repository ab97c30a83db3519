"""The child's page and the caseload list, shaped for templates."""

import datetime as dt
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

from cairn.casework.models import PlanStatus
from cairn.casework.presenters.chronology import ChronologyRow, chronology_rows
from cairn.casework.presenters.genogram import Genogram, genogram_for
from cairn.casework.selectors.caseload import CaseloadEntry
from cairn.casework.selectors.child import ChildPage, FamilyNetwork
from cairn.frontdoor.models import Level
from cairn.people.models import Person
from cairn.people.presenters import age_text, born_text, format_date
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.engine import Alert
from cairn.timescales.engine.base import NOT_YET_DUE, STATUS_LABELS, Status
from cairn.timescales.links import alert_action_url

LEVEL_TAG = {
    Level.NONE: "govuk-tag--grey",
    Level.EARLY_HELP: "govuk-tag--green",
    Level.CIN: "govuk-tag--blue",
    Level.CP: "govuk-tag--red",
    Level.PRE_PROCEEDINGS: "govuk-tag--orange",
    Level.LOOKED_AFTER: "govuk-tag--purple",
    Level.CLOSED: "govuk-tag--grey",
}
# Colours of a deadline's status (the engine's alerts; `due` on pages listing every deadline).
DUE_TAG = {
    Status.OVERDUE: "govuk-tag--red",
    Status.DUE_SOON: "govuk-tag--yellow",
    NOT_YET_DUE: "govuk-tag--blue",
    Status.FLAG: "govuk-tag--orange",
}


@dataclass(frozen=True)
class Tag:
    text: str
    css: str


def level_tag(level: str) -> Tag:
    return Tag(Level(level).label, LEVEL_TAG[level])


def status_tag(status: str) -> Tag:
    return Tag(STATUS_LABELS[status], DUE_TAG[status])


@dataclass(frozen=True)
class AlertRow:
    """One drift alert: the rule (code and name), why, by when, its status and where to act."""

    rule: str
    what: str
    explanation: str
    due: str
    tag: Tag
    url: str


def alert_rows(alerts: list[Alert]) -> list[AlertRow]:
    return [
        AlertRow(
            rule=alert.rule,
            what=CATALOGUE[alert.rule].name,
            explanation=alert.explanation,
            due=format_date(alert.due) if alert.due else "Now",
            tag=status_tag(alert.status),
            url=alert_action_url(alert),
        )
        for alert in alerts
    ]


def who_rows(child: Person, today: dt.date) -> list[tuple[str, str]]:
    disabilities = ", ".join(d.get_code_display() for d in child.disabilities.all())
    rows = [
        ("LA child ID", child.la_child_id or ""),
        ("Date of birth" if child.date_of_birth else "Expected date of birth", born_text(child)),
        ("Age", age_text(child, today)),
        ("Sex", child.get_sex_display()),
        ("Gender identity", child.get_gender_identity_display()),
        ("Ethnicity", child.get_ethnicity_display()),
        ("First language", child.first_language or "Not recorded"),
        ("Religion", child.religion or "Not recorded"),
        ("Disabilities", disabilities or "Not recorded"),
    ]
    if child.known_as:
        rows.insert(0, ("Known as", child.known_as))
    return rows


def allocation_text(page: ChildPage) -> str:
    allocation = page.allocation
    if allocation is None:
        return "Not allocated"
    worker = allocation.worker.get_full_name() if allocation.worker else "No worker allocated"
    return f"{worker}, {allocation.team.name}"


@dataclass(frozen=True)
class PlanRow:
    title: str
    status: str
    started: str
    version: str
    outcomes: list[str]
    actions_open: int
    contingency: str
    contingency_complete: bool
    needs_attention: bool
    link: str


def plan_row(page: ChildPage) -> PlanRow | None:
    summary = page.plan
    if summary is None:
        return None
    plan, version = summary.plan, summary.version
    outcomes = [o.text for o in version.outcomes.all()] if version else []
    actions_open = (
        sum(1 for a in version.actions.all() if a.status not in ("done", "not_done"))
        if version
        else 0
    )
    missing = summary.contingency_missing
    if version is None:
        version_text = "No version written yet"
    elif summary.authorised:
        version_text = f"Version {version.number}, authorised {format_date(version.authorised_on)}"
    else:
        version_text = f"Version {version.number}, not yet authorised"
    return PlanRow(
        title=plan.get_kind_display(),
        status=plan.get_status_display()
        if plan.status != PlanStatus.ACTIVE
        else f"Active since {format_date(plan.started_on)}",
        started=format_date(plan.started_on) if plan.started_on else "Not started",
        version=version_text,
        outcomes=outcomes,
        actions_open=actions_open,
        contingency="Complete" if not missing else "Incomplete: missing " + ", ".join(missing),
        contingency_complete=not missing,
        needs_attention=summary.needs_management_attention,
        link=_optional_url("casework:plan_detail", plan.pk),
    )


def _optional_url(name: str, pk: int) -> str:
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return ""


@dataclass(frozen=True)
class JourneyRow:
    date: str
    from_level: Tag
    to_level: Tag
    reason: str
    decided_by: str


def journey_rows(page: ChildPage) -> list[JourneyRow]:
    return [
        JourneyRow(
            date=format_date(t.occurred_on),
            from_level=level_tag(t.from_level),
            to_level=level_tag(t.to_level),
            reason=t.reason,
            decided_by=t.decided_by.get_full_name(),
        )
        for t in page.journey
    ]


@dataclass(frozen=True)
class FamilyRow:
    url: str
    name: str
    relationship: str
    household: str
    born: str


def family_rows(family: FamilyNetwork) -> list[FamilyRow]:
    """Everyone in the genogram and any other recorded relationship, as a table."""

    def url(person: Person) -> str:
        name = "casework:child_detail" if person.is_child else "people:person_detail"
        return reverse(name, args=[person.pk])

    rows, seen = [], set()
    candidates = [
        (r.relative, r.get_type_display(), r.same_household) for r in family.relationships
    ]
    candidates += [
        (
            r.person,
            "Sibling" if r.type == "sibling" else f"Their {r.get_type_display().lower()}",
            r.same_household,
        )
        for r in family.inverse
    ]
    candidates += [
        (r.person, f"Sibling through {r.relative.full_name}", False) for r in family.through_parents
    ]
    for person, relationship, household in candidates:
        if person.pk in seen:
            continue
        seen.add(person.pk)
        rows.append(
            FamilyRow(
                url=url(person),
                name=person.full_name,
                relationship=relationship,
                household="Yes" if household else "No",
                born=born_text(person),
            )
        )
    return rows


@dataclass(frozen=True)
class Link:
    text: str
    url: str


# Other areas' pages about the child, linked when they exist: (text, URL name, for writers only).
CHILD_LINKS = [
    ("Record a significant event", "casework:significant_event_record", True),
    ("Assessments", "casework:assessment_list", False),
    ("Early help and changes of level", "earlyhelp:journey", False),
]


def child_links(child: Person, *, can_write: bool) -> list[Link]:
    links = [
        Link(text, url)
        for text, name, writers_only in CHILD_LINKS
        if (can_write or not writers_only) and (url := _optional_url(name, child.pk))
    ]
    links.append(Link("Case notes", reverse("casework:case_note_list", args=[child.pk])))
    return links


@dataclass(frozen=True)
class ChildPageView:
    who: list[tuple[str, str]]
    level: Tag
    allocation: str
    open_episode: str
    alerts: list[AlertRow]
    plan: PlanRow | None
    journey: list[JourneyRow]
    genogram: Genogram
    family: list[FamilyRow]
    chronology: list[ChronologyRow]


def child_page(page: ChildPage, today: dt.date) -> ChildPageView:
    episode = page.open_episode
    return ChildPageView(
        who=who_rows(page.child, today),
        level=level_tag(page.level),
        allocation=allocation_text(page),
        open_episode=f"Open since the referral of {format_date(episode.referral_date)}"
        if episode
        else "Not open to children's social care",
        alerts=alert_rows(page.alerts),
        plan=plan_row(page),
        journey=journey_rows(page),
        genogram=genogram_for(child=page.child, family=page.family, today=today),
        family=family_rows(page.family),
        chronology=chronology_rows(page.chronology, newest_first=True),
    )


@dataclass(frozen=True)
class CaseloadRow:
    url: str
    name: str
    la_child_id: str
    age: str
    restricted: bool
    level: Tag
    next_due: AlertRow | None  # the most urgent alert
    more_alerts: int  # how many other alerts the child has
    last_visit: str


def caseload_rows(
    entries: list[CaseloadEntry], today: dt.date, *, viewer=None
) -> list[CaseloadRow]:
    """The caseload's rows; with `viewer`, restricted children they may not open are shown as
    "Restricted record" (governance.presenters.mask_restricted_rows)."""
    rows = [
        CaseloadRow(
            url=reverse("casework:child_detail", args=[e.child.pk]),
            name=e.child.full_name,
            la_child_id=e.child.la_child_id or "",
            age=age_text(e.child, today),
            restricted=e.child.is_restricted,
            level=level_tag(e.level),
            next_due=alert_rows([e.next_due])[0] if e.next_due else None,
            more_alerts=max(e.alert_count - 1, 0),
            last_visit=format_date(e.last_visit) if e.last_visit else "No visit recorded",
        )
        for e in entries
    ]
    if viewer is None:
        return rows
    from cairn.governance.presenters import mask_restricted_rows

    return mask_restricted_rows(user=viewer, people=[e.child for e in entries], rows=rows)
