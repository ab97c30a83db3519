"""Shape early help records for templates."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.urls import reverse

from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.presenters import long_date


@dataclass(frozen=True)
class EarlyHelpRow:
    url: str
    started: str
    ended: str
    lead: str
    end_reason: str


def early_help_rows(episodes: Iterable[EarlyHelpEpisode]) -> list[EarlyHelpRow]:
    return [
        EarlyHelpRow(
            url=reverse("earlyhelp:early_help_detail", args=[e.pk]),
            started=long_date(e.started_on),
            ended=long_date(e.ended_on) if e.ended_on else "Open",
            lead=f"{e.lead_practitioner}, {e.lead_organisation}",
            end_reason=e.get_end_reason_display() if e.end_reason else "",
        )
        for e in episodes
    ]


def early_help_summary_rows(episode: EarlyHelpEpisode) -> list[tuple[str, str]]:
    rows = [
        ("Started", long_date(episode.started_on)),
        ("Lead organisation", episode.lead_organisation),
        ("Lead practitioner", episode.lead_practitioner),
        ("Reason", episode.reason),
        ("Plan summary", episode.plan_summary or "Not recorded"),
    ]
    if episode.stepped_down_from_id:
        rows.append(("Stepped down from", str(episode.stepped_down_from.get_kind_display())))
    if episode.ended_on:
        rows += [
            ("Ended", long_date(episode.ended_on)),
            ("End reason", episode.get_end_reason_display()),
        ]
    return rows


@dataclass(frozen=True)
class EpisodeRow:
    url: str
    referral: str
    closed: str


def episode_rows(episodes) -> list[EpisodeRow]:
    return [
        EpisodeRow(
            url=reverse("frontdoor:episode_detail", args=[e.pk]),
            referral=long_date(e.referral_date),
            closed=f"{long_date(e.closed_on)} ({e.closure_reason})" if e.closed_on else "Open",
        )
        for e in episodes
    ]


@dataclass(frozen=True)
class PlanRow:
    step_down_url: str
    label: str


def step_down_rows(plans) -> list[PlanRow]:
    return [
        PlanRow(
            step_down_url=reverse("earlyhelp:step_down", args=[p.pk]),
            label=f"{p.get_kind_display()} from {long_date(p.started_on)}",
        )
        for p in plans
    ]
