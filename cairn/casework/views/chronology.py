"""The child's chronology (filterable without JavaScript) and adding analysis to an entry."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.casework.forms.chronology import ChronologyAnalysisForm, ChronologyFilterForm
from cairn.casework.presenters.chronology import chronology_rows
from cairn.casework.selectors.chronology import chronology_for
from cairn.casework.services.chronology import chronology_analysis_add
from cairn.casework.views.child import check_can_view, child_or_404
from cairn.casework.views.visits import add_service_errors


def _child(request: HttpRequest, pk: int):
    return child_or_404(pk)


@require_GET
def chronology(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    check_can_view(request, child)
    form = ChronologyFilterForm(request.GET or None)
    filters = {}
    if request.GET and form.is_valid():
        data = form.cleaned_data
        filters = {"kinds": data["kinds"], "start": data["start"], "end": data["end"]}
    entries = [] if request.GET and not form.is_valid() else chronology_for(child=child, **filters)
    return render(
        request,
        "casework/records/chronology.html",
        {
            "child": child,
            "form": form,
            "rows": chronology_rows(entries),
            "can_write": request.user.has_perm("casework.write_record", child),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.write_record", fn=_child, raise_exception=True)
def chronology_analysis_create(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    initial = {"entry_kind": request.GET.get("kind", ""), "entry_id": request.GET.get("id")}
    form = ChronologyAnalysisForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            chronology_analysis_add(actor=request.user, child=child, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Analysis added to the chronology")
            anchor = f"#entry-{form.cleaned_data['entry_kind']}-{form.cleaned_data['entry_id']}"
            return redirect(reverse("casework:chronology", args=[child.pk]) + anchor)
    kind = form.data.get("entry_kind") if form.is_bound else initial["entry_kind"]
    entry_id = form.data.get("entry_id") if form.is_bound else initial["entry_id"]
    entry = _entry(child, kind, entry_id)
    return render(
        request,
        "casework/records/chronology_analysis_form.html",
        {"child": child, "form": form, "entry": entry},
    )


def _entry(child, kind, entry_id):
    """The chronology entry the analysis is about, to show above the form."""
    try:
        wanted = int(entry_id)
    except (TypeError, ValueError):
        return None
    rows = chronology_rows(chronology_for(child=child, kinds=[kind] if kind else None))
    return next((r for r in rows if r.kind == kind and r.record_id == wanted), None)
