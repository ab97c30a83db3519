"""The programme's pages: who may open them, access logging, grades fixed after moderation,
the child's page section and "what is due", CSV exports and bounded queries."""

import datetime as dt

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.models import AuditEvent
from cairn.core.working_days import council_calendar
from cairn.quality.models import AuditStatus, Domain
from cairn.quality.services.tool import PUBLISHED_IS_FIXED
from cairn.testing.audit import assert_access_logged
from cairn.testing.factories import UserFactory
from cairn.testing.quality_factories import (
    CaseAuditFactory,
    QuestionFactory,
    RecommendationFactory,
    graded,
)
from cairn.timescales.engine import alerts_as_of

TODAY = dt.date(2026, 3, 16)


def _get(client, user, name, *args, **query):
    client.force_login(user)
    return client.get(reverse(name, args=args), query)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.QA_OFFICER, 200),
        (Role.SOCIAL_WORKER, 403),
        (Role.TEAM_MANAGER, 403),
        (Role.SENIOR_LEADER, 403),
        (Role.PERFORMANCE_ANALYST, 403),
    ],
)
def test_only_qa_officers_run_the_programme(client, users, role, status, cycle):
    assert _get(client, users[role], "quality:programme").status_code == status
    assert _get(client, users[role], "quality:cycle_detail", cycle.pk).status_code == status
    assert _get(client, users[role], "quality:tool").status_code == status


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.QA_OFFICER, 200),
        (Role.SENIOR_LEADER, 200),
        (Role.SERVICE_MANAGER, 200),
        (Role.PERFORMANCE_ANALYST, 200),
        (Role.SOCIAL_WORKER, 403),
        (Role.CP_CHAIR, 403),
    ],
)
def test_who_reads_the_analysis(client, users, role, status):
    assert _get(client, users[role], "quality:analysis").status_code == status


def test_the_childs_worker_and_auditor_see_the_audit_and_the_view_is_logged(
    client, audit, worker, auditor
):
    for user in (worker, auditor):
        response = _get(client, user, "quality:audit_detail", audit.pk)
        assert response.status_code == 200
        assert_access_logged(person=audit.child, actor=user)


def test_a_worker_in_another_team_is_refused_and_the_attempt_logged(client, audit, teams):
    stranger = UserFactory(role=Role.SOCIAL_WORKER, team=teams["south"])
    assert _get(client, stranger, "quality:audit_detail", audit.pk).status_code == 403
    assert_access_logged(person=audit.child, actor=stranger, outcome="denied")


def test_only_the_auditor_opens_the_grading_page(client, audit, auditor, moderator, worker):
    assert _get(client, auditor, "quality:audit_edit", audit.pk).status_code == 200
    assert _get(client, moderator, "quality:audit_edit", audit.pk).status_code == 403
    assert _get(client, worker, "quality:audit_edit", audit.pk).status_code == 403


def test_a_moderated_audit_cannot_be_regraded_through_the_form(client, audit, auditor, moderator):
    graded(audit)
    audit.status, audit.moderator = AuditStatus.MODERATED, moderator
    audit.save()
    client.force_login(auditor)
    data = {f"grade_{d}": "inadequate" for d in Domain.values} | {
        f"narrative_{d}": "x" for d in Domain.values
    }
    response = client.post(reverse("quality:audit_edit", args=[audit.pk]), data)
    assert "its grades change only through moderation" in response.content.decode()
    assert set(audit.grades.values_list("grade", flat=True)) == {"good"}
    # ... the recorded change is the way, and it names its reason
    response = client.post(
        reverse("quality:grade_change", args=[audit.pk]),
        {"domain": "impact", "to_grade": "inadequate", "reason": "", "version": audit.version},
    )
    assert "Give the reason for the change" in response.content.decode()
    assert audit.grades.get(domain="impact").grade == "good"


def test_the_childs_page_shows_audits_and_an_overdue_action(client, audit, worker):
    RecommendationFactory(
        audit=audit, owner=worker, action="See Amara alone", due_on=dt.date(2026, 3, 9)
    )
    client.force_login(worker)
    page = client.get(reverse("casework:child_detail", args=[audit.child.pk])).content.decode()
    assert "Case audits" in page
    assert "See Amara alone" in page
    assert "Overdue" in page
    assert 'data-rule="AUDIT_ACTION_OVERDUE"' in page
    alerts = alerts_as_of(
        as_of=TODAY,
        calendar=council_calendar(),
        children=[audit.child.pk],
        rules=["AUDIT_ACTION_OVERDUE"],
    )
    assert [(a.due, a.status) for a in alerts] == [(dt.date(2026, 3, 9), "overdue")]


def test_your_audit_actions_lists_recommendations_and_audits_to_take_part_in(
    client, audit, worker, manager
):
    RecommendationFactory(audit=audit, owner=worker, action="See Amara alone")
    for user in (worker, manager):
        page = _get(client, user, "quality:audit_actions").content.decode()
        assert "See Amara alone" in page
        assert "Audits you are taking part in" in page
        assert audit.child.full_name in page


def test_analysis_exports_as_csv(client, users, audit):
    graded(audit)
    audit.audited_on = dt.date(2026, 3, 2)
    audit.save()
    response = _get(client, users[Role.QA_OFFICER], "quality:analysis_export", "grades-by-domain")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode().splitlines()
    assert lines[0] == "Domain,Outstanding,Good,Requires improvement,Inadequate,Total"
    assert "Overall grade,0,1,0,0,1" in lines
    missing = _get(client, users[Role.QA_OFFICER], "quality:analysis_export", "nothing")
    assert missing.status_code == 404


def test_the_cycle_page_has_a_bounded_number_of_queries(
    client, cycle, auditor, teams, django_assert_max_num_queries
):
    for _ in range(15):
        CaseAuditFactory(
            cycle=cycle, team=teams["north"], status=AuditStatus.TO_ALLOCATE, auditor=None
        )
    client.force_login(auditor)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("quality:cycle_detail", args=[cycle.pk]))
    assert response.status_code == 200


def test_the_audit_page_has_a_bounded_number_of_queries(
    client, audit, auditor, django_assert_max_num_queries
):
    graded(audit)
    for _ in range(5):
        RecommendationFactory(audit=audit)
    client.force_login(auditor)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("quality:audit_detail", args=[audit.pk]))
    assert response.status_code == 200


def test_every_write_is_audited_with_the_child_as_subject(client, audit, auditor):
    client.force_login(auditor)
    client.post(
        reverse("quality:recommendation_new", args=[audit.pk]),
        {
            "action": "Update the plan",
            "owner": audit.worker.pk,
            "due_on_0": "1",
            "due_on_1": "5",
            "due_on_2": "2026",
        },
    )
    event = AuditEvent.objects.filter(object_repr__startswith="Update the plan").get()
    assert (event.actor, event.person) == (auditor, audit.child)


def test_a_cp_chair_audits_but_does_not_run_the_programme(client, users, cycle, audit, auditor):
    chair = users[Role.CP_CHAIR]
    assert _get(client, chair, "quality:programme").status_code == 200
    assert _get(client, chair, "quality:cycle_detail", cycle.pk).status_code == 403
    assert _get(client, chair, "quality:cycle_new").status_code == 403
    audit.auditor = chair
    audit.save()
    assert _get(client, chair, "quality:audit_edit", audit.pk).status_code == 200
    assert _get(client, auditor, "quality:audit_edit", audit.pk).status_code == 403


def test_removing_a_question_from_a_published_tool_is_refused_on_the_page(client, auditor):
    question = QuestionFactory()  # on a published version (ToolVersionFactory)
    client.force_login(auditor)

    response = client.post(reverse("quality:question_remove", args=[question.pk]), follow=True)

    assert response.redirect_chain == [
        (reverse("quality:tool_version", args=[question.tool_version_id]), 302)
    ]
    page = response.content.decode()
    assert "There is a problem" in page
    assert PUBLISHED_IS_FIXED in page
    assert "Success" not in page
    question.refresh_from_db()
    assert question.removed_at is None
    assert not AuditEvent.objects.filter(action="remove", object_id=str(question.pk)).exists()


def test_only_the_auditor_may_tag_a_theme_whatever_the_form_holds(client, audit, auditor, worker):
    url = reverse("quality:audit_finding", args=[audit.pk])
    client.force_login(worker)  # sees the audit (the child's worker), does not grade it

    assert client.post(url, {}).status_code == 403

    client.force_login(auditor)
    assert client.post(url, {}).status_code == 200  # the auditor's empty form: its errors
