"""Writes at the front door: contacts, threshold decisions, referrals (CIN episodes), levels."""

from cairn.frontdoor.services.contacts import contact_record, threshold_decide
from cairn.frontdoor.services.episodes import (
    episode_close,
    episode_set_primary_need,
    referral_create,
    referral_create_direct,
    referral_record_nfa,
)
from cairn.frontdoor.services.levels import level_transition_record

__all__ = [
    "contact_record",
    "episode_close",
    "episode_set_primary_need",
    "level_transition_record",
    "referral_create",
    "referral_create_direct",
    "referral_record_nfa",
    "threshold_decide",
]
