"""What every API view shares: the scope and rate for its kind of call, bounded ids, paging, and
the child's-record check that mirrors the child's page (log the view, or the refused attempt)."""

from django.http import Http404
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from cairn.casework.selectors.child import child_get
from cairn.core.audit import record_access
from cairn.governance.access import RestrictedRecordDenied, refusal_for
from cairn.people.models import Person

MAX_ID = 2**63 - 1
NOT_PERMITTED = "This integration may not do this."
NOT_YOURS = "This integration may not view this child's record."
RESTRICTED = "This record is restricted. Ask Cairn's information governance team for access."


class ApiView(GenericAPIView):
    required_scope: str | None = None
    throttle_scope = "api_read"
    metadata_class = None  # no OPTIONS description (405): the OpenAPI schema is the description

    def require(self, perm: str, obj=None) -> None:
        if not self.request.user.has_perm(perm, obj):
            raise exceptions.PermissionDenied(NOT_PERMITTED)

    def query(self, serializer_class) -> dict:
        """The query string, validated (400 naming each parameter at fault)."""
        serializer = serializer_class(data=self.request.query_params)
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def paged(self, rows, serializer_class) -> Response:
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializer_class(page, many=True).data)


def bounded(pk: int) -> int:
    """An id the database can hold, else 404 (SQLite refuses integers past 64 bits)."""
    if not 0 < pk <= MAX_ID:
        raise Http404
    return pk


def child_for_record(request, pk: int, perm: str = "casework.view_record") -> Person:
    """The child, if the integration may read their record: the child page's check
    (`casework.views.child.check_can_view`), with the same access-log entry for the view or the
    refused attempt. Restricted records are refused without their name (ADR 0023)."""
    child = child_get(pk=bounded(pk))
    if child is None:
        raise Http404
    if not request.user.has_perm(perm, child):
        record_access(actor=request.user, person=child, page=request.path, granted=False)
        refusal = refusal_for(user=request.user, person=child)
        message = RESTRICTED if isinstance(refusal, RestrictedRecordDenied) else NOT_YOURS
        raise exceptions.PermissionDenied(message)
    record_access(actor=request.user, person=child, page=request.path)
    return child
