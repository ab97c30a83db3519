from django.urls import path

from cairn.timescales import alert_views, views

app_name = "timescales"
urlpatterns = [
    # The drift pages (ADR 0019); before the rule pages, whose code is any single segment.
    path("alerts/mine/", alert_views.my_work, name="alerts_mine"),
    path("alerts/team/", alert_views.team, name="alerts_team"),
    path("alerts/service/", alert_views.service, name="alerts_service"),
    path("alerts/chair/", alert_views.chair, name="alerts_chair"),
    path("", views.rule_list, name="rule_list"),
    path("<str:code>/", views.rule_edit, name="rule_edit"),
]
