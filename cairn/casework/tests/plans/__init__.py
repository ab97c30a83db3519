"""Tests for plans and CIN reviews."""
