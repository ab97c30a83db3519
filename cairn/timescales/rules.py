"""Permissions: only a system administrator changes the local values of the drift rules."""

import rules

from cairn.accounts.rules import is_system_admin

rules.add_perm("timescales.manage_rules", is_system_admin)
