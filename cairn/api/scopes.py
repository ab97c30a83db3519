"""What a token may be used for (ADR 0026). A scope opens a kind of call; the service user's role
and scope (accounts/roles.py) still decide which records, exactly as on the pages."""

from django.db import models


class ApiScope(models.TextChoices):
    CHILDREN_READ = "children:read", "Search children and read a child's summary"
    CONTACTS_WRITE = "contacts:write", "Record a contact (a partner agency's referral)"
    PLANS_READ = "plans:read", "Read a child's CIN and CP plans"
    ALERTS_READ = "alerts:read", "Read drift alerts"
    RETURNS_READ = "returns:read", "List return runs and download their files"


ALL_SCOPES = tuple(ApiScope.values)


def parse_scopes(text: str) -> list[str]:
    """'children:read, plans:read' as a list; unknown names raise ValueError naming them."""
    names = [name.strip() for name in (text or "").split(",") if name.strip()]
    unknown = sorted(set(names) - set(ALL_SCOPES))
    if unknown:
        raise ValueError(
            f"Unknown scopes: {', '.join(unknown)}. Choose from: {', '.join(ALL_SCOPES)}"
        )
    return sorted(set(names))
