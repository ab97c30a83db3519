"""The report for elected members and leaders (issue 10, item 3; ADR 0028): the list, a
draft's form, its page, issuing it, and the issued PDF (served exactly as issued)."""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.core.records import ConcurrentEditError
from cairn.insight import presenters as p
from cairn.insight.access import areas_writable_by
from cairn.insight.forms import ReportForm
from cairn.insight.measures.base import Scope
from cairn.insight.report import selectors, services
from cairn.insight.report.models import MembersReport, ReportStatus
from cairn.insight.report.presenters import report_measures
from cairn.insight.report.snapshot import scorecard_snapshot
from cairn.insight.selectors import scope_name, scorecard


def _report_or_404(request: HttpRequest, pk: int, perm: str = "insight.view_reports"):
    report = selectors.report_get(pk=pk)
    if report is None:
        raise Http404
    if not request.user.has_perm(perm, report):
        raise PermissionDenied
    return report


def _form(request: HttpRequest, *, button: str, initial=None) -> ReportForm:
    areas = areas_writable_by(user=request.user)
    if not areas:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    return ReportForm(data, initial=initial, areas=areas, today=clock.today(), button=button)


def _service_errors(form: ReportForm, error: ValidationError | ConcurrentEditError) -> None:
    if isinstance(error, ConcurrentEditError) or not hasattr(error, "error_dict"):
        form.add_error(None, str(error) if isinstance(error, ConcurrentEditError) else error)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


@require_GET
@permission_required("insight.view_reports", raise_exception=True)
def report_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "insight/report_list.html",
        {
            "reports": selectors.report_list_for(user=request.user),
            "may_write": request.user.has_perm("insight.write_report"),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("insight.write_report", raise_exception=True)
def report_create(request: HttpRequest) -> HttpResponse:
    """Start a draft: its title, area, period and (optionally, for now) its narrative."""
    today = clock.today()
    form = _form(
        request,
        button="Save the draft",
        initial={"months": 12, "end": p.month_param(today)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_create(actor=request.user, **form.values())
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, "Draft report saved")
            return redirect("insight:report_detail", pk=report.pk)
    return render(request, "insight/report_form.html", {"form": form, "report": None})


@require_http_methods(["GET", "POST"])
@permission_required("insight.write_report", raise_exception=True)
def report_edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report_or_404(request, pk, "insight.write_report")
    if report.status != ReportStatus.DRAFT:
        raise Http404("An issued report cannot be changed")
    form = _form(
        request,
        button="Save the draft",
        initial={
            "title": report.title,
            "area": Scope(report.scope_kind, report.scope_team_id).key,
            "months": report.months,
            "end": p.month_param(report.period_end),
            "summary": report.summary,
            "strengths": report.strengths,
            "areas_for_development": report.areas_for_development,
            "version": report.version,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.report_update(
                actor=request.user,
                report=report,
                expected_version=form.cleaned_data["version"] or report.version,
                **form.values(),
            )
        except (ValidationError, ConcurrentEditError) as error:
            _service_errors(form, error)
        else:
            messages.success(request, "Draft report saved")
            return redirect("insight:report_detail", pk=report.pk)
    return render(request, "insight/report_form.html", {"form": form, "report": report})


def _detail(request: HttpRequest, report: MembersReport, *, issue_errors=None) -> HttpResponse:
    """A draft shows the live figures it would freeze; an issued report its snapshot."""
    if report.status == ReportStatus.ISSUED:
        snapshot = report.figures
        area = snapshot["scope"]["name"]
    else:
        scope = Scope(report.scope_kind, report.scope_team_id)
        card = scorecard(scope=scope, months=report.months, end=report.period_end)
        snapshot = scorecard_snapshot(card)
        area = scope_name(scope)
    return render(
        request,
        "insight/report_detail.html",
        {
            "report": report,
            "area": area,
            "issued": report.status == ReportStatus.ISSUED,
            "measures": report_measures(snapshot, charts=report.status == ReportStatus.ISSUED),
            "period": _period(snapshot),
            "may_write": request.user.has_perm("insight.write_report", report),
            "issue_errors": issue_errors or [],
        },
    )


def _period(snapshot: dict) -> str:
    months = snapshot.get("months") or []
    if not months:
        return ""
    first, last = date.fromisoformat(months[0]), date.fromisoformat(months[-1])
    return f"{p.month_label(first)} to {p.month_label(last)}"


@require_GET
@permission_required("insight.view_reports", raise_exception=True)
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, _report_or_404(request, pk))


@require_POST
@permission_required("insight.write_report", raise_exception=True)
def report_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Freeze the figures and the PDF; from now on every reader sees exactly those."""
    report = _report_or_404(request, pk, "insight.write_report")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = report.version
    try:
        services.report_issue(actor=request.user, report=report, expected_version=version)
    except ConcurrentEditError as error:
        return _detail(request, report, issue_errors=[str(error)])
    except ValidationError as error:
        return _detail(request, report, issue_errors=error.messages)
    messages.success(request, "Report issued")
    return redirect("insight:report_detail", pk=report.pk)


@require_GET
@permission_required("insight.view_reports", raise_exception=True)
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The issued PDF, byte for byte as issued."""
    report = _report_or_404(request, pk)
    pdf = selectors.report_pdf(report=report)
    if pdf is None:
        raise Http404("The report has not been issued")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="report-{report.pk}.pdf"'
    return response
