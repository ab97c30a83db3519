"""The census year: ReferenceDate (always 31 March) and everything computed from it
(cin-census.md, "Census period and scope")."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class CensusYear:
    reference_date: dt.date

    @property
    def start(self) -> dt.date:
        """1 April of the year before: the first day of the census year."""
        return dt.date(self.reference_date.year - 1, 4, 1)

    @property
    def year(self) -> int:
        return self.reference_date.year

    @property
    def label(self) -> str:
        """2025/26 for ReferenceDate 2026-03-31."""
        return f"{self.year - 1}/{str(self.year)[2:]}"

    @property
    def rule_set(self) -> str:
        """Data to Insight's name for the year's rules, e.g. cin2025_26."""
        return f"cin{self.year - 1}_{str(self.year)[2:]}"

    @property
    def has_pre_proceedings(self) -> bool:
        """The PreProceedingsandFGDM block is collected from 2026/27 (provisional)."""
        return self.year >= 2027

    def in_year(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.reference_date


def census_year(value: str | dt.date) -> CensusYear:
    """The census year ending on `value` (YYYY-03-31); ValueError with a plain reason otherwise."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(
                f"the reference date must be a real date written YYYY-03-31 (got {value!r})"
            ) from None
    if (value.month, value.day) != (3, 31):
        raise ValueError(
            f"the census reference date is always 31 March, e.g. {value.year}-03-31 "
            f"(got {value.isoformat()})"
        )
    return CensusYear(value)
