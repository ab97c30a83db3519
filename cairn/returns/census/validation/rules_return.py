"""Rules on the header and the whole return. Each takes the children's summaries (in file
order) and the context; see registry.py."""

from collections import Counter

from cairn.returns.census.validation.model import ChildSummary
from cairn.returns.census.validation.registry import Context, rule
from cairn.returns.census.validation.rules_pp import PP_SINCE

Summaries = list[ChildSummary]


@rule(
    "100", "ReferenceDate is missing or is not 31 March of the collection Year", whole_return=True
)
def _100(children: Summaries, x: Context):
    r = x.header.reference_date
    return r is None or (r.month, r.day) != (3, 31) or x.header.year_text != str(r.year)


@rule(
    "2883",
    "More child protection plans start in the year than initial conferences are held in it",
    whole_return=True,
)
def _2883(children: Summaries, x: Context):
    plans = sum(c.cp_plans_started for c in children)
    icpcs = sum(c.icpcs_held for c in children)
    return plans > icpcs


@rule(
    "2886Q",
    "Over 2% of children (not unborn) have Sex missing or U",
    whole_return=True,
)
def _2886(children: Summaries, x: Context):
    unknown = sum(1 for c in children if not c.unborn and c.sex in ("", "U"))
    return bool(children) and unknown / len(children) > 0.02


@rule(
    "2887Q",
    "Fewer than 8 different disability codes (not NONE) are recorded across the return",
    whole_return=True,
)
def _2887(children: Summaries, x: Context):
    return len({d for c in children for d in c.disabilities if d != "NONE"}) < 8


@rule("2888Q", "No child has more than one disability recorded", whole_return=True)
def _2888(children: Summaries, x: Context):
    return not any(len(c.disabilities) > 1 for c in children)


@rule("8510", "The same LAchildID is used for more than one child", whole_return=True)
def _8510(children: Summaries, x: Context):
    counts = Counter(c.id for c in children if c.id)
    return [c.id for c in children if counts[c.id] > 1]


@rule("1520", "The same UPN is used for more than one child", whole_return=True)
def _1520(children: Summaries, x: Context):
    counts = Counter(c.upn for c in children if c.upn)
    return [c.id for c in children if c.upn and counts[c.upn] > 1]


@rule("8995Q", "No child has pre-proceedings data", whole_return=True, since=PP_SINCE)
def _8995(children: Summaries, x: Context):
    return not any(c.has_pre_proceedings for c in children)
