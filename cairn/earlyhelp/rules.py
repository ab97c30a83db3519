"""Permissions on early help and step-up/step-down. Object-level checks take the child."""

import rules

from cairn.accounts.rules import can_view_children, can_write_records
from cairn.people.rules import person_in_scope

rules.add_perm("earlyhelp.view", can_view_children & person_in_scope)
rules.add_perm("earlyhelp.manage", can_write_records & person_in_scope)
