"""The chair's oversight between conferences: midpoint reviews and practice alerts.

A practice alert goes to the team manager first (stage 1); unanswered within 5 working days
(CHAIR_ALERT_RESPONSE_DUE), or answered without resolving the concern, it moves up to the
service manager (stage 2) and then the head of service (stage 3) (glossary: "Practice alert").
An alert still open when its plan ends is closed by the conference that ended it.
"""

import datetime as dt

from cairn.demo.journeys import rates
from cairn.demo.journeys.base import days
from cairn.demo.journeys.protection import texts as t
from cairn.protection.models import (
    MidpointReview,
    PracticeAlert,
    PracticeAlertStage,
    PracticeAlertStatus,
)

ALERT_RESPONSE_WD = 5  # CHAIR_ALERT_RESPONSE_DUE default
MIDPOINT_CONCERN = {"none": "drift", "worse": "plan_not_progressing", "some": "drift"}
OTHER_CONCERNS = ("visits_missed", "core_groups_not_held", "drift", "other")


class OversightRows:
    """Part of Protection: midpoint reviews and practice alerts."""

    def midpoint_reviews(self, case, plan, chair, team, reviews, stop: dt.date | None) -> None:
        """Midpoint reviews on the given days; a poor one may raise a practice alert."""
        rng = self.rng
        for day, _ in reviews:
            progress = rates.MIDPOINT_PROGRESS.draw(rng)
            alert = rng.random() < rates.ALERT_AT_MIDPOINT[progress]
            review = self.rec(
                MidpointReview,
                plan=plan,
                child=case.child,
                chair=chair,
                reviewed_on=day,
                progress=progress,
                concerns=t.MIDPOINT_CONCERNS[progress],
                actions=t.MIDPOINT_ACTIONS[progress],
                alert_raised=alert,
            )
            self.rows.midpoint_reviews.append(review)
            self.stats["midpoint_reviews"] += 1
            if alert:
                concern = MIDPOINT_CONCERN[progress]
                self.practice_alert(case, plan, chair, team, day, stop, concern, midpoint=review)

    def other_alert(self, case, plan, chair, team, start: dt.date, stop: dt.date | None) -> None:
        """Now and then a chair raises an alert outside a midpoint review."""
        rng = self.rng
        last = min(stop or self.as_of, self.as_of)
        if rng.random() >= rates.ALERT_OTHERWISE or (last - start).days < 30:
            return
        day = self.cal.on_or_before(start + days(rng.randint(20, (last - start).days)))
        self.practice_alert(case, plan, chair, team, day, stop, rng.choice(OTHER_CONCERNS))

    def practice_alert(
        self,
        case,
        plan,
        chair,
        team,
        raised,
        stop,
        concern,
        *,
        midpoint=None,
        hold=False,
        hold_at=1,
    ) -> None:
        """An alert raised on `raised` and its stages up to the plan's end (`stop`) or the
        as-of date. `hold` leaves stage `hold_at` unanswered (the deliberate cases); the stages
        before it went unanswered and moved up the working day after their response was due."""
        alert = self.rec(
            PracticeAlert,
            child=case.child,
            plan=plan,
            midpoint_review=midpoint,
            raised_by=chair,
            raised_on=raised,
            concern=concern,
            concern_detail=t.ALERT_DETAIL[concern],
            stage=1,
            status=PracticeAlertStatus.OPEN,
        )
        self.rows.practice_alerts.append(alert)
        self.stats["practice_alerts"] += 1
        limit = min(stop, self.as_of) if stop else self.as_of
        start = raised
        for stage, recipient in enumerate(self._chain(team), start=1):
            row = self.rec(
                PracticeAlertStage,
                alert=alert,
                stage=stage,
                recipient=recipient,
                started_on=start,
                response_due_on=self.cal.add(start, ALERT_RESPONSE_WD),
            )
            self.rows.alert_stages.append(row)
            alert.stage = stage
            self.stats[f"alert_stage_{stage}"] += 1
            if hold and stage >= hold_at:
                break
            if hold:
                row.escalated_on = start = self.cal.add(row.response_due_on, 1)
                continue
            start = self._stage(alert, row, limit)
            if start is None:
                break
        if alert.status == PracticeAlertStatus.OPEN and stop is not None and stop <= self.as_of:
            alert.status, alert.resolved_on = PracticeAlertStatus.RESOLVED, stop
            alert.resolution = t.PLAN_ENDED_RESOLUTION
        self.stats[f"alerts_{alert.status}"] += 1

    def _stage(self, alert, row, limit: dt.date) -> dt.date | None:
        """What the stage's recipient did: answered in time or late (the chair then resolves
        the alert or moves it up), or nothing (it moves up). Returns the next stage's start, or
        None when the alert stops here (resolved, or nothing more has happened by `limit`)."""
        rng, cal = self.rng, self.cal
        what = rates.ALERT_STAGE.draw(rng)
        if row.stage == 3 and what == "escalated":
            what = "late"
        if what == "escalated":
            up = cal.add(row.response_due_on, rng.randint(1, 3))
            if up > limit:
                return None
            row.escalated_on = up
            return up
        if what == "answered":
            answered = cal.add(row.started_on, rng.randint(1, ALERT_RESPONSE_WD))
        else:
            answered = cal.add(row.response_due_on, rng.randint(1, 6))
        if answered > limit:
            return None
        row.responded_on = answered
        row.response = rng.choice(t.ALERT_RESPONSES)
        row.agreed_actions = rng.choice(t.ALERT_AGREED_ACTIONS)
        if row.stage < 3 and rng.random() >= rates.ALERT_RESOLVED_ON_ANSWER:
            up = cal.add(answered, rng.randint(1, 3))
            if up > limit:
                return None
            row.escalated_on = up
            return up
        alert.status = PracticeAlertStatus.RESOLVED
        alert.resolved_on = min(limit, answered + days(rng.randint(0, 5)))
        alert.resolution = rng.choice(t.ALERT_RESOLUTIONS)
        return None

    def _chain(self, team) -> list:
        """Who the stages go to: the team manager, their service manager, the head of service."""
        if team.pk not in self.chains:
            manager = self.staff.manager(team)
            service = manager.manager or manager
            head = service.manager or service
            self.chains[team.pk] = [manager, service, head]
        return self.chains[team.pk]
