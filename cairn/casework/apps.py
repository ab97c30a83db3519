from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "cairn.casework"
    label = "casework"
    verbose_name = "Casework: assessments, plans, meetings, visits, case notes"
