"""Presenters: the words and tag colours pages show for status and timeliness."""

import datetime as dt

import pytest

from cairn.casework.models import AssessmentStatus
from cairn.casework.presenters.assessments import (
    history_rows,
    identity_rows,
    problem_links,
    timeliness_tag,
)
from cairn.casework.selectors.assessments import Timeliness, assessment_get
from cairn.testing.assessments_factories import assessment_at

DAY = dt.date(2026, 1, 5)


def _timeliness(*, complete: bool, within: bool, over: int = 0) -> Timeliness:
    return Timeliness(
        counted_from=DAY,
        deadline=DAY,
        target_date=DAY,
        counted_to=DAY,
        working_days=45 + over,
        is_complete=complete,
        within_timescale=within,
        days_over=over,
        target_met=within,
    )


@pytest.mark.parametrize(
    ("complete", "within", "over", "text", "css"),
    [
        (True, True, 0, "Authorised within 45 working days", "govuk-tag--green"),
        (True, False, 1, "Authorised 1 working day late", "govuk-tag--red"),
        (False, False, 3, "Overdue by 3 working days", "govuk-tag--red"),
        (False, True, 0, "Within timescale", "govuk-tag--grey"),
    ],
)
def test_timeliness_tag(complete, within, over, text, css):
    tag = timeliness_tag(_timeliness(complete=complete, within=within, over=over))

    assert (tag.text, tag.css) == (text, css)


@pytest.mark.django_db
def test_rows_name_incomplete_aspects_and_the_history(worker, manager, referral):
    returned = assessment_at(
        AssessmentStatus.RETURNED, worker=worker, manager=manager, episode=referral
    )
    assessment = assessment_get(pk=returned.pk)

    identity = {row.key: row for row in identity_rows(assessment, editable=True)}
    history = history_rows(assessment)

    assert identity["Sexuality"].value == (
        "Not relevant because: Too young for this to be relevant"
    )
    assert not identity["Sexuality"].missing
    assert identity["Culture"].change_url.endswith(f"/assessments/{assessment.pk}/identity/")
    assert [row.change for row in history] == [
        "In progress to submitted for authorisation",
        "Submitted for authorisation to returned for more work",
    ]
    assert history[1].comment == "Say more about the father"
    assert history[1].by == manager.get_full_name()


@pytest.mark.django_db
def test_problem_links_point_at_the_page_that_fixes_each(worker, referral):
    draft = assessment_at(AssessmentStatus.DRAFT, worker=worker, episode=referral)

    links = dict(problem_links(draft, {"analysis": ["Enter the analysis"], "views": ["Record it"]}))

    assert links["Enter the analysis"].endswith(f"/assessments/{draft.pk}/sections/analysis/")
    assert links["Record it"].endswith(f"/assessments/{draft.pk}/views/")
