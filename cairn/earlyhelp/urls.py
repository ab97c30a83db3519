"""Early help URLs: early help episodes, step-up/step-down and the journey across levels."""

from django.urls import path

from cairn.earlyhelp import views

app_name = "earlyhelp"
urlpatterns = [
    path("children/<int:pk>/journey/", views.journey, name="journey"),
    path("children/<int:pk>/start/", views.early_help_start, name="early_help_start"),
    path("children/<int:pk>/level/", views.level_transition_record, name="level_transition"),
    path("children/<int:pk>/step-up/", views.step_up, name="step_up"),
    path("episodes/<int:pk>/", views.early_help_detail, name="early_help_detail"),
    path("episodes/<int:pk>/end/", views.early_help_end, name="early_help_end"),
    path("plans/<int:pk>/step-down/", views.step_down, name="step_down"),
]
