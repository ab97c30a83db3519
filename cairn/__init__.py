"""Cairn: case management and practice oversight for children's social care."""
