"""Every API error as one JSON shape (ADR 0026):

    {"status": 400, "detail": "Check the fields named in errors.", "errors": {"field": ["reason"]}}

`errors` names each field with its reasons (nested fields as `children.0`); it is empty for
errors that are not about a field. Django's own refusals (Http404, PermissionDenied) and a
service's ValidationError are turned into the same shape, so nothing reaches the HTML pages.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

NON_FIELD = "non_field_errors"
INVALID = "Check the fields named in errors."


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(detail, dict):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            flat.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(detail, list) and any(isinstance(item, dict | list) for item in detail):
        flat = {}
        for index, item in enumerate(detail):
            if item:
                flat.update(_flatten(item, f"{prefix}.{index}" if prefix else str(index)))
        return flat
    items = detail if isinstance(detail, list) else [detail]
    return {prefix or NON_FIELD: [str(item) for item in items]}


def validation_error_from_django(error: DjangoValidationError) -> exceptions.ValidationError:
    """A service's ValidationError ({field: message}) as DRF's, with the same field names."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({NON_FIELD: error.messages})


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = validation_error_from_django(exc)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = exception_handler(exc, context)
    if response is None:
        return None  # a real fault: Django's 500 (logged)
    if isinstance(exc, exceptions.ValidationError):
        body = {"status": response.status_code, "detail": INVALID, "errors": _flatten(exc.detail)}
    else:
        detail = response.data.get("detail", "") if isinstance(response.data, dict) else ""
        body = {"status": response.status_code, "detail": str(detail), "errors": {}}
    response.data = body
    return response


def not_found(request, *args, **kwargs) -> JsonResponse:
    """Any other address under /api/: JSON, not the HTML 404 page."""
    return JsonResponse(
        {"status": 404, "detail": "There is no such address in the API.", "errors": {}},
        status=status.HTTP_404_NOT_FOUND,
    )
