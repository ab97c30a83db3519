from django.urls import path

from cairn.accounts import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="sign_in"),
    path("sign-in/code/", views.two_factor_verify, name="two_factor_verify"),
    path("sign-in/set-up-app/", views.two_factor_enrol, name="two_factor_enrol"),
    path("sign-out/", views.SignOutView.as_view(), name="sign_out"),
    path("continue/", views.resume_form, name="resume_form"),
]
