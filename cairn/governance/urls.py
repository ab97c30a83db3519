from django.urls import path

from cairn.governance import views

app_name = "governance"
urlpatterns = [path("access/", views.access_review, name="access_review")]
