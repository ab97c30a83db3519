"""Permissions at the front door. Object-level checks take the child."""

import rules

from cairn.accounts.rules import can_view_children, can_write_records
from cairn.people.rules import person_in_scope

rules.add_perm("frontdoor.record_contact", can_write_records)
rules.add_perm("frontdoor.decide_threshold", can_write_records & person_in_scope)
rules.add_perm("frontdoor.manage_episode", can_write_records & person_in_scope)
rules.add_perm("frontdoor.view_episode", can_view_children & person_in_scope)
