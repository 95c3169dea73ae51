from django.urls import path

from accounts import views

app_name = "accounts"

# Included under admin/ before the admin's own URLs, so "login/" replaces the admin's login.
urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("login/kode/", views.login_code, name="login_code"),
    path("login/ny-app/", views.login_setup, name="login_setup"),
    path("totrinn/", views.two_factor, name="two_factor"),
    path("totrinn/ny-telefon/", views.two_factor_replace, name="two_factor_replace"),
]
