"""Reads about referrals (CIN episodes) and where a child sits on the continuum of need."""

from cairn.frontdoor.models import Episode, Level, LevelTransition
from cairn.people.models import Person


def episode_get_open(*, child: Person) -> Episode | None:
    """The child's open CIN episode, if the child is open to children's social care."""
    return Episode.objects.filter(child=child, closed_on__isnull=True).first()


def child_current_level(*, child: Person) -> str:
    """The level the child's latest recorded transition moved them to (none if never moved)."""
    latest = LevelTransition.objects.filter(child=child).order_by("-occurred_on", "-id").first()
    return latest.to_level if latest else Level.NONE
