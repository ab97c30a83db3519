"""Reads of meetings (CIN reviews): one review with everything its page shows."""

from django.db.models import Prefetch

from cairn.casework.models import Attendance, Meeting, MeetingChild, OutcomeRating


def meeting_get(*, pk: int) -> Meeting | None:
    """A meeting with its plan and child, the children's participation, attendance and
    ratings, in a fixed number of queries. Pages check `casework.view_record` on the child."""
    return (
        Meeting.objects.filter(pk=pk)
        .select_related("plan__child", "chair", "finalised_by")
        .prefetch_related(
            Prefetch("children", queryset=MeetingChild.objects.select_related("child")),
            Prefetch(
                "attendance", queryset=Attendance.objects.select_related("person").order_by("id")
            ),
            Prefetch(
                "ratings",
                queryset=OutcomeRating.objects.select_related("outcome").order_by(
                    "outcome__position", "id"
                ),
            ),
        )
        .first()
    )
