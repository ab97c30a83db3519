from django.urls import path

from cairn.people import views

app_name = "people"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("register/", views.register_child, name="register_child"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
]
