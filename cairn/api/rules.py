"""Permissions the API adds; everything else is the pages' own (people, casework, frontdoor,
returns). The matrix is docs/permissions.md and cairn/api/tests/test_permissions.py."""

import rules

from cairn.accounts.rules import can_view_children, is_access_reviewer, is_system_admin

# The alerts of every child the integration's role sees (the list is scoped like search).
rules.add_perm("api.list_alerts", can_view_children)

# The integrations and token pages (issue 11): system administrators manage them; information
# governance officers may look (which partner holds which scopes), not change.
rules.add_perm("api.view_integrations", is_system_admin | is_access_reviewer)
rules.add_perm("api.manage_integrations", is_system_admin)
