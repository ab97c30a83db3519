"""Where each role can go: a few primary pages in the service navigation, and every oversight
page grouped on one "Oversight" page, so the header stays short whatever the role.

Each link names the permission that guards its page, so a user sees only links they may open.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    permission: str


# The service navigation: the pages a role opens every day.
PRIMARY = [
    Link("Your children", "home", "accounts.view_own_caseload"),
    Link("Your alerts", "timescales:alerts_mine", "timescales.view_my_alerts"),
    Link("Search", "people:search", "people.search_people"),
    Link("Register a child", "people:register_child", "people.register_child"),
    Link("Record a contact", "frontdoor:contact_record", "frontdoor.record_contact"),
    Link("Your conferences", "protection:chair_list", "protection.chair_oversight"),
    Link("Case audits", "quality:programme", "quality.view_programme"),
    Link("Access review", "governance:access_review", "governance.review_access"),
]

# The oversight page: every other page, by area.
OVERSIGHT: list[tuple[str, list[Link]]] = [
    (
        "Your actions",
        [
            Link(
                "Practice alerts for you",
                "protection:practice_alerts_for_me",
                "protection.receive_alerts",
            ),
            Link("Your audit actions", "quality:audit_actions", "quality.view_own_actions"),
        ],
    ),
    (
        "Timescale alerts",
        [
            Link("Team alerts", "timescales:alerts_team", "timescales.view_team_alerts"),
            Link("Service alerts", "timescales:alerts_service", "timescales.view_service_alerts"),
            Link(
                "Alerts for your conferences",
                "timescales:alerts_chair",
                "timescales.view_chair_alerts",
            ),
        ],
    ),
    (
        "Workforce",
        [
            Link("Team caseloads", "workforce:caseloads", "workforce.view_team_caseloads"),
            Link("Absence and cover", "workforce:absence_list", "workforce.view_absences"),
            Link("Supervision", "workforce:supervision", "workforce.view_supervision"),
            Link("Staff", "workforce:staff_list", "workforce.view_staff_list"),
            Link(
                "Workforce report",
                "workforce:workforce_report",
                "workforce.view_workforce_report",
            ),
        ],
    ),
    (
        "Child protection and legal",
        [
            Link("Pre-proceedings tracker", "legal:pre_proceedings_tracker", "legal.view_trackers"),
            Link("Proceedings tracker", "legal:proceedings_tracker", "legal.view_trackers"),
        ],
    ),
    (
        "Edge of care",
        [
            Link("Edge-of-care referrals", "edgeofcare:referral_list", "edgeofcare.view_service"),
            Link("Edge-of-care report", "edgeofcare:service_report", "edgeofcare.view_report"),
        ],
    ),
    (
        "Quality assurance",
        [Link("Audit analysis", "quality:analysis", "quality.view_analysis")],
    ),
    (
        "Information governance",
        [
            Link("Unusual access", "governance:unusual_access", "governance.review_access"),
            Link("Restricted records", "governance:restrictions", "governance.manage_restrictions"),
            Link("Requests for access", "governance:request_list", "governance.decide_requests"),
            Link(
                "Subject access export",
                "governance:subject_access",
                "governance.export_subject_access",
            ),
        ],
    ),
    (
        "Insight for leaders",
        [
            Link("Scorecard", "insight:scorecard", "insight.view_scorecard"),
            Link(
                "Reports for members and leaders",
                "insight:report_list",
                "insight.view_reports",
            ),
        ],
    ),
    (
        "Statutory returns",
        [Link("Statutory returns", "returns:index", "returns.view_returns")],
    ),
    (
        "Settings",
        [
            Link(
                "Caseload weights",
                "workforce:caseload_weights",
                "workforce.manage_caseload_weights",
            ),
            Link("Timescale rules", "timescales:rule_list", "timescales.manage_rules"),
            Link("API integrations", "integrations:list", "api.view_integrations"),
        ],
    ),
]


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool = False


def oversight_links(user) -> list[tuple[str, list[NavItem]]]:
    """The oversight pages the user may open, by area (areas with none left out)."""
    groups = []
    for heading, links in OVERSIGHT:
        items = [
            NavItem(link.label, reverse(link.url_name))
            for link in links
            if user.has_perm(link.permission)
        ]
        if items:
            groups.append((heading, items))
    return groups


def primary_links(user, *, path: str) -> list[NavItem]:
    """The service navigation: the primary pages the user may open, then "Oversight" when they
    may open any oversight page."""
    items = []
    for link in PRIMARY:
        if user.has_perm(link.permission):
            url = reverse(link.url_name)
            items.append(NavItem(link.label, url, active=path == url))
    if oversight_links(user):
        url = reverse("oversight")
        items.append(NavItem("Oversight", url, active=path == url))
    return items
