"""Writes to legal records. Every service validates the whole sequence first (impossible dates
and orders are refused with a message naming the field) and writes nothing when refused."""
