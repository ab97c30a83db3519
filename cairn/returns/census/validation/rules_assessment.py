"""Rules on assessments and factors, and on section 47 enquiries and initial conferences."""

from cairn.returns.census.validation.codes import FACTORS
from cairn.returns.census.validation.model import Child
from cairn.returns.census.validation.registry import before, inside, rule, weekend

# Assessments


def _assessments(c: Child):
    return ((e, a) for e in c.episodes for a in e.assessments)


@rule("1103", "Assessment starts before the referral")
def _1103(c, x):
    return any(before(a.start, e.referral) for e, a in _assessments(c))


@rule("8608", "Assessment is authorised before it started")
def _8608(c, x):
    return any(before(a.auth, a.start) for _, a in _assessments(c))


@rule("8696", "Assessment authorisation date is outside the census year")
def _8696(c, x):
    return any(a.auth and not x.in_year(a.auth) for _, a in _assessments(c))


@rule("8736", "Open assessment started outside the census year")
def _8736(c, x):
    return any(a.auth is None and not x.in_year(a.start) for _, a in _assessments(c))


@rule("8670Q", "Open assessment started more than 45 working days before the reference date")
def _8670(c, x):
    return any(a.auth is None and before(a.start, x.wd45_before_ref) for _, a in _assessments(c))


@rule("8863Q", "Assessment starts while another assessment is open")
def _8863(c, x):
    for e in c.episodes:
        for i, a in enumerate(e.assessments):
            for j, b in enumerate(e.assessments):
                if i != j and inside(b.start, a.start, a.auth) and (a.start, i) < (b.start, j):
                    return True
    return False


@rule("8896", "More than one open assessment in an episode")
def _8896(c, x):
    return any(sum(1 for a in e.assessments if a.auth is None) > 1 for e in c.episodes)


@rule("8614", "Factors are recorded on an assessment that is not completed")
def _8614(c, x):
    return any(a.auth is None and a.factors for _, a in _assessments(c))


@rule("8897Q", "Assessment authorised in the year has no factors, or an invalid one")
def _8897(c, x):
    return any(
        x.in_year(a.auth) and (not a.factors or any(f not in FACTORS for f in a.factors))
        for _, a in _assessments(c)
    )


@rule("8898", "The same factor is recorded twice on an assessment")
def _8898(c, x):
    return any(len(set(a.factors)) < len(a.factors) for _, a in _assessments(c))


@rule("8869", "Factor 21 (no factors identified) is recorded with other factors")
def _8869(c, x):
    return any("21" in a.factors and len(a.factors) > 1 for _, a in _assessments(c))


@rule("8873Q", "The only assessment found no factors (21) but the closure reason is not RC8/RC9")
def _8873(c, x):
    return any(
        e.closed
        and len(e.assessments) == 1
        and e.assessments[0].factors == ["21"]
        and e.reason not in ("RC8", "RC9")
        for e in c.episodes
    )


@rule("8945Q", "Factor 18A is retired: use 18B or 18C", since=2025)
def _8945(c, x):
    return any("18A" in a.factors for _, a in _assessments(c))


@rule("8950Q", "Factor 19A is retired: use 19B or 19C", since=2025)
def _8950(c, x):
    return any("19A" in a.factors for _, a in _assessments(c))


@rule("2991Q", "Episode has a S47 enquiry but no assessment")
def _2991(c, x):
    return any(e.s47s and not e.assessments for e in c.episodes)


# Section 47 and ICPC


def _s47s(c: Child):
    return ((e, s) for e in c.episodes for s in e.s47s)


@rule("2889", "S47 enquiry starts before the referral")
def _2889(c, x):
    return any(before(s.start, e.referral) for e, s in _s47s(c))


@rule("1104", "Initial conference (S47) is before the referral")
def _1104(c, x):
    return any(before(s.icpc, e.referral) for e, s in _s47s(c))


@rule("8615", "S47 enquiry with an initial conference has no start date or starts after it")
def _8615(c, x):
    return any(s.icpc and (s.start is None or s.start > s.icpc) for _, s in _s47s(c))


@rule("8715", "Initial conference (S47) is outside the census year")
def _8715(c, x):
    return any(s.icpc and not x.in_year(s.icpc) for _, s in _s47s(c))


@rule("8740", "S47 enquiry awaiting an initial conference started outside the census year")
def _8740(c, x):
    return any(s.awaiting and not x.in_year(s.start) for _, s in _s47s(c))


@rule(
    "8675Q",
    "S47 enquiry awaiting an initial conference started over 15 working days before the "
    "reference date",
)
def _8675(c, x):
    return any(s.awaiting and before(s.start, x.wd15_before_ref) for _, s in _s47s(c))


@rule("8839", "More than one S47 enquiry awaiting an initial conference in an episode")
def _8839(c, x):
    return any(sum(1 for s in e.s47s if s.awaiting) > 1 for e in c.episodes)


@rule("8890", "S47 enquiry starts while another is open")
def _8890(c, x):
    for e in c.episodes:
        for i, a in enumerate(e.s47s):
            if not (a.awaiting or a.icpc):
                continue
            for j, b in enumerate(e.s47s):
                if i != j and inside(b.start, a.start, a.icpc) and (a.start, i) < (b.start, j):
                    return True
    return False


@rule("8870Q", "Initial conference target date is at a weekend")
def _8870(c, x):
    return any(weekend(s.target) for _, s in _s47s(c))


@rule("8875", "Initial conference date is at a weekend")
def _8875(c, x):
    return any(weekend(e.icpc) or any(weekend(s.icpc) for s in e.s47s) for e in c.episodes)


@rule("2884", "The same initial conference is recorded at episode and S47 level")
def _2884(c, x):
    return any(e.icpc and any(s.icpc == e.icpc for s in e.s47s) for e in c.episodes)


@rule("2885", "CP plan starting in the year is not on an initial conference date of its episode")
def _2885(c, x):
    return any(
        x.in_year(p.start) and p.start not in e.icpc_dates for e in c.episodes for p in e.cp_plans
    )
