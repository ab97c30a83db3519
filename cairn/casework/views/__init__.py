"""Casework views, one module per area."""
