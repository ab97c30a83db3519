"""The programme pages for QA officers: cycles, samples, allocation, themes and the tool."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import permission_required

from cairn.core.records import ConcurrentEditError
from cairn.people.presenters import format_date
from cairn.quality.forms import (
    AllocateForm,
    CycleForm,
    PublishForm,
    QuestionForm,
    SampleForm,
    ThemeForm,
    ToolCreateForm,
)
from cairn.quality.models import Domain, ToolVersionStatus
from cairn.quality.presenters import audit_rows
from cairn.quality.selectors.audits import (
    audit_list_for_auditor,
    audit_list_for_cycle,
    auditor_list,
    cycle_get,
    cycle_list,
    question_get,
    questions_for,
    theme_list,
    tool_list,
    tool_version_get,
)
from cairn.quality.selectors.sampling import team_choices
from cairn.quality.services.programme import (
    audit_allocate,
    cycle_create,
    sample_select,
    theme_create,
)
from cairn.quality.services.tool import (
    audit_tool_create,
    question_add,
    question_remove,
    tool_version_draft,
    tool_version_publish,
)
from cairn.quality.views.common import add_service_errors, audit_or_404, done, refused

MANAGE = "quality.manage_programme"


@require_GET
@permission_required("quality.view_programme", raise_exception=True)
def programme(request: HttpRequest) -> HttpResponse:
    """The auditor's home: audits to do or moderate, and the cycles."""
    cycles = [
        {
            "cycle": c,
            "period": f"{format_date(c.starts_on)} to {format_date(c.ends_on)}",
            "theme": c.theme.name if c.theme else "",
        }
        for c in cycle_list()[:36]
    ]
    return render(
        request,
        "quality/programme.html",
        {
            "cycles": cycles,
            "my_audits": audit_rows(audit_list_for_auditor(user=request.user), viewer=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def cycle_new(request: HttpRequest) -> HttpResponse:
    themes = list(theme_list())
    form = CycleForm(request.POST or None, themes=themes)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        theme_id = data.pop("theme")
        data["theme"] = next((t for t in themes if str(t.pk) == theme_id), None)
        try:
            cycle = cycle_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, f"{cycle.name} planned: now select its sample")
            return redirect("quality:cycle_detail", pk=cycle.pk)
    return render(request, "quality/cycle_form.html", {"form": form})


def _cycle_or_404(pk: int):
    cycle = cycle_get(pk=pk)
    if cycle is None:
        raise Http404
    return cycle


def _render_cycle(request, cycle, sample_form=None):
    rows = audit_rows(audit_list_for_cycle(cycle=cycle), viewer=request.user)
    auditors = list(auditor_list())
    for row in rows:
        form = AllocateForm(
            initial={"auditor": row["auditor_id"]},
            auditors=auditors,
            child_name=row["child"],
            auto_id=f"id_audit{row['pk']}_%s",
        )
        form.helper.form_action = reverse("quality:allocate", args=[row["pk"]])
        row["allocate_form"] = form
    sample = getattr(cycle, "sample", None)
    if sample is None and sample_form is None:
        sample_form = SampleForm(
            initial={
                "method": "stratified",
                "size": 10,
                "seed": int(f"{cycle.starts_on:%Y%m}"),
                "exclude_months": 6,
            },
            teams=team_choices(),
        )
    if sample_form is not None:
        sample_form.helper.form_action = reverse("quality:cycle_sample", args=[cycle.pk])
    return render(
        request,
        "quality/cycle_detail.html",
        {
            "cycle": cycle,
            "period": f"{format_date(cycle.starts_on)} to {format_date(cycle.ends_on)}",
            "sample": sample,
            "sample_form": sample_form,
            "rows": rows,
        },
    )


@require_GET
@permission_required(MANAGE, raise_exception=True)
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_cycle(request, _cycle_or_404(pk))


@require_POST
@permission_required(MANAGE, raise_exception=True)
def cycle_sample(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = _cycle_or_404(pk)
    form = SampleForm(request.POST, teams=team_choices())
    if form.is_valid():
        data = form.cleaned_data
        try:
            sample_select(
                actor=request.user,
                cycle=cycle,
                method=data["method"],
                size=data["size"],
                seed=data["seed"],
                exclude_months=data["exclude_months"],
                team_ids=data["teams"],
                levels=data["levels"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, "Sample selected: allocate each audit to an auditor")
            return redirect("quality:cycle_detail", pk=cycle.pk)
    return _render_cycle(request, cycle, sample_form=form)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def allocate(request: HttpRequest, pk: int) -> HttpResponse:
    audit = audit_or_404(pk)
    auditors = {u.pk: u for u in auditor_list()}
    form = AllocateForm(request.POST, auditors=auditors.values(), child_name=audit.child.full_name)
    if form.is_valid():
        try:
            audit_allocate(
                actor=request.user, audit=audit, auditor=auditors[form.cleaned_data["auditor"]]
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(
                request,
                f"Audit of {audit.child.full_name} allocated; the worker and manager are told",
            )
            return redirect("quality:cycle_detail", pk=audit.cycle_id)
    return render(request, "quality/allocate_form.html", {"audit": audit, "form": form})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def themes(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            theme = theme_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, f"Theme added: {theme.name}")
            return redirect("quality:themes")
    return render(request, "quality/themes.html", {"themes": theme_list(), "form": form})


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def tool(request: HttpRequest) -> HttpResponse:
    """The audit tool's versions; set one up with the standard questions if there is none."""
    form = ToolCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = audit_tool_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("quality:tool_version", pk=version.pk)
    tools = [
        {
            "tool": t,
            "versions": list(t.versions.all()),
            "has_draft": any(v.status == ToolVersionStatus.DRAFT for v in t.versions.all()),
        }
        for t in tool_list()
    ]
    return render(request, "quality/tool.html", {"tools": tools, "form": form})


@require_POST
@permission_required(MANAGE, raise_exception=True)
def tool_draft(request: HttpRequest, pk: int) -> HttpResponse:
    version = tool_version_get(pk=pk)
    if version is None:
        raise Http404
    try:
        draft = tool_version_draft(actor=request.user, tool=version.tool)
    except ValidationError:
        return redirect("quality:tool")
    return redirect("quality:tool_version", pk=draft.pk)


def _render_version(request, version, question_form=None, publish_form=None):
    questions = list(questions_for(version))
    publish_form = publish_form or PublishForm()
    publish_form.helper.form_action = reverse("quality:tool_publish", args=[version.pk])
    domains = [
        {"label": d.label, "questions": [q for q in questions if q.domain == d.value]}
        for d in Domain
    ]
    return render(
        request,
        "quality/tool_version.html",
        {
            "version": version,
            "domains": domains,
            "is_draft": version.status == ToolVersionStatus.DRAFT,
            "question_form": question_form or QuestionForm(),
            "publish_form": publish_form,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(MANAGE, raise_exception=True)
def tool_version(request: HttpRequest, pk: int) -> HttpResponse:
    """A version's questions by domain; a draft takes new questions here."""
    version = tool_version_get(pk=pk)
    if version is None:
        raise Http404
    if request.method == "GET":
        return _render_version(request, version)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            question_add(actor=request.user, version=version, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            done(request, "Question added")
            return redirect("quality:tool_version", pk=version.pk)
    return _render_version(request, version, question_form=form)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def tool_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = tool_version_get(pk=pk)
    if version is None:
        raise Http404
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            tool_version_publish(
                actor=request.user,
                version=version,
                change_summary=form.cleaned_data["change_summary"],
            )
        except (ValidationError, ConcurrentEditError) as error:
            add_service_errors(form, error)
        else:
            done(request, f"Version {version.number} of the audit tool is now in use")
            return redirect("quality:tool")
    return _render_version(request, version, publish_form=form)


@require_POST
@permission_required(MANAGE, raise_exception=True)
def question_delete(request: HttpRequest, pk: int) -> HttpResponse:
    question = question_get(pk=pk)
    if question is None:
        raise Http404
    try:
        question_remove(actor=request.user, question=question)
    except ValidationError as error:  # the version is no longer a draft: nothing to fix in a form
        refused(request, " ".join(error.messages))
    else:
        done(request, "Question removed")
    return redirect("quality:tool_version", pk=question.tool_version_id)
