from django.urls import path

from cairn.returns.views import annexa, census, index, runs

app_name = "returns"

# Each area (census, annexa, ssd) adds its pages here.
urlpatterns: list = [
    path("", index.index, name="index"),
    path("cin-census/", census.census, name="census"),
    path("annex-a/", annexa.annexa_export, name="annexa_export"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<int:pk>/download/", runs.run_download, name="run_download"),
]
