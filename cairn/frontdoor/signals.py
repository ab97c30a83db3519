"""The default continuum of need (1 universal .. 4 child protection), which a council may edit."""

from cairn.frontdoor.models import ThresholdLevel

DEFAULT_LEVELS = [
    (1, "Universal", "Needs met by ordinary services"),
    (2, "Early help", "Extra support with consent, below the statutory threshold"),
    (3, "Child in need", "Complex needs: a section 17 assessment and child in need plan"),
    (4, "Child protection", "Acute: suspected significant harm, section 47"),
]


def ensure_default_threshold_levels(sender, using="default", **kwargs) -> None:
    if ThresholdLevel.objects.using(using).exists():
        return
    ThresholdLevel.objects.using(using).bulk_create(
        ThresholdLevel(number=n, name=name, description=text) for n, name, text in DEFAULT_LEVELS
    )
