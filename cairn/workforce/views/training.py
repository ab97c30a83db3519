"""Training records (issue 6, item 7): add and remove, shown on the staff page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cairn.frontdoor.forms import apply_service_errors
from cairn.workforce.forms.training import RemovalForm, TrainingForm
from cairn.workforce.selectors.staff import training_get
from cairn.workforce.services.staff import training_record_create, training_record_remove
from cairn.workforce.views.staff import staff_or_404


@require_http_methods(["GET", "POST"])
def training_add(request: HttpRequest, staff_pk: int) -> HttpResponse:
    staff = staff_or_404(request, staff_pk, "workforce.manage_staff")
    form = TrainingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training_record_create(actor=request.user, staff=staff, **form.cleaned_data)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, "Training record added")
            return redirect("workforce:staff_detail", pk=staff.pk)
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": "Add a training record",
            "caption": staff.get_full_name(),
            "back_url": reverse("workforce:staff_detail", args=[staff.pk]),
        },
    )


@require_http_methods(["GET", "POST"])
def training_remove(request: HttpRequest, pk: int) -> HttpResponse:
    record = training_get(pk=pk)
    if record is None:
        raise Http404
    if not request.user.has_perm("workforce.manage_staff", record.staff):
        raise PermissionDenied
    form = RemovalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            training_record_remove(
                actor=request.user, record=record, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            apply_service_errors(form, error, aliases={"removal_reason": "reason"})
        else:
            messages.success(request, "Training record removed")
            return redirect("workforce:staff_detail", pk=record.staff_id)
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": f"Remove the training record: {record.course}",
            "caption": record.staff.get_full_name(),
            "back_url": reverse("workforce:staff_detail", args=[record.staff_id]),
        },
    )
