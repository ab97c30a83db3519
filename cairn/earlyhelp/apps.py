from django.apps import AppConfig


class EarlyhelpConfig(AppConfig):
    name = "cairn.earlyhelp"
    label = "earlyhelp"
    verbose_name = "Early help: episodes below the statutory threshold"
