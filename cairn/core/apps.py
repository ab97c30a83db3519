from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    name = "cairn.core"
    label = "core"
    verbose_name = "Core: clock, working days, codes, audit"

    def ready(self) -> None:
        from cairn.core.signals import sync_code_lists

        post_migrate.connect(sync_code_lists, sender=self)
