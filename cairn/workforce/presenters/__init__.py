"""Shaping workforce data for templates: one module per area."""
