from django.apps import AppConfig


class ReturnsConfig(AppConfig):
    name = "cairn.returns"
    label = "returns"
    verbose_name = (
        "Statutory returns: the CIN census, Annex A and the Standard Safeguarding Dataset"
    )
