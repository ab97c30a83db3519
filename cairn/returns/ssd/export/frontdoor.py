"""Sources of the front-door tables: contacts and early help episodes."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models.functions import TruncDate

from cairn.earlyhelp.models import EarlyHelpEpisode
from cairn.frontdoor.models import ContactChild
from cairn.returns.ssd import spec
from cairn.returns.ssd.export.cells import (
    flag_for,
    outcome_json,
)
from cairn.returns.ssd.export.ids import (
    CHUNK,
    SOURCE_LABELS,
    SmallIds,
    children_only,
    external_id,
)


def contact_outcome(next_step: str) -> dict:
    if not next_step:
        return outcome_json(spec.CONTACT_OUTCOME_KEYS, None)
    return outcome_json(
        spec.CONTACT_OUTCOME_KEYS, (flag_for(spec.CONTACT_NEXT_STEP_FLAG, next_step),)
    )


def contacts_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(ContactChild.objects)
        .order_by("pk")
        .annotate(
            ssd_id=external_id(ContactChild, "pk"), received_on=TruncDate("contact__received_at")
        )
        .values("ssd_id", "child__la_child_id", "received_on", "contact__source", "next_step")
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "cont_contact_id": row["ssd_id"],
            "cont_person_id": row["child__la_child_id"],
            "cont_contact_date": row["received_on"],
            "cont_contact_source_code": row["contact__source"],
            "cont_contact_source_desc": SOURCE_LABELS.get(
                row["contact__source"], row["contact__source"]
            ),
            "cont_contact_outcome_json": contact_outcome(row["next_step"]),
        }


def early_help_rows(ids: SmallIds) -> Iterator[dict]:
    qs = (
        children_only(EarlyHelpEpisode.objects)
        .order_by("pk")
        .annotate(ssd_id=external_id(EarlyHelpEpisode, "pk"))
        .values(
            "ssd_id",
            "child__la_child_id",
            "started_on",
            "ended_on",
            "reason",
            "end_reason",
            "lead_organisation",
        )
    )
    for row in qs.iterator(chunk_size=CHUNK):
        yield {
            "earl_episode_id": row["ssd_id"],
            "earl_person_id": row["child__la_child_id"],
            "earl_episode_start_date": row["started_on"],
            "earl_episode_end_date": row["ended_on"],
            "earl_episode_reason": row["reason"],
            "earl_episode_end_reason": row["end_reason"],
            "earl_episode_organisation": row["lead_organisation"],
            "earl_episode_worker_id": "",
        }
