"""Every refused attempt on a child's record is in the access log (issue 11, ADR 0023).

Pages that read a record log their refusals themselves (`check_permission(..., log=True)`);
forms and actions often only ask `has_perm`. `RecordingPermissionBackend` (the rules backend)
notes, on the user object of the request, each person an object-level check refused (the
object is the person, or a record with a `child_id`/`person_id`). The site's 403 handler then
logs one denied `AccessEvent` per person for the page, unless the view already did; with no
object check at all (a role-level refusal) it falls back to the child the route names.
"""

import datetime as dt

from rules.permissions import ObjectPermissionBackend

from cairn.core import clock

DENIED_ATTR = "_cairn_refused_people"
MAX_NOTED = 20  # a long-lived user object (a job's actor) must not grow without end
ROUTE_KWARGS = ("child_pk", "person_pk")


def _person_id(obj):
    from cairn.people.models import Person

    if isinstance(obj, Person):
        return obj.pk
    return getattr(obj, "child_id", None) or getattr(obj, "person_id", None)


class RecordingPermissionBackend(ObjectPermissionBackend):
    """django-rules' backend, noting the people an object-level check refused."""

    def has_perm(self, user, perm, *args, **kwargs):
        allowed = super().has_perm(user, perm, *args, **kwargs)
        obj = args[0] if args else kwargs.get("obj")
        if not allowed and obj is not None and user is not None:
            person_id = _person_id(obj)
            noted = user.__dict__.setdefault(DENIED_ATTR, [])
            if person_id and len(noted) < MAX_NOTED:
                noted.append(person_id)
        return allowed


def _route_person_id(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        return None
    for kwarg in ROUTE_KWARGS:
        if match.kwargs.get(kwarg):
            return match.kwargs[kwarg]
    if match.route.startswith("children/<int:pk>/") or match.route == "people/<int:pk>/":
        return match.kwargs.get("pk")
    return None


def log_refusal(request) -> None:
    """Log the refused attempt (once per person and page) for the 403 handler."""
    from cairn.core.audit import record_access
    from cairn.core.models import AccessEvent, AccessOutcome
    from cairn.people.models import Person

    user = request.user
    if not user.is_authenticated:
        return
    person_ids = list(dict.fromkeys(getattr(user, DENIED_ATTR, None) or []))
    if not person_ids:
        route_id = _route_person_id(request)
        person_ids = [route_id] if route_id else []
    if not person_ids:
        return
    page = request.path[:200]
    already = set(
        AccessEvent.objects.filter(
            actor=user,
            person_id__in=person_ids,
            page=page,
            outcome=AccessOutcome.DENIED,
            at__gte=clock.now() - dt.timedelta(seconds=30),
        ).values_list("person_id", flat=True)
    )
    for person in Person._base_manager.filter(pk__in=set(person_ids) - already):
        record_access(actor=user, person=person, page=page, granted=False)
