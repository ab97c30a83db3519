"""Casework URLs: assessments."""

urlpatterns: list = []
