"""Workforce forms: one module per area."""
