from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "cairn.api"
    label = "api"
    verbose_name = "REST API: partner integrations, their tokens and scopes"

    def ready(self) -> None:
        # The OpenAPI description of the token scheme (drf-spectacular finds it by import).
        from cairn.api import schema  # noqa: F401
