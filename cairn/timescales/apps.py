from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TimescalesConfig(AppConfig):
    name = "cairn.timescales"
    label = "timescales"
    verbose_name = "Timescales: the rule catalogue, its local settings and drift alerts"

    def ready(self) -> None:
        from cairn.timescales.signals import sync_rules

        post_migrate.connect(sync_rules, sender=self)
