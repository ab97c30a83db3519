from django.apps import AppConfig
from django.db.models.signals import post_migrate


class FrontdoorConfig(AppConfig):
    name = "cairn.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door: contacts, threshold decisions, referrals, levels of need"

    def ready(self) -> None:
        from cairn.frontdoor.signals import ensure_default_threshold_levels

        post_migrate.connect(ensure_default_threshold_levels, sender=self)
