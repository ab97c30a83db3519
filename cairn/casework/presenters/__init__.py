"""Casework presenters, one module per area."""
