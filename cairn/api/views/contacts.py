"""A contact from a partner agency (ADR 0026): the front door's own service, so the same
validation and audit as the contact page; nothing is written when anything is wrong."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from cairn.api.scopes import ApiScope
from cairn.api.serializers import ContactIn, ContactOut
from cairn.api.views.base import ApiView
from cairn.core.audit import record_access
from cairn.frontdoor.services import contact_record
from cairn.people.models import Person
from cairn.people.selectors import CHILD_KINDS, child_list_visible_to

VIA = "api"


def contact_children(request, ids: list[int]) -> list[Person]:
    """The children named, if the integration may see each (as the contact page offers only
    children the user may see). An id of a child outside its scope is logged as a refused
    attempt, like a guessed id on the pages, and answered as if there were no such child."""
    ids = list(dict.fromkeys(ids))
    found = {c.pk: c for c in child_list_visible_to(user=request.user).filter(pk__in=ids)}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        for child in Person.objects.filter(pk__in=missing, kind__in=CHILD_KINDS):
            record_access(actor=request.user, person=child, page=request.path, granted=False)
        raise exceptions.ValidationError(
            {"children": [f"There is no child with id {pk} that you may see." for pk in missing]}
        )
    return [found[pk] for pk in ids]


class ContactCreateView(ApiView):
    required_scope = ApiScope.CONTACTS_WRITE
    throttle_scope = "api_write"

    @extend_schema(
        operation_id="contact_create",
        tags=["contacts"],
        summary="Record a contact (a partner agency's referral)",
        description="Recorded by the integration's service user in its team, as the front "
        "door's contact page does; each child then awaits a threshold decision. A 400 names "
        "each field at fault and nothing is written.",
        request=ContactIn,
        responses={201: ContactOut},
        examples=[
            OpenApiExample(
                "A school's concern",
                value={
                    "children": [1],
                    "received_at": "2026-11-20T09:30:00Z",
                    "source": "2B",
                    "concerns": "Came to school hungry three days this week.",
                    "consent": "given",
                    "referrer_name": "A. Teacher",
                    "referrer_organisation": "Fernbridge Primary (synthetic)",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        self.require("frontdoor.record_contact")
        serializer = ContactIn(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        children = contact_children(request, data["children"])
        contact = contact_record(
            actor=request.user,
            received_at=data["received_at"],
            source=data["source"],
            concerns=data["concerns"],
            consent=data["consent"],
            referrer_name=data.get("referrer_name", ""),
            referrer_organisation=data.get("referrer_organisation", ""),
            referrer_role=data.get("referrer_role", ""),
            team=request.user.team,
            children=children,
            via=VIA,
        )
        body = {
            "id": contact.pk,
            "received_at": contact.received_at,
            "source": contact.source,
            "consent": contact.consent,
            "children": [{"id": c.pk, "la_child_id": c.la_child_id} for c in children],
        }
        return Response(ContactOut(body).data, status=status.HTTP_201_CREATED)
