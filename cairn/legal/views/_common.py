"""What the legal pages share: the permission checks, the form page and showing a service's
refusal on the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from cairn.casework.forms.plans import add_service_errors
from cairn.casework.views.plans import check_permission
from cairn.core.records import ConcurrentEditError
from cairn.legal.selectors import records as selectors

VIEW, WRITE = "legal.view_record", "legal.write_record"


def or_404(value):
    if value is None:
        raise Http404
    return value


def form_page(request, *, form, title: str, caption: str, back_url: str, intro: str = ""):
    return render(
        request,
        "legal/form_page.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "back_url": back_url,
            "intro": intro,
        },
    )


def try_service(form, call):
    try:
        return call()
    except (ValidationError, ConcurrentEditError) as error:
        add_service_errors(form, error)
        return None


def children_of(rows):
    return [r.child for r in rows.all()]


def check_all(request, perm, children, *, log=False):
    for child in children:
        check_permission(request, perm, child, log=log)


def proceedings_form_view(request, pk, form_class, title, submit_call, form_kwargs=None):
    """A one-form page about care proceedings: every child's write permission is checked, the
    service's refusal is shown on the form, success returns to the proceedings page.
    `form_kwargs(cp, children)` gives the form what it needs from the proceedings."""
    cp = or_404(selectors.proceedings_get(pk=pk))
    children = children_of(cp.children)
    check_all(request, WRITE, children)
    extra = form_kwargs(cp, children) if form_kwargs else {}
    form = form_class(request.POST or None, **extra)
    if request.method == "POST" and form.is_valid():
        if try_service(form, lambda: submit_call(cp, children, form.cleaned_data)) is not None:
            messages.success(request, f"{title} recorded")
            return redirect("legal:proceedings_detail", pk=cp.pk)
    return form_page(
        request,
        form=form,
        title=title,
        caption=f"{cp.case_number}: " + ", ".join(c.full_name for c in children),
        back_url=reverse("legal:proceedings_detail", args=[cp.pk]),
    )
