"""The meetings of a child protection enquiry and plan, each a `casework.Meeting` with its child
(and how they took part), attendance (agencies, direct contact, parents) and actions: strategy
discussions, initial and review conferences (with their `ConferenceDetail`) and core groups.

A conference is quorate with children's social care and at least two other agencies that have
direct contact with the child; most seeded conferences are, a few are not.
"""

import datetime as dt

from cairn.casework.models import (
    AgencyKind,
    Attendance,
    Meeting,
    MeetingAction,
    MeetingActionStatus,
    MeetingChild,
    MeetingKind,
)
from cairn.demo.journeys import rates
from cairn.demo.journeys.base import age_on, at, days
from cairn.demo.journeys.protection import texts as t
from cairn.demo.journeys.texts import pick
from cairn.protection.models import ConferenceDetail, StrategyDiscussion

PARENT_ROLES = ("mother", "father", "step_parent")


def full_name(user) -> str:
    return f"{user.first_name} {user.last_name}"


class MeetingRows:
    """Part of Protection: the meeting rows."""

    def _meeting(self, kind, day: dt.date, hour: int, **values) -> Meeting:
        meeting = self.rec(Meeting, kind=kind, held_at=at(day, hour), **values)
        self.rows.meetings.append(meeting)
        return meeting

    def _finalise(self, meeting: Meeting, day: dt.date, by, within: int) -> None:
        """Finalised by `by` within `within` working days; still a draft if that is after the
        as-of date."""
        finalised = self.cal.add(day, self.rng.randint(0, within))
        if finalised <= self.as_of:
            meeting.finalised_at = at(finalised, 17)
            meeting.finalised_by = by

    def strategy_discussion(self, case, day, team, worker, *, decision: str, note: str = ""):
        """A strategy discussion chaired by the team manager, with police and health."""
        rng = self.rng
        manager = self.staff.manager(team)
        meeting = self._meeting(MeetingKind.STRATEGY, day, rng.choice((9, 11, 14)))
        meeting.chair = manager
        self._finalise(meeting, day, manager, 1)
        self._child(meeting, case, day, conference=False)
        self._professional(meeting, manager, "Team manager")
        if worker is not None:
            self._professional(meeting, worker, "Social worker")
        agencies = [t.POLICE, self._health(case, day)]
        if self._school_age(case, day):
            agencies.append(t.TEACHER)
        for agency in agencies:
            self._agency(meeting, agency, attended=agency is t.POLICE or rng.random() < 0.85)
        self.rows.strategy_discussions.append(
            self.rec(
                StrategyDiscussion,
                meeting=meeting,
                information_shared=pick(rng, t.INFORMATION_SHARED, name=case.name),
                decision=decision,
                decision_note=note,
            )
        )
        self._actions(meeting, case, day, t.STRATEGY_ACTIONS, worker or manager, 1, 5)
        return meeting

    def conference(self, case, kind, day, *, chair, worker, plan, detail: dict):
        """An ICPC or review conference, finalised by its chair, with its detail row."""
        rng = self.rng
        meeting = self._meeting(kind, day, rng.choice((10, 13)), chair=chair, plan=plan)
        self._finalise(meeting, day, chair, 5)
        self._child(meeting, case, day, conference=True)
        self._parents(meeting, case)
        if worker is not None:
            self._professional(meeting, worker, "Social worker", report=True)
        quorate = rng.random() < 0.93
        for i, agency in enumerate(self._agencies(case, day)):
            came = i < 2 and quorate or rng.random() < 0.6
            self._agency(meeting, agency, attended=came)
        self.rows.conferences.append(
            self.rec(ConferenceDetail, meeting=meeting, child=case.child, **detail)
        )
        return meeting

    def core_group(self, case, day, *, plan, worker, manager):
        """A core group, chaired by the lead social worker, with the family and professionals."""
        rng = self.rng
        lead = worker or manager
        meeting = self._meeting(MeetingKind.CORE_GROUP, day, 15, chair=lead, plan=plan)
        self._finalise(meeting, day, lead, 3)
        self._child(meeting, case, day, conference=False, note_views=True)
        self._parents(meeting, case)
        self._professional(meeting, lead, "Lead social worker")
        for agency in self._agencies(case, day)[: rng.randint(2, 3)]:
            self._agency(meeting, agency, attended=rng.random() < 0.8)
        self._actions(meeting, case, day, t.CORE_GROUP_ACTIONS, lead, 10, 25)
        return meeting

    # Who took part -----------------------------------------------------------------------------

    def _child(self, meeting, case, day, *, conference: bool, note_views: bool = False) -> None:
        """The child the meeting is about; at conferences, how they took part (or why not)."""
        rng = self.rng
        age = age_on(case.child, day)
        mode, note = "", ""
        if conference or note_views:
            if age is None or age < 4:
                mode = "too_young"
            elif conference:
                mode = rates.PARTICIPATION.draw(rng)
            else:
                mode = "via_worker"
            note = {
                "not_given_opportunity": f"Conference brought forward; {case.name} was not seen "
                "beforehand.",
                "via_worker": f"{case.name}'s views gathered on the last visit and shared.",
                "in_writing": f"{case.name} wrote down three worries and three good things.",
                "via_advocate": f"An advocate met {case.name} and spoke for them.",
            }.get(mode, "")
        self.rows.meeting_children.append(
            self.rec(
                MeetingChild,
                meeting=meeting,
                child=case.child,
                participation=mode,
                participation_note=note,
            )
        )
        if mode.startswith("attended"):
            self.rows.attendance.append(
                self.rec(
                    Attendance, meeting=meeting, role="child", person=case.child, attended=True
                )
            )

    def _parents(self, meeting, case) -> None:
        rng = self.rng
        for adult in case.adults:
            if adult.role in PARENT_ROLES and (adult.at_home or rng.random() < 0.5):
                came = rng.random() < 0.8
                self.rows.attendance.append(
                    self.rec(
                        Attendance,
                        meeting=meeting,
                        role="parent_carer",
                        person=adult.person,
                        attended=came,
                        participation_note=rng.choice(
                            t.PARENT_NOTES[:2] if came else t.PARENT_NOTES[2:]
                        ),
                    )
                )

    def _professional(self, meeting, user, role: str, *, report: bool = False) -> None:
        self.rows.attendance.append(
            self.rec(
                Attendance,
                meeting=meeting,
                role="professional",
                name=f"{full_name(user)} ({role})",
                agency=t.CSC,
                agency_kind=AgencyKind.CHILDRENS_SOCIAL_CARE,
                direct_contact=role != "Team manager",
                attended=True,
                sent_report=report,
            )
        )

    def _agency(self, meeting, agency, *, attended: bool) -> None:
        role, name, kind, direct = agency
        self.rows.attendance.append(
            self.rec(
                Attendance,
                meeting=meeting,
                role="professional",
                name=role,
                agency=name,
                agency_kind=kind,
                direct_contact=direct,
                attended=attended,
                sent_report=not attended and self.rng.random() < 0.6,
            )
        )

    def _agencies(self, case, day):
        """The professionals around the child: those with direct contact first."""
        rng = self.rng
        first = [self._health(case, day)]
        first.append(t.TEACHER if self._school_age(case, day) else t.NURSERY)
        if age_on(case.child, day) is None:
            first[1] = t.GP
        return first + rng.sample(t.OTHERS, rng.randint(1, 2)) + [t.POLICE]

    def _health(self, case, day):
        age = age_on(case.child, day)
        return t.HEALTH_VISITOR if age is None or age < 5 else t.SCHOOL_NURSE

    def _school_age(self, case, day) -> bool:
        age = age_on(case.child, day)
        return age is not None and age >= 5

    def _actions(self, meeting, case, day, pool, owner, low: int, high: int) -> None:
        rng = self.rng
        for what, agency, ours in rng.sample(pool, rng.randint(2, 3)):
            due = day + days(rng.randint(low, high))
            if due < self.as_of - days(7):
                status = MeetingActionStatus.DONE
                if rng.random() < 0.12:
                    status = MeetingActionStatus.NOT_DONE
            else:
                status = MeetingActionStatus.OPEN
            self.rows.meeting_actions.append(
                self.rec(
                    MeetingAction,
                    meeting=meeting,
                    what=what.format(name=case.name),
                    owner_user=owner if ours else None,
                    owner_agency=agency,
                    due_on=due,
                    status=status,
                )
            )
