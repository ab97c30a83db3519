"""Staff record pages (issue 6, item 1): the list, a member of staff, and editing the record."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.frontdoor.forms import apply_service_errors
from cairn.workforce.forms.staff import StaffRecordForm
from cairn.workforce.presenters.staff import staff_rows, staff_summary, training_rows
from cairn.workforce.selectors.staff import (
    staff_get,
    staff_list_for,
    staff_record_of,
    training_list,
)
from cairn.workforce.services.staff import (
    ACCOUNT_FIELDS,
    RECORD_FIELDS,
    staff_record_create,
    staff_record_update,
)


def staff_or_404(request: HttpRequest, pk: int, perm: str):
    user = staff_get(pk=pk)
    if user is None:
        raise Http404
    if not request.user.has_perm(perm, user):
        raise PermissionDenied
    return user


@require_GET
@permission_required("workforce.view_staff_list", raise_exception=True)
def staff_list(request: HttpRequest) -> HttpResponse:
    rows = staff_rows(staff_list_for(viewer=request.user), clock.today())
    return render(request, "workforce/staff/staff_list.html", {"rows": rows})


@require_GET
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = staff_or_404(request, pk, "workforce.view_staff")
    today = clock.today()
    return render(
        request,
        "workforce/staff/staff_detail.html",
        {
            "staff": user,
            "summary": staff_summary(user, today),
            "training": training_rows(training_list(staff=user), today),
            "can_manage": request.user.has_perm("workforce.manage_staff", user),
        },
    )


@require_http_methods(["GET", "POST"])
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Start or change a staff record; the form carries the version it was read at."""
    user = staff_or_404(request, pk, "workforce.manage_staff")
    record = staff_record_of(user)
    initial = {name: getattr(user, name) for name in ACCOUNT_FIELDS}
    initial["is_agency"] = str(user.is_agency)
    if record is not None:
        initial |= {name: getattr(record, name) for name in RECORD_FIELDS}
        initial["version"] = record.version
    form = StaffRecordForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            if record is None:
                staff_record_create(actor=request.user, user=user, **data)
            else:
                staff_record_update(
                    actor=request.user,
                    record=record,
                    expected_version=form.cleaned_data["version"] or 0,
                    **data,
                )
        except ValidationError as error:
            apply_service_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Staff record saved for {user.get_full_name()}")
            return redirect("workforce:staff_detail", pk=user.pk)
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": "Staff record",
            "caption": user.get_full_name(),
            "back_url": reverse("workforce:staff_detail", args=[user.pk]),
        },
    )
