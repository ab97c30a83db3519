"""Casework URLs: records."""

urlpatterns: list = []
