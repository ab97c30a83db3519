"""The Annex A page: choose a reference date and start a run (ADRs 0021, 0025); the run's page
shows its progress and, when done, the workbook's download."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.returns.annexa.forms import AnnexAForm
from cairn.returns.models import ReturnKind
from cairn.returns.runs.services import start_run

RETURNS_PERMISSION = "returns.view_returns"  # cairn/returns/rules.py


@require_http_methods(["GET", "POST"])
@permission_required(RETURNS_PERMISSION, raise_exception=True)
def annexa_export(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else None
    form = AnnexAForm(data, initial={"reference_date": clock.today()})
    if request.method == "POST" and form.is_valid():
        run = start_run(
            actor=request.user,
            kind=ReturnKind.ANNEX_A,
            reference_date=form.cleaned_data["reference_date"],
        )
        return redirect("returns:run_detail", pk=run.pk)
    return render(
        request,
        "frontdoor/form_page.html",
        {
            "form": form,
            "title": "Produce the Annex A workbook",
            "caption": "Statutory returns",
            "back_url": reverse("returns:index"),
            "intro": (
                "Ofsted's child-level lists 1 to 8 as of the reference date, one sheet per list. "
                "Contacts, referrals, assessments and S47 enquiries cover the 6 months before it. "
                "Cairn produces the workbook in the background: the next page shows its progress "
                "and the download when it is ready."
            ),
        },
    )
