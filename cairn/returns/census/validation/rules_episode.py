"""Rules on CIN episodes: referral, closure, NFA and what an episode may hold."""

import datetime as dt

from cairn.returns.census.validation.codes import (
    BOOLEANS,
    CLOSURE_REASONS,
    PRIMARY_NEEDS,
    REFERRAL_SOURCES,
)
from cairn.returns.census.validation.model import Child, Episode
from cairn.returns.census.validation.registry import before, rule

# CIN episodes


@rule("8590", "Child has no CIN details")
def _8590(c, x):
    return not c.episodes


@rule("8600", "Referral date is missing or after the reference date")
def _8600(c, x):
    return any(e.referral is None or e.referral > x.ref for e in c.episodes)


@rule("8620", "Closure date is outside the census year")
def _8620(c, x):
    return any(e.closed and not x.in_year(e.closed) for e in c.episodes)


@rule("8630", "Closure date is before the referral date")
def _8630(c, x):
    return any(before(e.closed, e.referral) for e in c.episodes)


@rule("8805", "Closure date given without a reason for closure")
def _8805(c, x):
    return any(e.closed and not e.reason for e in c.episodes)


@rule("8810", "Reason for closure given without a closure date")
def _8810(c, x):
    return any(e.reason and not e.closed for e in c.episodes)


@rule("8640", "Reason for closure is invalid")
def _8640(c, x):
    return any(e.reason and e.reason not in CLOSURE_REASONS for e in c.episodes)


@rule("8650", "Primary need code is invalid")
def _8650(c, x):
    return any(e.need and e.need not in PRIMARY_NEEDS for e in c.episodes)


@rule("8610", "Primary need is missing on a referral that is not NFA")
def _8610(c, x):
    return any(not e.need and not e.nfa for e in c.episodes)


@rule("8866", "Referral source is missing or invalid")
def _8866(c, x):
    return any(e.source not in REFERRAL_SOURCES for e in c.episodes)


@rule("8568", "ReferralNFA is missing or not a boolean")
def _8568(c, x):
    return any(e.nfa_text not in BOOLEANS for e in c.episodes)


@rule("8569Q", "A referral from before the census year is marked NFA")
def _8569(c, x):
    return any(e.nfa and before(e.referral, x.nfa_grace) for e in c.episodes)


def _open_non_nfa(c: Child) -> list[Episode]:
    return [e for e in c.episodes if e.closed is None and not e.nfa]


@rule("8815", "More than one open episode (not NFA)")
def _8815(c, x):
    return len(_open_non_nfa(c)) > 1


@rule("8816", "The open episode is not the latest episode")
def _8816(c, x):
    opened = _open_non_nfa(c)
    dated = [e.referral for e in c.episodes if e.referral]
    return len(opened) == 1 and opened[0].referral is not None and opened[0].referral < max(dated)


@rule("8820", "The child's episodes overlap")
def _8820(c, x):
    dated = sorted((e for e in c.episodes if e.referral), key=lambda e: e.referral)
    return any(
        later.referral < (earlier.closed or dt.date.max)
        for earlier, later in zip(dated, dated[1:], strict=False)
    )


@rule("8831", "NFA referral has an assessment, S47 enquiry or initial conference")
def _8831(c, x):
    return any(e.nfa and (e.assessments or e.s47s or e.icpc) for e in c.episodes)


@rule("8832", "NFA referral has a CP plan")
def _8832(c, x):
    return any(e.nfa and e.cp_plans for e in c.episodes)


@rule("4000", "NFA referral has a CIN plan")
def _4000(c, x):
    return any(e.nfa and e.cin_plans for e in c.episodes)


@rule("2990", "Episode closed RC8/RC9 has a S47, initial conference, CIN plan or CP plan")
def _2990(c, x):
    return any(
        e.reason in ("RC8", "RC9") and (e.s47s or e.icpc or e.cin_plans or e.cp_plans)
        for e in c.episodes
    )


@rule("8825Q", "Episode closed RC8/RC9 has no assessment")
def _8825(c, x):
    return any(e.reason in ("RC8", "RC9") and not e.assessments for e in c.episodes)


@rule("8565", "Closure date is before an activity date in the episode")
def _8565(c, x):
    return any(e.closed and any(d > e.closed for d in e.activity_dates()) for e in c.episodes)


@rule("8867", "Closed episode has an assessment that is not authorised")
def _8867(c, x):
    return any(e.closed and any(a.auth is None for a in e.assessments) for e in c.episodes)


@rule(
    "8868",
    "Closed episode has a S47 with no initial conference date and ICPCnotRequired not 1 "
    "(or with both)",
)
def _8868(c, x):
    return any(
        e.closed
        and any(
            (s.icpc is None and s.not_required is not True)
            or (s.icpc is not None and s.not_required is True)
            for s in e.s47s
        )
        for e in c.episodes
    )
