"""Test support shared by every app's tests: factories, role fixtures, audit assertions."""
