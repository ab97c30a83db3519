"""Casework selectors, one module per area."""
