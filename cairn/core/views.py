"""The home page and the error pages."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cairn.people.presenters import child_rows
from cairn.people.selectors import child_list_allocated_to


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The signed-in user's own list of allocated children."""
    children = child_list_allocated_to(user=request.user)
    return render(request, "core/home.html", {"rows": child_rows(children)})


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
