"""Casework URLs: plans."""

urlpatterns: list = []
