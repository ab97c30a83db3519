"""The permission matrix on assessment pages: case holders and managers write, managers
authorise, leaders and other all-seeing roles read only, anyone out of scope gets 403 (and the
refused attempt is logged)."""

import pytest
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.casework.models import AssessmentStatus
from cairn.core.models import AccessOutcome
from cairn.testing.assessments_factories import ReferralFactory, assessment_at
from cairn.testing.audit import assert_access_logged

pytestmark = pytest.mark.django_db

OK, DENIED = 200, 403
STAFF_ROLES = [role for role in Role if role != Role.SYSTEM]
READERS = {
    Role.SOCIAL_WORKER,
    Role.SENIOR_PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.SERVICE_MANAGER,
    Role.CP_CHAIR,
    Role.QA_OFFICER,
    Role.PERFORMANCE_ANALYST,
    Role.SENIOR_LEADER,
    Role.IG_OFFICER,
}
WRITERS = {Role.SOCIAL_WORKER, Role.SENIOR_PRACTITIONER, Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
MANAGERS = {Role.TEAM_MANAGER, Role.SERVICE_MANAGER}
ALL_SEEING = READERS - WRITERS

PAGES = {
    "assessment_list": READERS,
    "assessment_detail": READERS,
    "assessment_start": WRITERS,
    "significant_event_record": WRITERS,
    "assessment_section": WRITERS,
    "assessment_identity": WRITERS,
    "assessment_views": WRITERS,
    "assessment_factors": WRITERS,
    "assessment_submit": WRITERS,
    "assessment_target": MANAGERS,
    "assessment_decide": MANAGERS,
}


def _page_url(page: str, assessment) -> str:
    if page in {"assessment_list", "assessment_start", "significant_event_record"}:
        return reverse(f"casework:{page}", args=[assessment.child_id])
    if page == "assessment_section":
        return reverse("casework:assessment_section", args=[assessment.pk, "analysis"])
    return reverse(f"casework:{page}", args=[assessment.pk])


@pytest.fixture
def submitted(users, referral):
    return assessment_at(
        AssessmentStatus.SUBMITTED, worker=users[Role.SOCIAL_WORKER], episode=referral
    )


@pytest.mark.parametrize("role", STAFF_ROLES)
@pytest.mark.parametrize("page", PAGES)
def test_pages_by_role(client, users, submitted, role, page):
    user = users[role]
    client.force_login(user)

    response = client.get(_page_url(page, submitted))

    expected = OK if role in PAGES[page] else DENIED
    assert response.status_code == expected
    outcome = AccessOutcome.GRANTED if expected == OK else AccessOutcome.DENIED
    assert_access_logged(person=submitted.child, actor=user, outcome=outcome)


@pytest.mark.parametrize("role", sorted(WRITERS - {Role.SERVICE_MANAGER}))
@pytest.mark.parametrize("page", ["assessment_detail", "assessment_section", "assessment_decide"])
def test_a_child_outside_the_users_teams_is_refused(
    client, users, child_in_disabled_team, role, page
):
    """North's staff cannot open a child of the disabled children's service."""
    elsewhere = assessment_at(
        AssessmentStatus.SUBMITTED,
        worker=users[Role.SOCIAL_WORKER],
        episode=ReferralFactory(child=child_in_disabled_team),
    )
    client.force_login(users[role])

    response = client.get(_page_url(page, elsewhere))

    assert response.status_code == DENIED
    assert_access_logged(person=child_in_disabled_team, actor=users[role], outcome="denied")


@pytest.mark.parametrize("role", sorted(ALL_SEEING))
def test_read_only_roles_cannot_write_by_posting(client, users, referral, role):
    draft = assessment_at(
        AssessmentStatus.DRAFT, worker=users[Role.SOCIAL_WORKER], episode=referral
    )
    client.force_login(users[role])

    response = client.post(
        _page_url("assessment_section", draft),
        {"analysis": "Written by a reader", "version": draft.version},
    )

    assert response.status_code == DENIED
    draft.refresh_from_db()
    assert draft.analysis == ""


@pytest.mark.parametrize("role", sorted(WRITERS - MANAGERS))
def test_workers_cannot_authorise_by_posting(client, users, submitted, role):
    client.force_login(users[role])

    response = client.post(
        _page_url("assessment_decide", submitted),
        {
            "decision": "authorise",
            "authorised_on_0": 16,
            "authorised_on_1": 3,
            "authorised_on_2": 2026,
        },
    )

    assert response.status_code == DENIED
    submitted.refresh_from_db()
    assert submitted.status == AssessmentStatus.SUBMITTED
    assert submitted.authorised_on is None
