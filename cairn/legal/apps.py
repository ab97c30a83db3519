from django.apps import AppConfig


class LegalConfig(AppConfig):
    name = "cairn.legal"
    label = "legal"
    verbose_name = (
        "Legal: legal planning meetings, pre-proceedings (PLO), care proceedings and "
        "looked-after periods"
    )
