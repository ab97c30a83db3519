from django.apps import AppConfig


class EdgeOfCareConfig(AppConfig):
    name = "cairn.edgeofcare"
    label = "edgeofcare"
    verbose_name = "Edge of care: referrals, interventions and outcomes"
