"""Shape CIN reviews for templates: the review page and the check-your-answers page."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from cairn.casework.models import (
    MakingDifference,
    Meeting,
    MeetingDecision,
    ParticipationMode,
)
from cairn.casework.presenters.plans import DIFFERENCE_COLOUR, Tag, rating_text
from cairn.casework.services.meetings import Attendee
from cairn.people.presenters import format_date


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


@dataclass(frozen=True)
class AttendeeRow:
    who: str
    role: str
    invited: str
    attended: str
    sent_report: str


def attendee_rows(attendees) -> list[AttendeeRow]:
    rows = []
    for a in attendees:
        who = a.person.full_name if a.person else a.name
        role = a.agency if a.agency else ("Parent or carer" if a.person else "")
        rows.append(
            AttendeeRow(
                who=who,
                role=role,
                invited=_yes_no(a.invited),
                attended=_yes_no(a.attended),
                sent_report=_yes_no(a.sent_report),
            )
        )
    return rows


def participation_text(mode: str, note: str) -> str:
    label = ParticipationMode(mode).label if mode in ParticipationMode.values else "Not recorded"
    return f"{label}: {note}" if note else label


@dataclass
class ReviewPage:
    title: str
    caption: str
    plan_url: str
    summary_rows: list[tuple[str, str]]
    making_difference: Tag
    participation: list[tuple[str, str]]
    attendance: list[AttendeeRow]
    ratings: list[tuple[str, str]]


def review_page(meeting: Meeting) -> ReviewPage:
    child = meeting.plan.child
    held = timezone.localtime(meeting.held_at)
    return ReviewPage(
        title=f"{meeting.get_kind_display()} on {format_date(held.date())}",
        caption=child.full_name,
        plan_url=reverse("casework:plan_detail", args=[meeting.plan_id]),
        summary_rows=[
            ("Date and time", f"{format_date(held.date())} at {held:%H:%M}"),
            ("Chair", meeting.chair.get_full_name() if meeting.chair_id else "Not recorded"),
            ("What changes", meeting.what_changes or "Nothing recorded"),
            ("Decision", meeting.get_decision_display() or "Not recorded"),
        ],
        making_difference=Tag(
            meeting.get_making_difference_display() or "Not recorded",
            DIFFERENCE_COLOUR.get(meeting.making_difference, "grey"),
        ),
        participation=[
            (mc.child.full_name, participation_text(mc.participation, mc.participation_note))
            for mc in meeting.children.all()
        ],
        attendance=attendee_rows(meeting.attendance.all()),
        ratings=[
            (f"Outcome {r.outcome.position}: {r.outcome.text}", rating_text(r.outcome, r))
            for r in meeting.ratings.all()
        ],
    )


@dataclass(frozen=True)
class AnswerSection:
    heading: str
    change_url: str
    rows: list[tuple[str, str]]


def check_answer_sections(*, plan, answers: dict) -> list[AnswerSection]:
    """The answers gathered over the review's pages, each section with its change link.

    `answers` holds: held_at, chair, attendees (Attendee list), participation (mode, note),
    ratings ([(outcome, Rating)]), making_difference, what_changes, decision.
    """

    def change(step: str) -> str:
        return reverse("casework:review_step", args=[plan.pk, step])

    held = timezone.localtime(answers["held_at"])
    attendees: list[Attendee] = answers["attendees"]
    mode, note = answers["participation"]
    return [
        AnswerSection(
            "Review details",
            change("details"),
            [
                ("Date and time", f"{format_date(held.date())} at {held:%H:%M}"),
                ("Chair", answers["chair"].get_full_name() if answers["chair"] else "Not chosen"),
            ],
        ),
        AnswerSection(
            "Who was invited and who attended",
            change("attendance"),
            [
                (
                    r.who + (f" ({r.role})" if r.role else ""),
                    f"Invited: {r.invited}. Attended: {r.attended}. Sent a report: "
                    f"{r.sent_report}.",
                )
                for r in attendee_rows(attendees)
            ]
            or [("Invitees", "None recorded")],
        ),
        AnswerSection(
            f"How {plan.child.full_name} took part",
            change("participation"),
            [("Participation", participation_text(mode, note))],
        ),
        AnswerSection(
            "Progress on each outcome",
            change("ratings"),
            [
                (f"Outcome {n}: {outcome.text}", _rating_answer(rating))
                for n, (outcome, rating) in enumerate(answers["ratings"], start=1)
            ],
        ),
        AnswerSection(
            "Decision",
            change("decision"),
            [
                (
                    "Is the plan making a difference?",
                    MakingDifference(answers["making_difference"]).label,
                ),
                ("What will change", answers["what_changes"] or "Nothing recorded"),
                ("Decision", MeetingDecision(answers["decision"]).label),
            ],
        ),
    ]


def _rating_answer(rating) -> str:
    if rating.score is not None:
        return f"{rating.score} out of 10"
    return "Indicator met" if rating.indicator_met else "Indicator not met"
