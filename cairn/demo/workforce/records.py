"""Staff records, team establishments and thresholds, the council's caseload weights and
supervision standard, and training records."""

import datetime as dt
import random
from decimal import Decimal

from cairn.accounts.models import Team
from cairn.accounts.roles import Role, TeamKind
from cairn.demo.context import SeedContext
from cairn.demo.distributions import Weighted
from cairn.demo.workforce.roster import DAY, REGISTERED_ROLES, Workforce, write_recs
from cairn.workforce.models import (
    CaseloadWeight,
    CaseType,
    StaffRecord,
    SupervisionStandard,
    TeamEstablishment,
    TrainingRecord,
)

YEAR = 365
# Years between qualifying and joining the council, by role (est.).
QUALIFIED_BEFORE = {
    Role.SOCIAL_WORKER: (0, 6),
    Role.SENIOR_PRACTITIONER: (2, 10),
    Role.TEAM_MANAGER: (5, 15),
}
QUALIFIED_BEFORE_OTHERS = (8, 20)
DEFAULT_THRESHOLD = 20  # CASELOAD_HIGH (shared/domain/timescales.md)
# The council's caseload weights (est.; weighting models count a protection or pre-proceedings
# case as more than one child in need).
WEIGHTS = {
    CaseType.ASSESSMENT: Decimal("1.00"),
    CaseType.EARLY_HELP: Decimal("0.50"),
    CaseType.CIN: Decimal("1.00"),
    CaseType.CP: Decimal("1.50"),
    CaseType.PRE_PROCEEDINGS: Decimal("2.00"),
    CaseType.LOOKED_AFTER: Decimal("1.25"),
}
# (course, years valid or None, who takes it: "all", "registered" or "managers")
COURSES = [
    ("Safeguarding children and young people (level 3)", 3, "registered"),
    ("Data protection and information governance", 1, "all"),
    ("Working Together to Safeguard Children 2023", None, "registered"),
    ("Domestic abuse: the Safe and Together model", None, "registered"),
    ("Signs of Safety foundation", None, "registered"),
    ("Court skills and giving evidence", None, "registered"),
    ("Contextual safeguarding and exploitation", 3, "registered"),
    ("Mental Capacity Act 2005", 3, "registered"),
    ("Practice educator (stage 1)", None, "registered"),
    ("Equality, diversity and inclusion", 3, "all"),
    ("Supervision skills for managers", None, "managers"),
]
MANAGERS = (Role.TEAM_MANAGER, Role.SERVICE_MANAGER, Role.SENIOR_LEADER)
VACANCIES = Weighted([(Decimal("0"), 4), (Decimal("1"), 4), (Decimal("2"), 2)])
STRETCHED_VACANCIES = Weighted([(Decimal("1"), 2), (Decimal("2"), 3), (Decimal("3"), 1)])


def staff_records(ctx: SeedContext, wf: Workforce, rng: random.Random) -> int:
    """One staff record per member of staff: SWE number ("SW" and six digits) for registered
    roles, when they qualified, started and (leavers) left."""
    numbers = iter(rng.sample(range(100_000, 1_000_000), len(wf.members)))
    rows = []
    for m in sorted(wf.members.values(), key=lambda m: m.pk):
        registered = m.role in REGISTERED_ROLES
        if registered and m.qualified_on is None:
            low, high = QUALIFIED_BEFORE.get(m.role, QUALIFIED_BEFORE_OTHERS)
            m.qualified_on = m.started_on - DAY * rng.randint(low * YEAR + 30, high * YEAR + 60)
        rows.append(
            StaffRecord(
                user_id=m.pk,
                swe_number=f"SW{next(numbers)}" if registered else "",
                qualified_on=m.qualified_on,
                started_on=m.started_on,
                left_on=m.left_on,
                created_by=ctx.actor,
                updated_by=ctx.actor,
            )
        )
    ctx.writer.create(StaffRecord, rows)
    return len(rows)


def thresholds(wf: Workforce) -> dict[int, int]:
    """Each case-holding team's caseload threshold: the default 20, set lower in the stretched
    children in need and protection teams so that their busiest workers are over it."""
    counts = wf.open_counts()
    result = {}
    for team in wf.teams.values():
        if not team.case_holding:
            continue
        result[team.pk] = DEFAULT_THRESHOLD
        if team.stretched:
            loads = [counts.get(m.pk, 0) for m in wf.practitioners(team.pk) if m.left_on is None]
            busiest = max(loads, default=0)
            if busiest >= 4:
                result[team.pk] = min(DEFAULT_THRESHOLD, busiest - 2)
    for value in set(result.values()):
        Team.objects.filter(pk__in=[pk for pk, v in result.items() if v == value]).update(
            caseload_threshold=value
        )
    return result


def establishment(ctx: SeedContext, wf: Workforce, rng: random.Random) -> Decimal:
    """Funded posts per team: filled FTE plus vacancies (more in the stretched teams). The
    stretched teams gained a post at the start of this financial year. Returns the vacancies."""
    filled: dict[int, Decimal] = {}
    for m in wf.active():
        if m.team_id is not None:
            filled[m.team_id] = filled.get(m.team_id, Decimal("0")) + m.fte
    year_start = dt.date(wf.as_of.year - (wf.as_of.month < 4), 4, 1)
    rows, vacant = [], Decimal("0")
    for team in sorted(wf.teams.values(), key=lambda t: t.pk):
        if team.kind in (TeamKind.SERVICE, TeamKind.LEADERSHIP):
            vacancies = Decimal("0")
        elif team.stretched:
            vacancies = STRETCHED_VACANCIES.draw(rng)
        else:
            vacancies = VACANCIES.draw(rng) if team.case_holding else Decimal("0")
        posts = filled.get(team.pk, Decimal("0")) + vacancies
        vacant += vacancies
        periods = [(wf.history_start, posts)]
        if team.stretched:
            periods = [(wf.history_start, posts - 1), (year_start, posts)]
        rows += [
            TeamEstablishment(
                team_id=team.pk,
                from_on=start,
                posts_fte=value,
                created_by=ctx.actor,
                updated_by=ctx.actor,
            )
            for start, value in periods
        ]
    ctx.writer.create(TeamEstablishment, rows)
    return vacant


def council_defaults(ctx: SeedContext) -> None:
    """The caseload weights and the council's supervision standard (monthly; newly qualified
    weekly for 6 weeks, fortnightly to 6 months), unless a migration already made them."""
    if not CaseloadWeight.objects.exists():
        ctx.writer.create(
            CaseloadWeight,
            [
                CaseloadWeight(case_type=t, weight=w, created_by=ctx.actor, updated_by=ctx.actor)
                for t, w in WEIGHTS.items()
            ],
        )
    if not SupervisionStandard.objects.filter(team__isnull=True).exists():
        ctx.writer.create(
            SupervisionStandard,
            [SupervisionStandard(team=None, created_by=ctx.actor, updated_by=ctx.actor)],
        )


def training(ctx: SeedContext, wf: Workforce, rng: random.Random) -> int:
    """Mandatory courses (renewed on their cycle, some now expired) and a few others each."""
    rows = []
    for m in sorted(wf.members.values(), key=lambda m: m.pk):
        end = m.left_on or wf.as_of
        registered = m.role in REGISTERED_ROLES
        offered = [
            c
            for c in COURSES
            if c[2] == "all"
            or (c[2] == "registered" and registered)
            or (c[2] == "managers" and m.role in MANAGERS)
        ]
        mandatory = [c for c in offered if c[1] is not None][:2]
        others = [c for c in offered if c not in mandatory]
        chosen = mandatory + rng.sample(others, min(len(others), rng.randint(1, 3)))
        for course, years, _ in chosen:
            # The latest completion: mostly in date, sometimes lapsed.
            months_ago = rng.randint(0, (years or 4) * 12 + (8 if years else 0))
            done = max(m.started_on, end - DAY * (months_ago * 30 + rng.randint(0, 29)))
            rows.append(
                wf.ids.rec(
                    TrainingRecord,
                    staff=m.pk,
                    course=course,
                    completed_on=done,
                    expires_on=done + DAY * (years * YEAR) if years else None,
                )
            )
    write_recs(ctx, rows)
    return len(rows)
