"""The daily alert digest (issue 7, item 5; ADR 0019): one email per active user with alerts,
listing the alerts that are new since the day before and those overdue, each with a link.

- Whose alerts: the case holder's (alert.worker), a cover worker's for the absent colleague's
  children, the team managers' of the case's team when no worker holds it, and a CP chair's
  for the children whose latest conference they chaired (the pages' scopes).
- New: not in the evaluation of the day before with the same rule, subject, status and due
  date. A deadline moving (a visit recorded, a new deadline) or an alert turning from due soon
  to overdue is news; an alert unchanged since yesterday is not.
- Emails name the child by LA child ID only (not their name): email leaves the system.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse

from cairn.accounts.models import User
from cairn.accounts.roles import Role
from cairn.accounts.selectors import has_left
from cairn.protection.selectors.chair import chair_list
from cairn.timescales.catalogue import CATALOGUE
from cairn.timescales.engine import Alert, Status, alerts_as_of
from cairn.timescales.links import alert_action_url
from cairn.workforce.models import Cover


def alert_key(alert: Alert) -> tuple:
    return (alert.rule, *alert.subject, alert.status, alert.due)


@dataclass
class Digest:
    user: User
    new: list[Alert] = field(default_factory=list)
    overdue: list[Alert] = field(default_factory=list)  # overdue and not new

    @property
    def empty(self) -> bool:
        return not self.new and not self.overdue


def _covers(as_of: dt.date) -> dict[int, list[tuple[int, int | None]]]:
    """Absent worker -> [(cover worker, the one child covered or None for all)] on `as_of`."""
    rows = Cover.objects.filter(
        starts_on__lte=as_of,
        ends_on__gte=as_of,
        removed_at__isnull=True,
        absence__removed_at__isnull=True,
    ).values_list("absence__worker_id", "cover_worker_id", "child_id")
    covers: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for absent, cover, child in rows:
        covers[absent].append((cover, child))
    return covers


def _team_managers(team_ids: set[int]) -> dict[int, list[int]]:
    managers: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(
        team_id__in=team_ids, role=Role.TEAM_MANAGER, is_active=True
    ).values_list("team_id", "pk")
    for team_id, pk in rows:
        managers[team_id].append(pk)
    return managers


def _chaired_children(as_of: dt.date) -> dict[int, set[int]]:
    """Child -> the CP chairs whose latest conference for the child's plan they chaired."""
    chaired: dict[int, set[int]] = defaultdict(set)
    for chair in User.objects.filter(role=Role.CP_CHAIR, is_active=True):
        for entry in chair_list(user=chair, today=as_of):
            chaired[entry.child.pk].add(chair.pk)
    return chaired


def recipients_of(alerts: list[Alert], *, as_of: dt.date) -> dict[int, list[Alert]]:
    """User id -> their alerts, in the order given."""
    covers = _covers(as_of)
    managers = _team_managers({a.team_id for a in alerts if a.worker_id is None and a.team_id})
    chairs = _chaired_children(as_of)
    mine: dict[int, list[Alert]] = defaultdict(list)
    for alert in alerts:
        users: set[int] = set()
        if alert.worker_id is not None:
            users.add(alert.worker_id)
            for cover, child in covers.get(alert.worker_id, []):
                if child is None or child == alert.child_id:
                    users.add(cover)
        elif alert.team_id is not None:
            users.update(managers.get(alert.team_id, []))
        if alert.child_id is not None:
            users.update(chairs.get(alert.child_id, ()))
        for user_id in users:
            mine[user_id].append(alert)
    return mine


def digests_for(*, as_of: dt.date) -> list[Digest]:
    """Each active user's digest for `as_of` (users with nothing new nor overdue left out)."""
    today = alerts_as_of(as_of=as_of)
    yesterday = {alert_key(a) for a in alerts_as_of(as_of=as_of - dt.timedelta(days=1))}
    by_user = recipients_of(today, as_of=as_of)
    users = (
        User.objects.filter(pk__in=list(by_user), is_active=True)
        .exclude(role=Role.SYSTEM)
        .select_related("staff_record")
        .order_by("username")
    )
    digests = []
    for user in users:
        if has_left(user, today=as_of):
            continue
        digest = Digest(user)
        for alert in sorted(by_user[user.pk], key=lambda a: (*a.urgency, a.la_child_id or "")):
            if alert_key(alert) not in yesterday:
                digest.new.append(alert)
            elif alert.status == Status.OVERDUE:
                digest.overdue.append(alert)
        if not digest.empty:
            digests.append(digest)
    return digests


def _line(alert: Alert, base_url: str) -> str:
    name = CATALOGUE[alert.rule].name if alert.rule in CATALOGUE else alert.rule
    subject = f"child {alert.la_child_id}" if alert.la_child_id else f"worker {alert.worker}"
    status = {Status.OVERDUE: "Overdue", Status.DUE_SOON: "Due soon", Status.FLAG: "Flag"}
    return (
        f"- {status.get(alert.status, alert.status)}: {name} ({alert.rule}), {subject}\n"
        f"  {alert.explanation}\n"
        f"  {base_url}{alert_action_url(alert)}"
    )


def _overview_url(user: User) -> str:
    pages = [
        ("timescales.view_my_alerts", "timescales:alerts_mine"),
        ("timescales.view_chair_alerts", "timescales:alerts_chair"),
        ("timescales.view_team_alerts", "timescales:alerts_team"),
    ]
    return next((reverse(name) for perm, name in pages if user.has_perm(perm)), reverse("home"))


def digest_message(digest: Digest, *, as_of: dt.date, base_url: str) -> EmailMessage:
    user = digest.user
    parts = [
        f"Dear {user.get_full_name() or user.username},",
        "",
        f"Your Cairn timescale alerts on {as_of.day} {as_of:%B %Y}.",
    ]
    if digest.new:
        parts += ["", f"New since yesterday ({len(digest.new)})", ""]
        parts += [_line(a, base_url) for a in digest.new]
    if digest.overdue:
        parts += ["", f"Still overdue ({len(digest.overdue)})", ""]
        parts += [_line(a, base_url) for a in digest.overdue]
    parts += ["", f"All your alerts: {base_url}{_overview_url(user)}"]
    subject = (
        f"Cairn alerts for {as_of.isoformat()}: {len(digest.new)} new, "
        f"{len(digest.overdue)} still overdue"
    )
    return EmailMessage(
        subject=subject,
        body="\n".join(parts) + "\n",
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def alert_digest_send(*, as_of: dt.date) -> tuple[int, int]:
    """Send the digests for `as_of` through Django's email backend, over one connection.
    Returns (emails sent, users with alerts but no email address)."""
    base_url = settings.CAIRN_BASE_URL.rstrip("/")
    digests = digests_for(as_of=as_of)
    messages = [digest_message(d, as_of=as_of, base_url=base_url) for d in digests if d.user.email]
    with get_connection() as connection:
        sent = connection.send_messages(messages) if messages else 0
    return sent or 0, len(digests) - len(messages)
