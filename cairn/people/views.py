"""Pages for people: search, the person page, registering a child."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.core.audit import record_access
from cairn.governance.access import refusal_for
from cairn.governance.presenters import mask_restricted_rows
from cairn.people import presenters
from cairn.people.forms import RegisterChildForm, SearchForm
from cairn.people.search import person_search, possible_duplicates_for
from cairn.people.selectors import person_get
from cairn.people.services import child_register


@require_GET
@permission_required("people.search_people", raise_exception=True)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    rows = None
    if form.is_valid():
        people = person_search(user=request.user, text=form.cleaned_data["q"])
        # Restricted records the user may not open show without name or birth date (ADR 0023)
        rows = mask_restricted_rows(
            user=request.user, people=people, rows=presenters.child_rows(people)
        )
    return render(request, "people/search.html", {"form": form, "rows": rows})


@require_GET
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A person's page. Every view, and every refused attempt, is logged."""
    person = person_get(pk=pk)
    if person is None:
        raise Http404
    if not request.user.has_perm("people.view_person", person):
        record_access(actor=request.user, person=person, page=request.path, granted=False)
        raise refusal_for(user=request.user, person=person)  # restricted records: ADR 0023
    record_access(actor=request.user, person=person, page=request.path)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "summary_rows": presenters.summary_rows(person),
            "identifier_rows": presenters.identifier_rows(person),
            "family_rows": presenters.family_rows(person),
            "allocation": presenters.allocation_text(person),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("people.register_child", raise_exception=True)
def register_child(request: HttpRequest) -> HttpResponse:
    """Register a child, warning first when they may already be on record."""
    duplicates, hidden_duplicates = [], 0
    form = RegisterChildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        visible, hidden_duplicates = possible_duplicates_for(
            user=request.user,
            given_name=data["given_name"],
            family_name=data["family_name"],
            date_of_birth=data["date_of_birth"] or data["expected_date_of_birth"],
            nhs_number=data["nhs_number"],
        )
        if (visible or hidden_duplicates) and not data["confirm_new"]:
            duplicates = presenters.child_rows(visible)
            form = RegisterChildForm(request.POST, show_confirm=True)
            form.is_valid()
        else:
            fields = {k: v for k, v in data.items() if k != "confirm_new"}
            try:
                child = child_register(actor=request.user, team=request.user.team, **fields)
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(
                    request, f"{child.full_name} registered with LA child ID {child.la_child_id}"
                )
                return redirect("people:person_detail", pk=child.pk)
    return render(
        request,
        "people/register_child.html",
        {"form": form, "duplicates": duplicates, "hidden_duplicates": hidden_duplicates},
    )
