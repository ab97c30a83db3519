from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "cairn.protection"
    label = "protection"
    verbose_name = (
        "Child protection: strategy discussions, S47 enquiries, conferences, CP plans, "
        "core groups and the chairs' oversight"
    )
