"""Shaping edge-of-care records for templates: summary-list rows, dates, tags, the report."""

import datetime as dt

from cairn.core.dates import add_months
from cairn.edgeofcare.models import InterventionOutcome, ReferralStatus
from cairn.edgeofcare.selectors.outcomes import FOLLOW_UP_MONTHS, at_home_after
from cairn.edgeofcare.selectors.records import looked_after_periods_for, referral_list_for_child
from cairn.governance.presenters import mask_restricted_rows
from cairn.people.presenters import format_date

STATUS_TAGS = {
    ReferralStatus.AWAITING_DECISION: "govuk-tag--yellow",
    ReferralStatus.DECLINED: "govuk-tag--grey",
    ReferralStatus.ACCEPTED: "govuk-tag--blue",
    ReferralStatus.IN_INTERVENTION: "govuk-tag--blue",
    ReferralStatus.ENDED: "govuk-tag--green",
}


def long_date(value: dt.date | None) -> str:
    return format_date(value) if value else "Not recorded"


def referral_rows(referral) -> list[tuple[str, str]]:
    rows = [
        ("Child", referral.child.full_name),
        ("Date of referral", long_date(referral.referred_on)),
        ("Referred by", f"{referral.referrer.get_full_name()} ({referral.team.name})"),
        ("Reason", referral.reason),
        ("Risk of entering care", referral.get_risk_of_care_display()),
        ("Status", referral.get_status_display()),
    ]
    if referral.decision:
        rows += [
            (
                "Decision",
                f"{referral.get_decision_display()} on {long_date(referral.decided_on)} by "
                f"{referral.decided_by.get_full_name()}",
            ),
            ("Reason for the decision", referral.decision_reason),
        ]
    return rows


def intervention_rows(intervention) -> list[tuple[str, str]]:
    outcome = "Not ended"
    if intervention.ended_on:
        outcome = intervention.get_outcome_display()
        if intervention.outcome == InterventionOutcome.OTHER:
            outcome += f": {intervention.outcome_other}"
    return [
        ("Worker", intervention.worker.get_full_name()),
        ("Started", long_date(intervention.started_on)),
        ("Goals", intervention.goals),
        ("Ended", long_date(intervention.ended_on) if intervention.ended_on else "Not ended"),
        ("Outcome at the end", outcome),
    ]


def follow_up_rows(intervention, *, today: dt.date) -> list[tuple[str, str]]:
    """The outcome 6 and 12 months after the end, from the child's looked-after periods."""
    if not intervention.ended_on:
        return []
    child_id = intervention.referral.child_id
    periods = looked_after_periods_for(child_ids=[child_id]).get(child_id, [])
    rows = []
    for months in FOLLOW_UP_MONTHS:
        home = at_home_after(
            outcome=intervention.outcome,
            ended_on=intervention.ended_on,
            months=months,
            periods=periods,
            today=today,
        )
        if home is None:
            text = f"Not known until {long_date(add_months(intervention.ended_on, months))}"
        else:
            text = "Remained at home" if home else "Not at home"
        rows.append((f"At {months} months", text))
    return rows


def child_edge_of_care_context(*, user, child) -> dict | None:
    """The child's page section: their edge-of-care referrals, and whether the user may refer.
    None when the user may not see edge-of-care records (the section is then left out)."""
    if not user.has_perm("edgeofcare.view_record", child):
        return None
    referrals = [
        {
            "referral": r,
            "tag": STATUS_TAGS[r.status],
            "referred_on": long_date(r.referred_on),
        }
        for r in referral_list_for_child(child=child)
    ]
    open_now = any(
        r["referral"].status not in (ReferralStatus.DECLINED, ReferralStatus.ENDED)
        for r in referrals
    )
    return {
        "referrals": referrals,
        "can_refer": not open_now and user.has_perm("edgeofcare.refer", child),
    }


def _percent(value: int | None) -> str:
    return "No data" if value is None else f"{value}%"


def _figure_cells(figures) -> list[str]:
    cells = [
        str(figures.supported),
        str(figures.ended),
        f"{_percent(figures.share_end)} ({figures.at_home_end} of {figures.ended})",
    ]
    for months in FOLLOW_UP_MONTHS:
        cells.append(
            f"{_percent(figures.share_after(months))} "
            f"({figures.at_home[months]} of {figures.due[months]})"
        )
    return cells


def report_tables(report) -> dict:
    """One table per cohort (a row per team and a total row), and the service total."""
    return {
        "today": format_date(report.today),
        "by": report.by,
        "cohorts": [
            {
                "label": cohort.label,
                "rows": [(team, _figure_cells(f)) for team, f in cohort.teams],
                "total": _figure_cells(cohort.total),
            }
            for cohort in report.cohorts
        ],
        "total": _figure_cells(report.total),
    }


def open_work_rows(referrals, *, viewer) -> list[dict]:
    """The service's open work; a restricted child `viewer` may not open is "Restricted record"
    (ADR 0023)."""
    referrals = list(referrals)
    return mask_restricted_rows(
        user=viewer,
        people=[r.child for r in referrals],
        rows=[_open_work_row(r) for r in referrals],
    )


def _open_work_row(r) -> dict:
    return {
        "name": r.child.full_name,
        "referral": r,
        "tag": STATUS_TAGS[r.status],
        "referred_on": long_date(r.referred_on),
        "worker": (
            r.intervention.worker.get_full_name() if hasattr(r, "intervention") else "None yet"
        ),
    }
