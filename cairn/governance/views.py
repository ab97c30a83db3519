from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from rules.contrib.views import permission_required

from cairn.governance.forms import AccessReviewForm
from cairn.governance.selectors import access_event_list, audit_event_list, person_find_by_reference


@require_GET
@permission_required("governance.review_access", raise_exception=True)
def access_review(request: HttpRequest) -> HttpResponse:
    """Who viewed or changed a person's record in a period."""
    form = AccessReviewForm(request.GET or None)
    context = {"form": form, "person": None, "searched": False}
    if form.is_valid():
        data = form.cleaned_data
        person = person_find_by_reference(reference=data["reference"])
        context["searched"] = True
        if person is None:
            form.add_error("reference", "No person has that LA child ID or person ID")
        else:
            context |= {
                "person": person,
                "views": access_event_list(person=person, start=data["start"], end=data["end"]),
                "changes": audit_event_list(person=person, start=data["start"], end=data["end"]),
            }
    return render(request, "governance/access_review.html", context)
