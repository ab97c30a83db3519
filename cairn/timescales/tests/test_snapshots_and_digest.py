"""The daily alert snapshot and the alert digest (ADR 0019)."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from cairn.accounts.roles import Role
from cairn.core.working_days import council_calendar
from cairn.testing.factories import AllocationFactory, PersonFactory, UserFactory
from cairn.testing.records_factories import ActivePlanFactory, EpisodeFactory, VisitFactory
from cairn.timescales.engine import alerts_as_of
from cairn.timescales.models import AlertSnapshot

pytestmark = pytest.mark.django_db
D = dt.date(2026, 3, 31)


def open_cin_child(*, team, worker=None, since=dt.date(2025, 11, 3)):
    """A child open since `since` on a CIN plan from then, never visited (by default its visit
    is long overdue on D; open on D itself, its alerts are all new on D)."""
    child = PersonFactory()
    episode = EpisodeFactory(child=child, referral_date=since)
    AllocationFactory(child=child, team=team, worker=worker, started_on=since)
    ActivePlanFactory(episode=episode, child=child, started_on=max(since, dt.date(2025, 12, 1)))
    return child, episode


def snapshot(day: dt.date) -> str:
    out = StringIO()
    call_command("snapshot_alerts", "--as-of", day.isoformat(), stdout=out)
    return out.getvalue()


def stored(day: dt.date) -> dict:
    return {(s.rule, s.team_id, s.status): s.count for s in AlertSnapshot.objects.filter(date=day)}


class TestSnapshot:
    def test_counts_alerts_by_rule_team_and_status(self, teams, users):
        open_cin_child(team=teams["north"], worker=users[Role.SOCIAL_WORKER])
        open_cin_child(team=teams["north"], worker=users[Role.SOCIAL_WORKER])
        open_cin_child(team=teams["south"])
        assert "Snapshot of 2026-03-31" in snapshot(D)
        counts = stored(D)
        assert counts[("CIN_VISIT_DUE", teams["north"].pk, "overdue")] == 2
        assert counts[("CIN_VISIT_DUE", teams["south"].pk, "overdue")] == 1
        assert sum(counts.values()) == len(alerts_as_of(as_of=D))

    def test_rerunning_a_date_replaces_its_counts_and_keeps_other_dates(self, teams, users):
        child, episode = open_cin_child(team=teams["north"], worker=users[Role.SOCIAL_WORKER])
        snapshot(D)
        snapshot(D - dt.timedelta(days=7))
        before_other = stored(D - dt.timedelta(days=7))
        assert stored(D)[("CIN_VISIT_DUE", teams["north"].pk, "overdue")] == 1
        VisitFactory(episode=episode, child=child, visited_on=D)
        snapshot(D)
        snapshot(D)
        after = stored(D)
        assert ("CIN_VISIT_DUE", teams["north"].pk, "overdue") not in after
        assert AlertSnapshot.objects.filter(date=D).count() == len(after)
        assert stored(D - dt.timedelta(days=7)) == before_other

    def test_a_bad_date_is_a_clear_error(self):
        with pytest.raises(CommandError, match="YYYY-MM-DD"):
            call_command("snapshot_alerts", "--as-of", "31/03/2026", stdout=StringIO())
        assert not AlertSnapshot.objects.exists()


def digest(day: dt.date) -> str:
    out = StringIO()
    call_command("send_alert_digest", "--as-of", day.isoformat(), stdout=out)
    return out.getvalue()


class TestDigest:
    @pytest.fixture(autouse=True)
    def base_url(self, settings):
        settings.CAIRN_BASE_URL = "https://cairn.example"

    def test_each_user_with_alerts_gets_one_email_with_links(self, teams, users):
        worker = users[Role.SOCIAL_WORKER]
        worker.email = "worker@example.invalid"
        worker.save()
        old, _ = open_cin_child(team=teams["north"], worker=worker)
        # A plan from 10 March: its first visit is due 9 April (20 WD, over Easter), which
        # came into the 5-WD warning window on D (31 March), not the day before.
        since = dt.date(2026, 3, 10)
        calendar = council_calendar()
        assert calendar.add_working_days(since, 20) == calendar.add_working_days(D, 5)
        new, _ = open_cin_child(team=teams["north"], worker=worker, since=since)
        quiet = UserFactory(email="quiet@example.invalid", team=teams["north"])
        assert "1 emails sent" in digest(D)
        assert len(mail.outbox) == 1
        message = mail.outbox[0]
        assert message.to == ["worker@example.invalid"]
        fresh, _, still = message.body.partition("Still overdue")
        assert "New since yesterday" in fresh
        assert new.la_child_id in fresh
        assert old.la_child_id not in fresh
        assert old.la_child_id in still
        assert f"https://cairn.example/children/{old.pk}/visits/new/" in still
        assert old.family_name not in message.body  # no names in email
        assert quiet.email not in {m.to[0] for m in mail.outbox}

    def test_an_unchanged_alert_is_not_new_but_still_listed_while_overdue(self, teams, users):
        worker = users[Role.SOCIAL_WORKER]
        worker.email = "worker@example.invalid"
        worker.save()
        child, _ = open_cin_child(team=teams["north"], worker=worker)
        digest(D)
        mail.outbox.clear()
        digest(D + dt.timedelta(days=1))
        body = mail.outbox[0].body
        new, _, still = body.partition("Still overdue")
        assert "CIN_VISIT_DUE" not in new
        assert "CIN_VISIT_DUE" in still

    def test_an_unallocated_case_goes_to_the_team_manager(self, teams, users):
        manager = users[Role.TEAM_MANAGER]
        manager.email = "manager@example.invalid"
        manager.save()
        child, _ = open_cin_child(team=teams["north"], since=D)
        digest(D)
        bodies = {m.to[0]: m.body for m in mail.outbox}
        fresh = bodies["manager@example.invalid"].partition("Still overdue")[0]
        assert f"(UNALLOCATED), child {child.la_child_id}" in fresh

    def test_inactive_users_and_users_without_an_address_get_none(self, teams):
        gone = UserFactory(email="gone@example.invalid", team=teams["north"], is_active=False)
        open_cin_child(team=teams["north"], worker=gone)
        nameless = UserFactory(email="", team=teams["north"])
        open_cin_child(team=teams["north"], worker=nameless)
        output = digest(D)
        assert mail.outbox == []
        assert "1 users with alerts have no email address" in output
