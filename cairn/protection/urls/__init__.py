"""Child protection URLs, one module per area so each area's pages sit together."""

from django.urls import include, path

app_name = "protection"
urlpatterns = [
    # The CP chair's oversight between conferences (issue 4, item 8)
    path("", include("cairn.protection.urls.chair")),
    # The child protection record: strategy discussions to CP plans (issue 4, items 1-6 and 9)
    path("", include("cairn.protection.urls.records")),
]
