"""Casework services, one module per area."""
