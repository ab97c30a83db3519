"""Recording a visit (one page) and reading one."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.casework.forms.visits import VisitForm
from cairn.casework.presenters.visits import visit_rows
from cairn.casework.selectors.visits import visit_get
from cairn.casework.services.visits import visit_record
from cairn.casework.views.child import check_can_view, child_or_404
from cairn.frontdoor.selectors import episode_get_open


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal against the form field it names, or above the form."""
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)


def _child(request: HttpRequest, pk: int):
    return child_or_404(pk)


@require_http_methods(["GET", "POST"])
@permission_required("casework.write_record", fn=_child, raise_exception=True)
def visit_create(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = visit_record(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:visit_detail", pk=visit.pk)
    return render(
        request,
        "casework/records/visit_form.html",
        {"child": child, "form": form, "is_open": episode_get_open(child=child) is not None},
    )


@require_GET
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = visit_get(pk=pk)
    if visit is None:
        raise Http404
    check_can_view(request, visit.child)
    return render(
        request,
        "casework/records/visit_detail.html",
        {"visit": visit, "child": visit.child, "rows": visit_rows(visit)},
    )
