"""Rules on CIN plans and child protection plans."""

from cairn.returns.census.validation.codes import CATEGORIES
from cairn.returns.census.validation.model import Child
from cairn.returns.census.validation.registry import all_cp, before, inside, overlap, rule

# CIN plans


def _cin(c: Child):
    return ((e, p) for e in c.episodes for p in e.cin_plans)


@rule("4010", "CIN plan start date is missing or after the reference date")
def _4010(c, x):
    return any(p.start is None or p.start > x.ref for _, p in _cin(c))


@rule("4015", "CIN plan starts before the referral")
def _4015(c, x):
    return any(before(p.start, e.referral) for e, p in _cin(c))


@rule("4011", "CIN plan ends before it starts")
def _4011(c, x):
    return any(before(p.end, p.start) for _, p in _cin(c))


@rule("4012Q", "CIN plan starts and ends on the same day")
def _4012(c, x):
    return any(p.end and p.end == p.start for _, p in _cin(c))


@rule("4013", "CIN plan end date is outside the census year")
def _4013(c, x):
    return any(p.end and not x.in_year(p.end) for _, p in _cin(c))


@rule("4004", "More than one open CIN plan in an episode")
def _4004(c, x):
    return any(sum(1 for p in e.cin_plans if p.end is None) > 1 for e in c.episodes)


@rule("4014", "CIN plans overlap")
def _4014(c, x):
    return any(overlap(e.cin_plans) for e in c.episodes)


@rule("4001", "Open CIN plan alongside an open CP plan in the same episode")
def _4001(c, x):
    return any(
        any(p.end is None for p in e.cin_plans) and any(p.end is None for p in e.cp_plans)
        for e in c.episodes
    )


@rule("4016", "CIN plan starts inside a CP plan")
def _4016(c, x):
    return any(
        inside(cin.start, cp.start, cp.end)
        for e in c.episodes
        for cin in e.cin_plans
        for cp in e.cp_plans
    )


@rule("4017", "CP plan starts inside a CIN plan")
def _4017(c, x):
    return any(
        inside(cp.start, cin.start, cin.end)
        for e in c.episodes
        for cin in e.cin_plans
        for cp in e.cp_plans
    )


@rule("4003", "A CP review date falls inside a CIN plan")
def _4003(c, x):
    return any(
        inside(day, cin.start, cin.end)
        for e in c.episodes
        for cin in e.cin_plans
        for cp in e.cp_plans
        for day in cp.reviews
        if day != cp.end
    )


# CP plans


def _cp(c: Child):
    return ((e, p) for e in c.episodes for p in e.cp_plans)


@rule("1105", "CP plan starts before the referral")
def _1105(c, x):
    return any(before(p.start, e.referral) for e, p in _cp(c))


@rule("8720", "CP plan start date is missing or after the reference date")
def _8720(c, x):
    return any(p.start is None or p.start > x.ref for _, p in _cp(c))


@rule("8925", "CP plan ends before it starts")
def _8925(c, x):
    return any(before(p.end, p.start) for _, p in _cp(c))


@rule("8840", "CP plan starts and ends on the same day")
def _8840(c, x):
    return any(p.end and p.end == p.start for _, p in _cp(c))


@rule("8930", "CP plan end date is outside the census year")
def _8930(c, x):
    return any(p.end and not x.in_year(p.end) for _, p in _cp(c))


@rule("8935", "More than one open CP plan for the child")
def _8935(c, x):
    return sum(1 for p in all_cp(c) if p.end is None) > 1


@rule("8940", "The child's CP plans overlap")
def _8940(c, x):
    return overlap(all_cp(c))


@rule("8905", "Initial category of abuse is missing or invalid")
def _8905(c, x):
    return any(p.initial not in CATEGORIES for p in all_cp(c))


@rule("8910", "Latest category of abuse is missing or invalid")
def _8910(c, x):
    return any(p.latest not in CATEGORIES for p in all_cp(c))


@rule("8730", "Number of previous CP plans is missing or negative")
def _8730(c, x):
    return any(not (p.previous or "").isdigit() for p in all_cp(c))


@rule("8841", "A CP review date is on or before the plan's start")
def _8841(c, x):
    return any(
        day is not None and p.start is not None and day <= p.start
        for p in all_cp(c)
        for day in p.reviews
    )


@rule("8842Q", "A CP plan's Reviews group has no review date")
def _8842(c, x):
    return any(p.empty_reviews or None in p.reviews for p in all_cp(c))
