from django.urls import path

from cairn.insight import report_views, views

app_name = "insight"

urlpatterns = [
    path("", views.scorecard_page, name="scorecard"),
    path("measures/<slug:key>/children/", views.drill_down, name="drill_down"),
    path("measures/<slug:key>/figures.csv", views.export_csv, name="export_csv"),
    path("measures/<slug:key>/figures.xlsx", views.export_xlsx, name="export_xlsx"),
    path("reports/", report_views.report_list, name="report_list"),
    path("reports/new/", report_views.report_create, name="report_create"),
    path("reports/<int:pk>/", report_views.report_detail, name="report_detail"),
    path("reports/<int:pk>/edit/", report_views.report_edit, name="report_edit"),
    path("reports/<int:pk>/issue/", report_views.report_issue, name="report_issue"),
    path("reports/<int:pk>/report.pdf", report_views.report_pdf, name="report_pdf"),
]
