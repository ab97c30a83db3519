from django.urls import path

from cairn.timescales import views

app_name = "timescales"
urlpatterns = [
    path("", views.rule_list, name="rule_list"),
    path("<str:code>/", views.rule_edit, name="rule_edit"),
]
