import datetime as dt

import pytest

from cairn.casework.models import AgencyKind, PlanStatus
from cairn.core.working_days import WorkingDayCalendar
from cairn.protection.selectors.records import (
    child_protection_summary,
    conference_quoracy,
    cp_plan_get,
    first_core_group_target,
    icpc_target_date,
    previous_cp_plan_counts,
)
from cairn.testing.plans_factories import EpisodeFactory
from cairn.testing.protection_factories import (
    AttendanceFactory,
    CPPlanFactory,
    cp_plan_with_history,
)

CALENDAR = WorkingDayCalendar()


class TestIcpcTarget:
    @pytest.mark.parametrize(
        ("started_on", "target"),
        [
            # 25, 26 December and 1 January are bank holidays
            (dt.date(2025, 12, 19), dt.date(2026, 1, 14)),
            # Good Friday 3 April and Easter Monday 6 April 2026
            (dt.date(2026, 3, 27), dt.date(2026, 4, 21)),
            # no bank holiday: three weeks of working days
            (dt.date(2026, 1, 5), dt.date(2026, 1, 26)),
            # a Saturday Boxing Day 2026 gives a substitute Monday 28 December
            (dt.date(2026, 12, 18), dt.date(2027, 1, 13)),
        ],
    )
    def test_fifteen_working_days_from_the_strategy_discussion(self, started_on, target):
        assert icpc_target_date(started_on=started_on, calendar=CALENDAR) == target

    def test_a_council_closure_day_is_skipped(self):
        calendar = WorkingDayCalendar({dt.date(2026, 1, 26)})
        assert icpc_target_date(started_on=dt.date(2026, 1, 5), calendar=calendar) == dt.date(
            2026, 1, 27
        )

    def test_first_core_group_within_ten_working_days(self):
        # Easter: 3 and 6 April 2026
        assert first_core_group_target(
            plan_started=dt.date(2026, 3, 30), calendar=CALENDAR
        ) == dt.date(2026, 4, 15)


class _Row:
    def __init__(self, kind, *, attended=True, direct=True):
        self.agency_kind, self.attended, self.direct_contact = kind, attended, direct
        self.removed_at = None


class TestQuoracy:
    @pytest.mark.parametrize(
        ("rows", "quorate"),
        [
            ([_Row("csc"), _Row("health"), _Row("education")], True),
            ([_Row("csc"), _Row("health"), _Row("police"), _Row("education")], True),
            # two from the same agency count once
            ([_Row("csc"), _Row("health"), _Row("health")], False),
            # no children's social care
            ([_Row("police"), _Row("health"), _Row("education")], False),
            # an agency without direct contact does not count
            ([_Row("csc"), _Row("health"), _Row("education", direct=False)], False),
            # invited but did not attend
            ([_Row("csc"), _Row("health"), _Row("education", attended=False)], False),
            # a parent (no agency) does not count
            ([_Row("csc"), _Row("health"), _Row("")], False),
        ],
    )
    def test_social_care_and_two_other_agencies_with_direct_contact(self, rows, quorate):
        assert conference_quoracy(rows).quorate is quorate

    def test_the_explanation_names_the_agencies(self):
        result = conference_quoracy([_Row("csc"), _Row("health"), _Row("education")])
        assert result.explanation == (
            "Quorate: Children's social care attended; other agencies with direct contact: "
            "Education, Health"
        )

    @pytest.mark.django_db
    def test_from_recorded_attendance(self, icpc):
        AttendanceFactory(meeting=icpc.meeting, agency_kind=AgencyKind.POLICE, attended=False)
        assert conference_quoracy(list(icpc.meeting.attendance.all())).quorate


@pytest.mark.django_db
class TestPreviousPlans:
    def test_counts_the_childs_earlier_cp_plans(self, child):
        first = CPPlanFactory(
            episode=EpisodeFactory(
                child=child,
                referral_date=dt.date(2022, 1, 3),
                closed_on=dt.date(2022, 9, 1),
                closure_reason="RC7",
            ),
            started_on=dt.date(2022, 2, 1),
            ended_on=dt.date(2022, 8, 1),
            status=PlanStatus.ENDED,
        )
        second = CPPlanFactory(
            episode=EpisodeFactory(
                child=child,
                referral_date=dt.date(2024, 1, 3),
                closed_on=dt.date(2024, 9, 1),
                closure_reason="RC7",
            ),
            started_on=dt.date(2024, 2, 1),
            ended_on=dt.date(2024, 8, 1),
            status=PlanStatus.ENDED,
        )
        current = cp_plan_with_history(child=child)
        other_child = cp_plan_with_history()
        counts = previous_cp_plan_counts(plans=[first, second, current, other_child])
        assert counts == {first.pk: 0, second.pk: 1, current.pk: 2, other_child.pk: 0}
        assert cp_plan_get(pk=current.pk).previous_plans == 2

    def test_in_one_query_for_many_plans(self, django_assert_num_queries):
        plans = [cp_plan_with_history() for _ in range(3)]
        with django_assert_num_queries(1):
            previous_cp_plan_counts(plans=plans)


@pytest.mark.django_db
class TestChildSummary:
    def test_open_s47_with_its_icpc_target(self, s47, child):
        summary = child_protection_summary(child=child, calendar=CALENDAR)
        assert summary.open_s47 == s47
        assert summary.icpc_target == dt.date(2026, 1, 26)
        assert summary.cp_plan is None

    def test_the_current_plan_and_categories(self, cp_plan, child):
        summary = child_protection_summary(child=child, calendar=CALENDAR)
        assert summary.cp_plan == cp_plan
        assert [c.category for c in summary.categories] == ["NEG"]
        assert summary.icpc_held is not None

    def test_bounded_queries(self, cp_plan, child, django_assert_max_num_queries):
        with django_assert_max_num_queries(7):
            child_protection_summary(child=child, calendar=CALENDAR)
