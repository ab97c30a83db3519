from django.apps import AppConfig


class InsightConfig(AppConfig):
    name = "cairn.insight"
    label = "insight"
    verbose_name = "Insight for leaders: the scorecard, trends, drill-down and members' report"
