"""Pages of the audit programme."""
