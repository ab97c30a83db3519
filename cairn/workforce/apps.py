from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "cairn.workforce"
    label = "workforce"
    verbose_name = "Workforce: allocations (absence, supervision and oversight to come)"
