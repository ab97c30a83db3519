"""What the audit programme's pages share: loading objects, the permission checks (every view
of an audit is a view of the child's record, so it is logged), and showing service errors."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest

from cairn.core.audit import record_access
from cairn.core.records import ConcurrentEditError
from cairn.quality.models import CaseAudit, Recommendation
from cairn.quality.selectors.audits import audit_get, recommendation_get


def audit_or_404(pk: int) -> CaseAudit:
    audit = audit_get(pk=pk)
    if audit is None:
        raise Http404
    return audit


def recommendation_or_404(pk: int) -> Recommendation:
    recommendation = recommendation_get(pk=pk)
    if recommendation is None:
        raise Http404
    return recommendation


def check_can_view_audit(request: HttpRequest, audit: CaseAudit) -> None:
    """Refuse (logging the refused attempt) unless the user may see the audit; log the view."""
    if not request.user.has_perm("quality.view_audit", audit):
        record_access(actor=request.user, person=audit.child, page=request.path, granted=False)
        raise PermissionDenied
    record_access(actor=request.user, person=audit.child, page=request.path)


def require_perm(request: HttpRequest, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def add_service_errors(form, error: ValidationError | ConcurrentEditError) -> None:
    """Show a service's refusal against the field it names, or above the form."""
    if isinstance(error, ConcurrentEditError):
        form.add_error(None, str(error))
        return
    if hasattr(error, "error_dict"):
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    else:
        form.add_error(None, error.messages)


def done(request: HttpRequest, message: str) -> None:
    messages.success(request, message)


def refused(request: HttpRequest, message: str) -> None:
    """Why a button's action was refused, shown at the top of the next page."""
    messages.error(request, message)
