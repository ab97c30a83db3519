"""Front door URLs."""

app_name = "frontdoor"
urlpatterns: list = []
