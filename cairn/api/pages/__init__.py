"""The integrations and token pages for system administrators (issue 11; ADR 0026)."""
