from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "cairn.workforce"
    label = "workforce"
    verbose_name = "Workforce: staff, allocations, absence and cover, supervision, oversight"
