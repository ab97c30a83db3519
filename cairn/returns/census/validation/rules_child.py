"""Rules on the child: identifiers and UPN, birth and death, characteristics."""

import datetime as dt

from cairn.returns.census.validation.codes import (
    ALNUM,
    DISABILITIES,
    ETHNICITIES,
    FORMER_UPN,
    LA_CODES,
    SEXES,
    UPN_ALPHABET,
    upn_check_letter,
)
from cairn.returns.census.validation.registry import all_cp, before, birthday, rule

# Child identifiers


@rule("8500", "LAchildID is missing")
def _8500(c, x):
    return not c.id


@rule("1570", "LAchildID is longer than 20 characters", since=2025)
def _1570(c, x):
    return len(c.id) > 20


@rule("1580", "LAchildID contains a character that is not a letter or digit", since=2025)
def _1580(c, x):
    return bool(c.id) and not ALNUM.match(c.id)


@rule("1510", "UPN has an invalid check letter")
def _1510(c, x):
    u = c.upn
    return len(u) == 13 and u[1:].isdigit() and upn_check_letter(u[1:]) != u[0].upper()


@rule("1530", "UPN characters 2-4 are not a valid LA code")
def _1530(c, x):
    return bool(c.upn) and c.upn[1:4] not in LA_CODES


@rule("1540", "UPN characters 5-12 are not all digits")
def _1540(c, x):
    return bool(c.upn) and not (len(c.upn) >= 12 and c.upn[4:12].isdigit())


@rule("1550", "UPN character 13 is not a digit or a letter other than I, O or S")
def _1550(c, x):
    if not c.upn:
        return False
    last = c.upn[12:13].upper()
    return len(c.upn) != 13 or not (last.isdigit() or last in UPN_ALPHABET)


@rule("1560Q", "FormerUPN is not a letter followed by 12 digits")
def _1560(c, x):
    return bool(c.former_upn) and not FORMER_UPN.match(c.former_upn)


@rule("8770Q", "School-age child with a referral has no UPN and no valid reason (or UN1)")
def _8770(c, x):
    school_age = dt.date(x.ref.year - 6, 8, 31)
    return (
        c.dob is not None
        and c.dob <= school_age
        and c.non_nfa
        and not c.upn
        and c.upn_unknown in ("", "UN1")
    )


@rule("8772", "UPN unknown reason UN7 but the child has a referral that is not NFA")
def _8772(c, x):
    return c.upn_unknown == "UN7" and c.non_nfa


@rule("4180", "Sex is missing or not M, F or U", since=2025)
def _4180(c, x):
    return c.sex not in SEXES


@rule("8750", "An unborn child must have Sex U", since=2025)
def _8750(c, x):
    return c.edob is not None and c.dob is None and c.sex != "U"


# Birth and death


@rule("8520", "Date of birth is after the reference date")
def _8520(c, x):
    return c.dob is not None and c.dob > x.ref


@rule("8525Q", "Give exactly one of date of birth and expected date of birth")
def _8525(c, x):
    return (c.dob is None) == (c.edob is None)


@rule("8530Q", "Expected date of birth is not between 1 March and 31 December of this year")
def _8530(c, x):
    return c.edob is not None and not (
        dt.date(x.ref.year, 3, 1) <= c.edob <= dt.date(x.ref.year, 12, 31)
    )


@rule("8606", "Referral is more than 40 weeks before the (expected) date of birth")
def _8606(c, x):
    born = c.dob or c.edob
    return born is not None and any(
        e.referral and e.referral < born - dt.timedelta(weeks=40) for e in c.episodes
    )


@rule("8775Q", "Child is over 25 with an episode open or closed after their 25th birthday")
def _8775(c, x):
    if c.dob is None:
        return False
    twenty_five = birthday(c.dob, 25)
    return twenty_five <= x.ref and any(
        e.closed is None or e.closed > twenty_five for e in c.episodes
    )


@rule("8535Q", "Date of death is before the date of birth, or there is no date of birth")
def _8535(c, x):
    return c.death is not None and (c.dob is None or c.death < c.dob)


@rule("8545Q", "Date of death is outside the census year")
def _8545(c, x):
    return c.death is not None and not x.in_year(c.death)


@rule("8555Q", "Referral is after the child's death")
def _8555(c, x):
    return c.death is not None and any(before(c.death, e.referral) for e in c.episodes)


@rule("8585Q", "Closed with RC2 (died) but there is no date of death")
def _8585(c, x):
    return c.death is None and any(e.reason == "RC2" for e in c.episodes)


@rule("4008", "CIN plan starts after the child's death")
def _4008(c, x):
    return any(before(c.death, p.start) for e in c.episodes for p in e.cin_plans)


@rule("4009Q", "CIN plan ends after the child's death")
def _4009(c, x):
    return any(before(c.death, p.end) for e in c.episodes for p in e.cin_plans)


@rule("8915", "CP plan starts after the child's death")
def _8915(c, x):
    return any(before(c.death, p.start) for p in all_cp(c))


@rule("8920", "CP plan ends after the child's death")
def _8920(c, x):
    return any(before(c.death, p.end) for p in all_cp(c))


# Characteristics


@rule("4220", "Ethnicity is missing or invalid")
def _4220(c, x):
    return c.ethnicity not in ETHNICITIES


@rule("8540", "Child with a referral that is not NFA has no valid disability (use NONE)")
def _8540(c, x):
    return c.dob is not None and c.non_nfa and not any(d in DISABILITIES for d in c.disabilities)


@rule("8790", "Disability NONE is recorded with another disability")
def _8790(c, x):
    return "NONE" in c.disabilities and len(c.disabilities) > 1


@rule("8794", "The same disability is recorded twice")
def _8794(c, x):
    return len(set(c.disabilities)) < len(c.disabilities)
