"""The ways into the legal planning form (a review conference that asked for one, a chair's
practice alert) and the trackers on the oversight page for managers and above."""

import datetime as dt

import pytest

from cairn.accounts.roles import Role
from cairn.casework.models import MeetingKind
from cairn.legal.models import LegalPlanningDetail, RequestedFrom
from cairn.testing.chair_factories import PracticeAlertFactory, PracticeAlertStageFactory
from cairn.testing.legal_factories import at
from cairn.testing.protection_factories import (
    ConferenceDetailFactory,
    ConferenceMeetingFactory,
    S47EnquiryFactory,
)

pytestmark = pytest.mark.django_db


def _lpm_data(day):
    return {
        "held_on_0": day.day,
        "held_on_1": day.month,
        "held_on_2": day.year,
        "held_time": "10:00",
        "legal_adviser": "Hannah Reid",
        "manager": "Tom Baker",
        "social_worker": "Sam Whitfield",
        "concerns": "Neglect continues",
        "decision": "continue",
        "rationale": "Threshold not yet met",
    }


def _review(child, *, refer):
    s47 = S47EnquiryFactory(episode=child.episodes.get())
    return ConferenceDetailFactory(
        s47=s47,
        meeting=ConferenceMeetingFactory(kind=MeetingKind.RCPC, held_at=at(dt.date(2026, 3, 2))),
        refer_legal_planning=refer,
    )


@pytest.mark.parametrize("refer", [True, False])
def test_review_conference_links_to_legal_planning_when_it_asked(client, manager, children, refer):
    conference = _review(children[0], refer=refer)
    client.force_login(manager)
    page = client.get(f"/child-protection/conferences/{conference.meeting_id}/").content.decode()
    link = (
        f"/legal/children/{children[0].pk}/legal-planning/new/?conference={conference.meeting_id}"
    )
    assert (link in page) is refer


def test_legal_planning_from_a_conference_records_what_asked_for_it(client, manager, children):
    conference = _review(children[0], refer=True)
    client.force_login(manager)
    url = f"/legal/children/{children[0].pk}/legal-planning/new/?conference={conference.meeting_id}"
    page = client.get(url).content.decode()
    assert "Asked for by the review child protection conference on 2 March 2026." in page
    response = client.post(url, {**_lpm_data(dt.date(2026, 3, 9)), "children": [children[0].pk]})
    assert response.status_code == 302
    detail = LegalPlanningDetail.objects.get()
    assert (detail.requested_from, detail.conference) == (RequestedFrom.CONFERENCE, conference)


def test_unknown_conference_is_not_found(client, manager, children):
    client.force_login(manager)
    url = f"/legal/children/{children[0].pk}/legal-planning/new/?conference=999999"
    assert client.get(url).status_code == 404


def test_practice_alert_links_to_legal_planning_for_managers(client, users, manager, children):
    alert = PracticeAlertFactory(plan__episode=children[0].episodes.get())
    PracticeAlertStageFactory(alert=alert, recipient=manager)
    client.force_login(manager)
    page = client.get(f"/child-protection/practice-alerts/{alert.pk}/").content.decode()
    url = f"/legal/children/{children[0].pk}/legal-planning/new/?alert={alert.pk}"
    assert url in page
    response = client.post(url, {**_lpm_data(dt.date(2026, 3, 9)), "children": [children[0].pk]})
    assert response.status_code == 302
    assert LegalPlanningDetail.objects.get().practice_alert == alert
    client.force_login(users[Role.CP_CHAIR])
    response = client.get(f"/child-protection/practice-alerts/{alert.pk}/")
    assert response.status_code == 200
    assert "legal-planning/new" not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.SOCIAL_WORKER, False),
        (Role.CP_CHAIR, False),
        (Role.TEAM_MANAGER, True),
        (Role.SERVICE_MANAGER, True),
        (Role.SENIOR_LEADER, True),
    ],
)
def test_trackers_on_the_oversight_page_for_managers_and_above(client, users, role, shown):
    client.force_login(users[role])
    response = client.get("/oversight/")
    page = response.content.decode() if response.status_code == 200 else ""
    assert ('href="/legal/trackers/pre-proceedings/"' in page) is shown
    assert ('href="/legal/trackers/proceedings/"' in page) is shown
