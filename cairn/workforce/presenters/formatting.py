"""Number formats shared by the workforce pages (W2: caseloads, supervision, the report)."""

from decimal import ROUND_HALF_UP, Decimal


def one_decimal(value: Decimal | float | None) -> str:
    """12.25 -> '12.3'; None -> 'Not known' (no workers, no posts)."""
    if value is None:
        return "Not known"
    return str(Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def percent(value: float | None) -> str:
    """0.875 -> '88%'; None -> 'No staff'."""
    if value is None:
        return "No staff"
    return f"{Decimal(str(value * 100)).quantize(Decimal('1'), rounding=ROUND_HALF_UP)}%"
