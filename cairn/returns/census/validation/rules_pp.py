"""Rules on the pre-proceedings and FGDM block (2026/27 on; provisional draft rules)."""

import datetime as dt

from cairn.returns.census.validation.codes import BOOLEANS, PP_OUTCOMES
from cairn.returns.census.validation.model import Child, parse_date
from cairn.returns.census.validation.registry import before, rule

# Pre-proceedings and FGDM (2026/27 on; provisional draft rules)

PP_SINCE = 2027


def _pp(c: Child):
    return (pp for e in c.episodes for pp in e.pre_proceedings)


def _ppd(pp: dict, tag: str) -> dt.date | None:
    return parse_date(pp.get(tag))


@rule("9000Q", "Pre-proceedings has no start date", since=PP_SINCE)
def _9000(c, x):
    return any(not pp.get("PPStartDate") for pp in _pp(c))


@rule("9005", "Pre-proceedings start date is outside the census year", since=PP_SINCE)
def _9005(c, x):
    return any(pp.get("PPStartDate") and not x.in_year(_ppd(pp, "PPStartDate")) for pp in _pp(c))


@rule(
    "9006",
    "Letter before proceedings date is outside the year or before the start",
    since=PP_SINCE,
)
def _9006(c, x):
    return any(
        pp.get("LBPSentDate")
        and (
            not x.in_year(_ppd(pp, "LBPSentDate"))
            or before(_ppd(pp, "LBPSentDate"), _ppd(pp, "PPStartDate"))
        )
        for pp in _pp(c)
    )


@rule(
    "9007", "FGDM meeting offer reported without a letter before proceedings date", since=PP_SINCE
)
def _9007(c, x):
    return any(pp.get("FGDMMeetingOffer") and not pp.get("LBPSentDate") for pp in _pp(c))


@rule("9008", "Initial pre-proceedings meeting date is outside the census year", since=PP_SINCE)
def _9008(c, x):
    return any(
        pp.get("InitialPPMeetingDate") and not x.in_year(_ppd(pp, "InitialPPMeetingDate"))
        for pp in _pp(c)
    )


@rule(
    "9009",
    "Step decision date is outside the year or before the pre-proceedings start",
    since=PP_SINCE,
)
def _9009(c, x):
    return any(
        pp.get("StepDecisionDate")
        and (
            not x.in_year(_ppd(pp, "StepDecisionDate"))
            or before(_ppd(pp, "StepDecisionDate"), _ppd(pp, "PPStartDate"))
        )
        for pp in _pp(c)
    )


@rule("9010Q", "FGDM meeting offered but whether it was facilitated is missing", since=PP_SINCE)
def _9010(c, x):
    return any(
        BOOLEANS.get(pp.get("FGDMMeetingOffer", "")) is True and not pp.get("FGDMMeetingFac")
        for pp in _pp(c)
    )


@rule("9011", "Pre-proceedings outcome is invalid", since=PP_SINCE)
def _9011(c, x):
    return any(pp.get("PPOutcome") and pp["PPOutcome"] not in PP_OUTCOMES for pp in _pp(c))


@rule(
    "9012",
    "Court application date is outside the year or before the step decision",
    since=PP_SINCE,
)
def _9012(c, x):
    return any(
        pp.get("CourtAppDate")
        and (
            not x.in_year(_ppd(pp, "CourtAppDate"))
            or before(_ppd(pp, "CourtAppDate"), _ppd(pp, "StepDecisionDate"))
        )
        for pp in _pp(c)
    )


@rule(
    "9013",
    "Letter of intent to start proceedings is outside the year or before the court application",
    since=PP_SINCE,
)
def _9013(c, x):
    return any(
        pp.get("LetterInitCPDate")
        and (
            not x.in_year(_ppd(pp, "LetterInitCPDate"))
            or before(_ppd(pp, "LetterInitCPDate"), _ppd(pp, "CourtAppDate"))
        )
        for pp in _pp(c)
    )


@rule("9015Q", "Initial meeting given but the review meetings count is missing", since=PP_SINCE)
def _9015(c, x):
    return any(
        pp.get("InitialPPMeetingDate") and not pp.get("ReviewMeetingsCount") for pp in _pp(c)
    )
