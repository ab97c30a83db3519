"""Case notes: the child's list, drafting, changing a draft, finalising and appending."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from cairn.casework.forms.notes import AppendForm, CaseNoteForm, FinaliseForm
from cairn.casework.models import CaseNote
from cairn.casework.presenters.notes import note_list_rows, note_view
from cairn.casework.selectors.notes import case_note_get, case_note_list_for_child
from cairn.casework.services.notes import (
    case_note_append,
    case_note_draft,
    case_note_finalise,
    case_note_update,
)
from cairn.casework.views.child import check_can_view, child_or_404
from cairn.casework.views.visits import add_service_errors
from cairn.core.records import ConcurrentEditError


def _child(request: HttpRequest, pk: int):
    return child_or_404(pk)


def _note_or_404(pk: int) -> CaseNote:
    note = case_note_get(pk=pk)
    if note is None:
        raise Http404
    return note


def _require_write(request: HttpRequest, note: CaseNote) -> None:
    if not request.user.has_perm("casework.write_record", note.child):
        raise PermissionDenied


@require_GET
def case_note_list(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    check_can_view(request, child)
    return render(
        request,
        "casework/records/case_note_list.html",
        {
            "child": child,
            "rows": note_list_rows(case_note_list_for_child(child=child)),
            "can_write": request.user.has_perm("casework.write_record", child),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("casework.write_record", fn=_child, raise_exception=True)
def case_note_create(request: HttpRequest, pk: int) -> HttpResponse:
    child = child_or_404(pk)
    form = CaseNoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            note = case_note_draft(actor=request.user, child=child, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Case note saved as a draft")
            return redirect("casework:case_note_detail", pk=note.pk)
    return render(
        request,
        "casework/records/case_note_form.html",
        {"child": child, "form": form, "heading": "Write a case note"},
    )


def _detail(request, note: CaseNote, append_form: AppendForm | None = None, status: int = 200):
    can_write = request.user.has_perm("casework.write_record", note.child)
    return render(
        request,
        "casework/records/case_note_detail.html",
        {
            "child": note.child,
            "note": note_view(note),
            "can_write": can_write,
            "append_form": append_form or AppendForm(),
            "finalise_form": FinaliseForm(initial={"version": note.version}),
        },
        status=status,
    )


@require_GET
def case_note_detail(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note_or_404(pk)
    check_can_view(request, note.child)
    return _detail(request, note)


@require_http_methods(["GET", "POST"])
def case_note_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a draft. A final note is never edited: it is appended to."""
    note = _note_or_404(pk)
    _require_write(request, note)
    initial = {
        "occurred_on": note.occurred_on,
        "subject": note.subject,
        "text": note.text,
        "is_significant": note.is_significant,
        "version": note.version,
    }
    form = CaseNoteForm(request.POST or None, initial=initial, submit_label="Save changes")
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version") or note.version
        try:
            case_note_update(actor=request.user, note=note, expected_version=expected, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        except ConcurrentEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Case note changed")
            return redirect("casework:case_note_detail", pk=note.pk)
    return render(
        request,
        "casework/records/case_note_form.html",
        {"child": note.child, "form": form, "heading": "Change a draft case note", "note": note},
    )


@require_POST
def case_note_finalise_view(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note_or_404(pk)
    _require_write(request, note)
    form = FinaliseForm(request.POST)
    expected = form.cleaned_data["version"] if form.is_valid() else note.version
    try:
        case_note_finalise(actor=request.user, note=note, expected_version=expected)
    except (ValidationError, ConcurrentEditError) as error:
        message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        messages.error(request, message)
    else:
        messages.success(request, "Case note finalised")
    return redirect("casework:case_note_detail", pk=note.pk)


@require_POST
def case_note_append_view(request: HttpRequest, pk: int) -> HttpResponse:
    note = _note_or_404(pk)
    _require_write(request, note)
    form = AppendForm(request.POST)
    if form.is_valid():
        try:
            case_note_append(actor=request.user, note=note, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Added to the case note")
            return redirect("casework:case_note_detail", pk=note.pk)
    return _detail(request, note, append_form=form, status=400)
