from django.urls import path  # noqa: F401

app_name = "returns"

# Each area (census, annexa, ssd) adds its pages here.
urlpatterns: list = []
