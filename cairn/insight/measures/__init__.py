"""Every scorecard measure. Importing this package registers them all (see base.REGISTRY)."""

from cairn.insight.measures import (  # noqa: F401  (registration)
    frontdoor,
    legal,
    oversight,
    practice,
    protection,
)
