"""Nothing typed into a plan is lost (issue 11): two people editing the same part of a plan (the
second save is refused, and shows what the first saved), and a save sent after the session ended
(kept, offered back after signing in again)."""

import datetime as dt
import re

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from cairn.casework.models import Contingency, FgcStatus, Outcome
from cairn.casework.services.plans import contingency_update, outcome_add
from cairn.core.models import AuditEvent
from cairn.testing.client import VerifiedClient
from cairn.testing.two_factor import code_for_device

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
FORM = {"response": "B", "who_acts": "C", "fgc_status": FgcStatus.OFFERED}


@pytest.fixture
def outcome(worker, draft_plan):
    return outcome_add(actor=worker, version=draft_plan.versions.get(), text="Gets to school")


def _open(client, url):
    """Open the edit page; return the address its form posts to (it carries the version)."""
    return url + _version_query(client.get(url).content.decode())


def _version_query(page: str) -> str:
    return re.search(r'action="(\?v=\d+)"', page).group(1)


class TestTwoPeopleEditingTheSameOutcome:
    def test_the_second_save_is_refused_and_shows_the_first_persons_changes(
        self, client, worker, manager, outcome
    ):
        edit = reverse("casework:outcome_edit", args=[outcome.pk])
        alice, bob = client, VerifiedClient()
        alice.force_login(worker)
        bob.force_login(manager)
        alice_form, bob_form = _open(alice, edit), _open(bob, edit)

        saved = alice.post(alice_form, {"text": "Gets to school on time", "measure_source": ""})
        assert saved.status_code == 302
        refused = bob.post(bob_form, {"text": "Attends every day", "measure_source": ""})

        assert refused.status_code == 200
        page = refused.content.decode()
        assert "was changed by someone else while you were editing it" in page
        assert 'data-testid="their-changes"' in page
        assert f"What {worker.get_full_name()} saved on" in page
        assert "Gets to school on time" in page  # their change, shown
        assert "Attends every day" in page  # and Bob's own text, still in his form
        outcome.refresh_from_db()
        assert outcome.text == "Gets to school on time"  # nothing overwritten
        assert AuditEvent.objects.filter(object_id=str(outcome.pk), action="update").count() == 1

    def test_after_seeing_their_changes_the_second_person_can_save_deliberately(
        self, client, worker, manager, outcome
    ):
        edit = reverse("casework:outcome_edit", args=[outcome.pk])
        bob = VerifiedClient()
        client.force_login(worker)
        bob.force_login(manager)
        bob_form = _open(bob, edit)
        client.post(_open(client, edit), {"text": "First", "measure_source": ""})
        refused = bob.post(bob_form, {"text": "Second", "measure_source": ""})
        retry = _version_query(refused.content.decode())

        assert bob.post(edit + retry, {"text": "Second", "measure_source": ""}).status_code == 302
        outcome.refresh_from_db()
        assert outcome.text == "Second"

    def test_contingency_edits_are_checked_the_same_way(self, client, worker, manager, draft_plan):
        version = draft_plan.versions.get()
        contingency_update(
            actor=worker,
            version=version,
            triggers="A",
            response="B",
            who_acts="C",
            fgc_status=FgcStatus.OFFERED,
        )
        edit = reverse("casework:contingency_edit", args=[version.pk])
        bob = VerifiedClient()
        client.force_login(worker)
        bob.force_login(manager)
        alice_form, bob_form = _open(client, edit), _open(bob, edit)
        assert client.post(alice_form, {**FORM, "triggers": "Mum drinks again"}).status_code == 302

        refused = bob.post(bob_form, {**FORM, "triggers": "School exclusion"})

        assert "changed by someone else" in refused.content.decode()
        assert "Mum drinks again" in refused.content.decode()
        assert Contingency.objects.get().triggers == "Mum drinks again"


def test_a_save_sent_after_the_session_ended_is_kept_and_offered_back(worker, outcome):
    """The session ends after 30 idle minutes; the form sent then is not lost."""
    device = TOTPDevice.objects.create(user=worker, name="App", confirmed=True)
    browser = Client()
    edit = reverse("casework:outcome_edit", args=[outcome.pk])
    with time_machine.travel(dt.datetime(2026, 3, 16, 9, 0, tzinfo=dt.UTC), tick=False) as clock:
        browser.post(
            reverse("accounts:sign_in"), {"username": worker.username, "password": PASSWORD}
        )
        browser.post(reverse("accounts:two_factor_verify"), {"otp_token": code_for_device(device)})
        form_url = _open(browser, edit)

        # The worker types for longer than the idle timeout, then saves.
        clock.shift(dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60))
        sent = browser.post(form_url, {"text": "Typed before the timeout", "measure_source": ""})

        resume = reverse("accounts:resume_form")
        assert sent.status_code == 302
        assert sent["Location"] == f"{reverse('accounts:sign_in')}?next={resume}"
        outcome.refresh_from_db()
        assert outcome.text == "Gets to school"  # not saved by an ended session
        sign_in_page = browser.get(sent["Location"]).content.decode()
        assert 'data-testid="form-kept"' in sign_in_page

        # Signing in again (password and code) leads to the kept form.
        step = browser.post(sent["Location"], {"username": worker.username, "password": PASSWORD})
        clock.shift(dt.timedelta(seconds=31))  # a new code
        back = browser.post(step["Location"], {"otp_token": code_for_device(device)})
        assert back["Location"] == resume
        page = browser.get(resume).content.decode()
        assert "Your changes were not saved" in page
        assert "Typed before the timeout" in page
        assert f'action="{form_url}"' in page.replace("&amp;", "&")

        # Sending it again saves it, through the page's own checks.
        saved = browser.post(form_url, {"text": "Typed before the timeout", "measure_source": ""})
        assert saved.status_code == 302
        outcome.refresh_from_db()
        assert outcome.text == "Typed before the timeout"
        assert browser.get(resume)["Location"] == reverse("home")  # no longer kept


def test_a_kept_form_can_be_discarded(client, worker, outcome):
    client.force_login(worker)
    session = client.session
    session["cairn_pending_form"] = {
        "path": "/x/",
        "fields": [["text", "Draft"]],
        "kept_at": dt.datetime.now(dt.UTC).isoformat(),
    }
    session.save()
    assert "Draft" in client.get(reverse("accounts:resume_form")).content.decode()
    client.post(reverse("accounts:resume_form"))
    assert client.get(reverse("accounts:resume_form"))["Location"] == reverse("home")


def test_a_post_from_a_browser_that_never_signed_in_is_not_kept(outcome):
    browser = Client()
    edit = reverse("casework:outcome_edit", args=[outcome.pk])
    response = browser.post(edit, {"text": "x"})
    assert response["Location"] == f"{reverse('accounts:sign_in')}?next={edit}"
    assert "cairn_pending_form" not in browser.session
    assert Outcome.objects.get().text == "Gets to school"
