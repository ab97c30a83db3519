from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "cairn.accounts"
    label = "accounts"
    verbose_name = "Accounts: users, roles, teams"

    def ready(self):
        # Log lockouts (a django-axes signal receiver).
        from cairn.accounts import lockout  # noqa: F401
