"""Service navigation by role: each user sees only the pages their role may open."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    items = []
    if user is not None and user.is_authenticated:
        candidates = [
            ("Your children", "home", "accounts.view_own_caseload"),
            ("Search", "people:search", "people.search_people"),
            ("Register a child", "people:register_child", "people.register_child"),
            ("Record a contact", "frontdoor:contact_record", "frontdoor.record_contact"),
            ("Access review", "governance:access_review", "governance.review_access"),
        ]
        for label, url_name, perm in candidates:
            if user.has_perm(perm):
                url = reverse(url_name)
                items.append({"label": label, "url": url, "active": request.path == url})
    return {
        "navigation": items,
        "service_name": settings.CAIRN_SERVICE_NAME,
        "council_name": settings.CAIRN_COUNCIL_NAME,
    }
