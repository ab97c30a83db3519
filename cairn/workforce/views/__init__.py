"""Workforce pages: one module per area."""
