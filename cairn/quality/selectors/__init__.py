"""Reads for the audit programme. Everything here is read only; record apps are read, never
written (architecture.md)."""
