"""The report for members and leaders (issue 10, item 3; ADR 0028): drafting (attributed,
audited, version-checked), issuing (a frozen snapshot of figures and PDF), and the pages."""

import datetime as dt
import hashlib

import pypdfium2
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse

from cairn.accounts.roles import Role
from cairn.core.records import ConcurrentEditError
from cairn.core.workflows import TransitionRefused
from cairn.insight.measures.base import Scope
from cairn.insight.report import services
from cairn.insight.report.models import MembersReport, ReportDocument, ReportStatus
from cairn.insight.tests.page_data import MARCH, TODAY, referred_child
from cairn.testing.audit import assert_audited

pytestmark = pytest.mark.django_db

NARRATIVE = {
    "summary": "Referrals are steady and assessments are timely.",
    "strengths": "Children are seen alone on visits.",
    "areas_for_development": "Contingency planning on CP plans.",
}


@pytest.fixture(autouse=True)
def pinned_today():
    with override_settings(CAIRN_TODAY=TODAY.isoformat()):
        yield


@pytest.fixture
def referrals(teams):
    for name in ("Amara", "Kofi", "Tyler"):
        referred_child(teams["north"], given_name=name)


def _draft(actor, scope=None, **narrative):
    return services.report_create(
        actor=actor,
        title="Children's services performance, March 2026",
        scope=scope or Scope.council(),
        period_end=dt.date(2026, 3, 20),
        months=12,
        **narrative,
    )


def test_a_senior_leader_drafts_a_report_attributed_and_audited(users):
    leader = users[Role.SENIOR_LEADER]
    report = _draft(leader, **NARRATIVE)
    assert report.status == ReportStatus.DRAFT
    assert report.period_end == MARCH
    assert report.created_by == leader
    assert_audited(instance=report, action="create", actor=leader, fields={"title", "summary"})


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.SENIOR_LEADER, True),
        (Role.SERVICE_MANAGER, False),  # not the council: only their service
        (Role.PERFORMANCE_ANALYST, False),
        (Role.TEAM_MANAGER, False),
        (Role.SOCIAL_WORKER, False),
    ],
    ids=lambda v: getattr(v, "value", v),
)
def test_who_may_draft_a_council_report(users, role, allowed):
    if allowed:
        assert _draft(users[role]).pk
    else:
        with pytest.raises(PermissionDenied):
            _draft(users[role])


def test_a_service_manager_drafts_for_their_service_but_not_another(users, teams):
    manager = users[Role.SERVICE_MANAGER]
    assert _draft(manager, Scope.service(teams["service"].pk)).scope_team == teams["service"]
    with pytest.raises(PermissionDenied):
        _draft(manager, Scope.team(teams["disabled"].pk))


def test_an_edit_from_an_old_version_is_refused(users):
    leader = users[Role.SENIOR_LEADER]
    report = _draft(leader)
    fields = {
        "title": report.title,
        "scope": Scope.council(),
        "period_end": report.period_end,
        "months": 12,
        **NARRATIVE,
    }
    services.report_update(actor=leader, report=report, expected_version=1, **fields)
    with pytest.raises(ConcurrentEditError):
        services.report_update(
            actor=leader, report=report, expected_version=1, **{**fields, "summary": "Other"}
        )
    report.refresh_from_db()
    assert (report.version, report.summary) == (2, NARRATIVE["summary"])
    assert_audited(instance=report, action="update", actor=leader, fields={"summary"})


def test_issuing_needs_the_narrative(users):
    leader = users[Role.SENIOR_LEADER]
    report = _draft(leader, summary="Only a summary")
    with pytest.raises(ValidationError) as error:
        services.report_issue(actor=leader, report=report, expected_version=report.version)
    assert set(error.value.message_dict) == {"strengths", "areas_for_development"}
    assert not ReportDocument.objects.exists()


def _page_text(pdf: bytes) -> tuple[str, object]:
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    return page.get_textpage().get_text_range(), page.render(scale=1).to_pil()


def test_an_issued_report_is_a_snapshot_never_regenerated(client, users, teams, referrals):
    leader = users[Role.SENIOR_LEADER]
    report = _draft(leader, **NARRATIVE)
    issued = services.report_issue(actor=leader, report=report, expected_version=report.version)
    assert issued.status == ReportStatus.ISSUED
    assert (issued.issued_by, issued.issued_at is not None) == (leader, True)
    assert_audited(instance=issued, action="update", actor=leader, fields={"status", "figures"})
    referrals_then = next(m for m in issued.figures["measures"] if m["key"] == "referrals")
    assert referrals_then["latest"] == "3"
    pdf = bytes(ReportDocument.objects.get(report=issued).pdf)
    assert issued.pdf_sha256 == hashlib.sha256(pdf).hexdigest()

    # The PDF renders: page 1 is not blank and carries the title and a headline figure.
    text, image = _page_text(pdf)
    words = " ".join(text.split())
    assert "Children's services performance, March 2026" in words
    assert "Referrals Front door 3 " in words  # the headline figure, in its table row
    assert image.convert("L").getextrema()[0] < 100  # some dark ink on the page

    # When the record changes after issue
    referred_child(teams["south"], given_name="Leah")
    client.force_login(leader)
    live = client.get(reverse("insight:scorecard")).context["card"].row("referrals")
    assert live.latest.value == 4

    # Then the issued report still shows, and serves, exactly what was issued.
    response = client.get(reverse("insight:report_pdf", args=[issued.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content == pdf
    page = client.get(reverse("insight:report_detail", args=[issued.pk]))
    shown = {m.key: m.latest for m in page.context["measures"]}
    assert shown["referrals"] == "3"
    issued.refresh_from_db()
    assert next(m for m in issued.figures["measures"] if m["key"] == "referrals") == referrals_then


def test_an_issued_report_cannot_change_or_be_issued_again(client, users):
    leader = users[Role.SENIOR_LEADER]
    report = _draft(leader, **NARRATIVE)
    issued = services.report_issue(actor=leader, report=report, expected_version=report.version)
    with pytest.raises(TransitionRefused):
        services.report_issue(actor=leader, report=issued, expected_version=issued.version)
    with pytest.raises(ValidationError):
        services.report_update(
            actor=leader,
            report=issued,
            expected_version=issued.version,
            title="New title",
            scope=Scope.council(),
            period_end=MARCH,
            months=12,
            **NARRATIVE,
        )
    client.force_login(leader)
    assert client.get(reverse("insight:report_edit", args=[issued.pk])).status_code == 404
    assert ReportDocument.objects.filter(report=issued).count() == 1


def test_the_report_pages_draft_edit_and_issue(client, users, teams, referrals):
    manager = users[Role.SERVICE_MANAGER]
    client.force_login(manager)
    service = Scope.service(teams["service"].pk)
    response = client.post(
        reverse("insight:report_create"),
        {
            "title": "Service report, March 2026",
            "area": service.key,
            "months": "12",
            "end": "2026-03",
            "summary": "",
            "strengths": "",
            "areas_for_development": "",
        },
    )
    report = MembersReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("insight:report_detail", args=[report.pk])
    draft = client.get(response["Location"])
    assert {m.key: m.latest for m in draft.context["measures"]}["referrals"] == "3"

    # Issuing without the narrative is an error on the page, not a crash.
    issue_url = reverse("insight:report_issue", args=[report.pk])
    refused = client.post(issue_url, {"version": report.version})
    assert refused.status_code == 200
    assert "Enter the strengths before issuing the report" in refused.content.decode()

    edit = client.post(
        reverse("insight:report_edit", args=[report.pk]),
        {
            "title": "Service report, March 2026",
            "area": service.key,
            "months": "12",
            "end": "2026-03",
            "version": report.version,
            **NARRATIVE,
        },
    )
    assert edit.status_code == 302
    report.refresh_from_db()
    assert client.post(issue_url, {"version": report.version}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ISSUED
    assert report.figures["scope"] == {"key": service.key, "name": teams["service"].name}


def test_reports_are_listed_only_to_readers_of_their_area(client, users, teams):
    _draft(users[Role.SENIOR_LEADER])
    _draft(users[Role.SERVICE_MANAGER], Scope.service(teams["service"].pk))
    counts = {}
    for role in (Role.SENIOR_LEADER, Role.SERVICE_MANAGER, Role.TEAM_MANAGER):
        client.force_login(users[role])
        counts[role] = len(client.get(reverse("insight:report_list")).context["reports"])
    assert counts == {Role.SENIOR_LEADER: 2, Role.SERVICE_MANAGER: 1, Role.TEAM_MANAGER: 0}
    council = MembersReport.objects.get(scope_kind="council")
    client.force_login(users[Role.SERVICE_MANAGER])
    assert client.get(reverse("insight:report_detail", args=[council.pk])).status_code == 403
    client.force_login(users[Role.SOCIAL_WORKER])
    assert client.get(reverse("insight:report_list")).status_code == 403
