"""Service navigation by role: each user sees only the pages their role may open
(accounts/navigation.py)."""

from django.conf import settings
from django.http import HttpRequest

from cairn.accounts.navigation import primary_links


def navigation(request: HttpRequest) -> dict:
    """`signed_in` is false until the second step is done (while it is required), so the pages
    of that step show no navigation or account name."""
    user = getattr(request, "user", None)
    signed_in = (
        user is not None
        and user.is_authenticated
        and (
            not settings.CAIRN_REQUIRE_TWO_FACTOR
            or (hasattr(user, "is_verified") and user.is_verified())
        )
    )
    items = primary_links(user, path=request.path) if signed_in else []
    return {
        "signed_in": signed_in,
        "navigation": items,
        "service_name": settings.CAIRN_SERVICE_NAME,
        "council_name": settings.CAIRN_COUNCIL_NAME,
    }
