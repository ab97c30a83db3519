"""Legal planning meetings, pre-proceedings and care proceedings for the legal seed step."""

import datetime as dt
import math
from bisect import bisect_right

from django.utils import timezone

from cairn.casework.models import Meeting, MeetingChild, MeetingKind
from cairn.demo.legal.base import Rows, days, weeks_draw
from cairn.legal.models import (
    CareProceedings,
    CareProceedingsChild,
    FinalOrder,
    Hearing,
    HearingKind,
    InterimOrder,
    InterimOrderKind,
    LegalDecision,
    LegalPlanningDetail,
    PreProceedings,
    PreProceedingsChild,
    PreProceedingsExtension,
    PreProceedingsMeeting,
    PreProceedingsOutcome,
    ProceedingsExtension,
    RequestedFrom,
    StepDownTo,
)

CONCERNS = "Neglect and domestic abuse continue despite the child protection plan"
LETTER = (
    "Keep the home safe and clean; engage with the domestic abuse programme; "
    "no contact with the former partner"
)
FINAL_ORDERS = (
    [FinalOrder.CARE_ORDER] * 7
    + [FinalOrder.PLACEMENT_ORDER] * 2
    + [FinalOrder.SPECIAL_GUARDIANSHIP]
)


class CourtRecords(Rows):
    """Writes the court side; `self.conferences` (child id -> [(date, conference id)]) is
    loaded by the step."""

    conferences: dict

    def meeting(self, kind, children, day):
        held_at = timezone.make_aware(dt.datetime.combine(day, dt.time(10)))
        meeting = self.add(Meeting, kind=kind, held_at=held_at)
        for child_id in children:
            self.add(MeetingChild, meeting=meeting.id, child=child_id)
        return meeting

    def legal_planning(self, children, day, decider, decision):
        conferences = self.conferences[children[0]]
        i = bisect_right(conferences, (day, math.inf))
        conference = conferences[i - 1][1] if i else None
        meeting = self.meeting(MeetingKind.LEGAL_PLANNING, children, day)
        self.stats["legal_planning"] += 1
        return self.add(
            LegalPlanningDetail,
            meeting=meeting.id,
            concerns=CONCERNS,
            decision=decision,
            rationale="Threshold for proceedings considered with the council's legal adviser",
            requested_from=RequestedFrom.CONFERENCE if conference else RequestedFrom.MANAGER,
            conference=conference,
        )

    def pre_proceedings(self, children, start, decider, *, end, issued=False):
        """Pre-proceedings decided on `start`; a step decision on `end` (issue or step down to
        CP), or open when `end` is None."""
        rng = self.rng
        lpm = self.legal_planning(children, start, decider, LegalDecision.START_PRE_PROCEEDINGS)
        last = end or self.as_of
        letter = min(last, start + days(rng.randint(3, 14)))
        offered = rng.random() < 0.7
        held = letter + days(rng.randint(14, 35))
        pp = self.add(
            PreProceedings,
            legal_planning=lpm.id,
            decided_on=start,
            letter_sent_on=letter,
            letter_changes=LETTER,
            fgdm_offered=offered,
            fgdm_offered_on=letter if offered else None,
            fgdm_held_on=held if offered and held <= last else None,
            fgdm_not_reason=""
            if offered and held <= last
            else "Parents declined a family group conference",
            step_decided_on=end,
            outcome=(PreProceedingsOutcome.ISSUE if issued else PreProceedingsOutcome.STEP_DOWN)
            if end
            else "",
            step_down_to=StepDownTo.CP if end and not issued else "",
            outcome_reason=("Not enough change: issue" if issued else "Enough change")
            if end
            else "",
        )
        for child_id in children:
            self.add(PreProceedingsChild, pre_proceedings=pp.id, child=child_id)
        initial = letter + days(rng.randint(5, 10))
        if initial <= last:
            meeting = self.meeting(MeetingKind.PP_INITIAL, children, initial)
            self.add(
                PreProceedingsMeeting,
                meeting=meeting.id,
                pre_proceedings=pp.id,
                parents_legal_rep="Y",
                progress="Parents and their solicitor agreed the plan",
            )
        limit = start + days(16 * 7)
        if end and end > limit and rng.random() < 0.5:
            self.add(
                PreProceedingsExtension,
                pre_proceedings=pp.id,
                decided_on=limit,
                weeks=math.ceil((end - limit).days / 7),
                reason="Parents engaging; the assessment needs more time",
            )
        self.stats["pre_proceedings"] += 1
        self.stats["pre_proceedings_open" if end is None else "pre_proceedings_ended"] += 1
        if end is None and (self.as_of - letter).days > 16 * 7:
            self.stats["pre_proceedings_past_limit"] += 1  # PLO_DURATION counts from the letter
        return pp

    def proceedings(self, children, issued, *, pp, looked_after, beyond=False) -> None:
        """Care proceedings issued on `issued`; `beyond`: not concluded and never extended."""
        rng = self.rng
        self.case_no += 1
        length = weeks_draw(rng, 34, 0.3)
        final_on = issued + days(length)
        concluded = final_on if looked_after and final_on <= self.as_of else None
        cp = self.add(
            CareProceedings,
            pre_proceedings=pp.id,
            legal_planning=pp.legal_planning,
            issued_on=issued,
            court="Family Court",
            case_number=f"ZW{issued:%y}C{self.case_no:05d}",
            parents_legal_rep="Y",
            concluded_on=concluded,
        )
        for child_id in children:
            self.add(
                CareProceedingsChild,
                proceedings=cp.id,
                child=child_id,
                final_order=rng.choice(FINAL_ORDERS) if concluded else "",
            )
            if looked_after:
                self.add(
                    InterimOrder,
                    proceedings=cp.id,
                    child=child_id,
                    kind=InterimOrderKind.INTERIM_CARE,
                    made_on=issued,
                )
        schedule = [
            (HearingKind.CASE_MANAGEMENT, issued + days(rng.randint(12, 18))),
            (HearingKind.ISSUES_RESOLUTION, issued + days(round(length * 0.7))),
            (HearingKind.FINAL, final_on),
        ]
        listed_ahead = False
        for kind, day in schedule:
            if day <= self.as_of:
                self.add(
                    Hearing, proceedings=cp.id, kind=kind, held_on=day, outcome="Directions given"
                )
            elif not listed_ahead:
                listed_ahead = True
                self.add(Hearing, proceedings=cp.id, kind=kind, held_on=day)
        granted = issued + days(25 * 7)
        extended = 0
        for _ in range(max(0, math.ceil((length - 26 * 7) / 56))):
            if beyond or granted > self.as_of or rng.random() < 0.25:
                break  # some run past 26 weeks without an extension
            self.add(
                ProceedingsExtension,
                proceedings=cp.id,
                granted_on=granted,
                weeks=8,
                reason="Expert assessment of the parents not yet filed",
            )
            granted += days(56)
            extended += 8
        if not concluded and issued + days((26 + extended) * 7) < self.as_of:
            self.stats["proceedings_past_26w"] += 1
        self.stats["proceedings"] += 1
        self.stats["proceedings_concluded" if concluded else "proceedings_open"] += 1
