"""Service navigation by role: each user sees only the pages their role may open
(accounts/navigation.py)."""

from django.conf import settings
from django.http import HttpRequest

from cairn.accounts.navigation import primary_links


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        items = primary_links(user, path=request.path)
    return {
        "navigation": items,
        "service_name": settings.CAIRN_SERVICE_NAME,
        "council_name": settings.CAIRN_COUNCIL_NAME,
    }
