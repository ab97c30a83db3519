"""Information governance pages: access review, unusual access, restricted records (allow lists,
requests, break glass) and subject access exports (ADR 0023)."""

import datetime as dt
import json

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from rules.contrib.views import permission_required

from cairn.core import clock
from cairn.core.audit import record_access
from cairn.governance import services
from cairn.governance.forms import (
    AccessReviewForm,
    AllowUserForm,
    DecisionForm,
    PeriodForm,
    ReasonForm,
    ReferenceForm,
    RestrictForm,
)
from cairn.governance.presenters import (
    UNUSUAL_SECTIONS,
    access_review_csv,
    unusual_access_csv,
)
from cairn.governance.selectors import (
    access_event_list,
    access_request_get,
    access_request_list,
    access_requests_by,
    allowance_get,
    allowance_list,
    audit_event_list,
    break_glass_list,
    person_find_by_reference,
    restriction_for,
    restriction_history,
    restriction_list,
    unusual_access,
    user_find_by_username,
)
from cairn.governance.subject_access import subject_access_export, subject_access_zip
from cairn.governance.subject_access_pdf import subject_access_pdf
from cairn.people.models import Person


def _csv(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _show_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, problems in error.message_dict.items():
        form.add_error(name if name in form.fields else None, problems)


def _record_url(person: Person) -> str:
    name = "casework:child_detail" if person.is_child else "people:person_detail"
    return reverse(name, args=[person.pk])


# --- Access review --------------------------------------------------------------------------


@require_GET
@permission_required("governance.review_access", raise_exception=True)
def access_review(request: HttpRequest) -> HttpResponse:
    """Who viewed or changed a person's record in a period (CSV with ?format=csv)."""
    form = AccessReviewForm(request.GET or None)
    context = {"form": form, "person": None, "searched": False}
    if form.is_valid():
        data = form.cleaned_data
        person = person_find_by_reference(reference=data["reference"])
        context["searched"] = True
        if person is None:
            form.add_error("reference", "No person has that LA child ID or person ID")
        else:
            views = access_event_list(person=person, start=data["start"], end=data["end"])
            changes = audit_event_list(person=person, start=data["start"], end=data["end"])
            if request.GET.get("format") == "csv":
                return _csv(
                    access_review_csv(views=views, changes=changes),
                    f"access-{person.pk}-{data['start']}-{data['end']}.csv",
                )
            query = request.GET.copy()
            query["format"] = "csv"
            context |= {
                "person": person,
                "views": views,
                "changes": changes,
                "csv_url": f"?{query.urlencode()}",
            }
    return render(request, "governance/access_review.html", context)


@require_GET
@permission_required("governance.review_access", raise_exception=True)
def unusual_access_report(request: HttpRequest) -> HttpResponse:
    """Views outside the user's team, of restricted records, by leavers, and bulk viewing; and
    every break-glass access, in a period (CSV with ?format=csv)."""
    today = clock.today()
    form = PeriodForm(request.GET or None)
    threshold = getattr(settings, "CAIRN_BULK_VIEWING_THRESHOLD", 50)
    start = end = today
    if request.GET and form.is_valid():
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    elif request.GET:
        return render(request, "governance/unusual_access.html", {"form": form, "report": None})
    else:
        start = today - dt.timedelta(days=7)
        form = PeriodForm(
            initial={"start": start, "end": end},
        )
    report = unusual_access(start=start, end=end, threshold=threshold)
    if request.GET.get("format") == "csv":
        return _csv(unusual_access_csv(report), f"unusual-access-{start}-{end}.csv")
    query = {
        "start_0": start.day,
        "start_1": start.month,
        "start_2": start.year,
        "end_0": end.day,
        "end_1": end.month,
        "end_2": end.year,
        "format": "csv",
    }
    return render(
        request,
        "governance/unusual_access.html",
        {
            "form": form,
            "start": start,
            "end": end,
            "threshold": threshold,
            "sections": [(key, title, report[key]) for key, title in UNUSUAL_SECTIONS],
            "break_glass": break_glass_list(start=start, end=end),
            "report": report,
            "csv_query": "&".join(f"{k}={v}" for k, v in query.items()),
        },
    )


# --- Restricted records ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@permission_required("governance.manage_restrictions", raise_exception=True)
def restriction_index(request: HttpRequest) -> HttpResponse:
    """Every restricted record, and the form to restrict another."""
    form = RestrictForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = person_find_by_reference(reference=data["reference"])
        if person is None:
            form.add_error("reference", "No person has that LA child ID or person ID")
        else:
            try:
                services.person_restrict(
                    actor=request.user,
                    person=person,
                    category=data["category"],
                    reason=data["reason"],
                )
            except ValidationError as error:
                if "person" in error.message_dict:
                    form.add_error("reference", error.message_dict["person"])
                else:
                    _show_errors(form, error)
            else:
                messages.success(request, f"{person.full_name}'s record is restricted")
                return redirect("governance:restriction_detail", person_pk=person.pk)
    return render(
        request,
        "governance/restrictions.html",
        {
            "form": form,
            "restrictions": restriction_list(),
            "pending": access_request_list(pending=True).count(),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("governance.manage_restrictions", raise_exception=True)
def restriction_detail(request: HttpRequest, person_pk: int) -> HttpResponse:
    """A restricted record: why, who may open it (add and remove), its history, lifting it."""
    person = get_object_or_404(Person.objects, pk=person_pk)
    restriction = restriction_for(person=person)
    allow_form = AllowUserForm(request.POST if "username" in request.POST else None)
    lift_form = ReasonForm(
        request.POST if "lift-reason" in request.POST else None,
        prefix="lift",
        label="Why is the restriction lifted?",
        required_message="Enter why the restriction is lifted",
        submit="Lift the restriction",
    )
    if request.method == "POST" and restriction is not None:
        if "username" in request.POST and allow_form.is_valid():
            user = user_find_by_username(username=allow_form.cleaned_data["username"])
            if user is None:
                allow_form.add_error("username", "No user has that username")
            else:
                try:
                    services.restriction_allow_user(
                        actor=request.user,
                        person=person,
                        user=user,
                        reason=allow_form.cleaned_data["reason"],
                    )
                except ValidationError as error:
                    _show_errors(allow_form, error)
                else:
                    messages.success(request, f"{user.get_full_name()} may open this record")
                    return redirect("governance:restriction_detail", person_pk=person.pk)
        elif "lift-reason" in request.POST and lift_form.is_valid():
            services.person_lift_restriction(
                actor=request.user, person=person, reason=lift_form.cleaned_data["reason"]
            )
            messages.success(request, "The restriction is lifted")
            return redirect("governance:restriction_detail", person_pk=person.pk)
    return render(
        request,
        "governance/restriction_detail.html",
        {
            "person": person,
            "restriction": restriction,
            "allowances": allowance_list(restriction=restriction) if restriction else [],
            "history": restriction_history(person=person),
            "allow_form": allow_form,
            "lift_form": lift_form,
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("governance.manage_restrictions", raise_exception=True)
def allowance_remove(request: HttpRequest, pk: int) -> HttpResponse:
    allowance = allowance_get(pk=pk)
    if allowance is None:
        raise Http404
    form = ReasonForm(
        request.POST or None,
        label="Why may they no longer open the record?",
        required_message="Enter why they may no longer open the record",
        submit="Remove",
    )
    if request.method == "POST" and form.is_valid():
        services.restriction_remove_user(
            actor=request.user, allowance=allowance, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, f"{allowance.user.get_full_name()} may no longer open this record"
        )
        return redirect("governance:restriction_detail", person_pk=allowance.restriction.person_id)
    return render(
        request, "governance/allowance_remove.html", {"allowance": allowance, "form": form}
    )


@require_GET
@permission_required("governance.decide_requests", raise_exception=True)
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "governance/requests.html",
        {
            "pending": access_request_list(pending=True),
            "decided": access_request_list(pending=False),
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required("governance.decide_requests", raise_exception=True)
def request_decide(request: HttpRequest, pk: int) -> HttpResponse:
    access_request = access_request_get(pk=pk)
    if access_request is None:
        raise Http404
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.access_request_decide(
                actor=request.user,
                request=access_request,
                grant=form.cleaned_data["decision"] == "grant",
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "Decision saved")
            return redirect("governance:request_list")
    return render(
        request, "governance/request_decide.html", {"access_request": access_request, "form": form}
    )


def restricted_record_refused(request: HttpRequest, exception) -> HttpResponse:
    """The 403 page for a restricted record the user's scope includes: request access or break
    glass (called by the site's 403 handler)."""
    person = exception.person
    return render(
        request,
        "governance/restricted.html",
        {
            "person": person,
            "requests": access_requests_by(user=request.user, person=person)[:3],
        },
        status=403,
    )


def _check_open_restricted(request: HttpRequest, person: Person) -> None:
    if not request.user.has_perm("governance.open_restricted", person):
        record_access(actor=request.user, person=person, page=request.path, granted=False)
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def request_access(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects, pk=person_pk)
    _check_open_restricted(request, person)
    form = ReasonForm(
        request.POST or None,
        label="Why do you need to open this record?",
        required_message="Enter why you need to open this record",
        submit="Send the request",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.access_request_make(
                actor=request.user, person=person, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, "Your request has been sent to information governance")
            return redirect("home")
    return render(request, "governance/request_access.html", {"person": person, "form": form})


@require_http_methods(["GET", "POST"])
def break_glass(request: HttpRequest, person_pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects, pk=person_pk)
    _check_open_restricted(request, person)
    form = ReasonForm(
        request.POST or None,
        label="Why do you need to open this record now?",
        required_message="Enter why you need to open this record now",
        submit="Open the record",
    )
    if request.method == "POST" and form.is_valid():
        services.break_glass(
            actor=request.user,
            person=person,
            reason=form.cleaned_data["reason"],
            page=_record_url(person),
        )
        messages.warning(
            request,
            "You used break-glass access. Information governance has been told. "
            f"Your access ends at midnight tonight ({clock.today():%-d %B %Y}).",
        )
        return redirect(_record_url(person))
    return render(request, "governance/break_glass.html", {"person": person, "form": form})


# --- Subject access -------------------------------------------------------------------------


@require_GET
@permission_required("governance.export_subject_access", raise_exception=True)
def subject_access(request: HttpRequest) -> HttpResponse:
    """Find the person; the page links to the JSON, the CSV zip and the print page."""
    form = ReferenceForm(request.GET or None, submit="Find the person")
    person = None
    if form.is_valid():
        person = person_find_by_reference(reference=form.cleaned_data["reference"])
        if person is None:
            form.add_error("reference", "No person has that LA child ID or person ID")
    return render(request, "governance/subject_access.html", {"form": form, "person": person})


@require_GET
@permission_required("governance.export_subject_access", raise_exception=True)
def subject_access_download(request: HttpRequest, person_pk: int, kind: str) -> HttpResponse:
    person = get_object_or_404(Person.objects, pk=person_pk)
    export = subject_access_export(person=person, actor=request.user, now=clock.now())
    record_access(actor=request.user, person=person, page=f"subject access export ({kind})")
    stamp = clock.today().isoformat()
    if kind == "json":
        response = HttpResponse(
            json.dumps(export.as_dict(), indent=2, default=str), content_type="application/json"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{person.pk}-{stamp}.json"'
        )
        return response
    if kind == "zip":
        response = HttpResponse(subject_access_zip(export), content_type="application/zip")
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{person.pk}-{stamp}.zip"'
        )
        return response
    if kind == "print":
        return render(request, "governance/subject_access_print.html", {"export": export})
    if kind == "pdf":
        response = HttpResponse(subject_access_pdf(export), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'attachment; filename="subject-access-{person.pk}-{stamp}.pdf"'
        )
        return response
    raise Http404
