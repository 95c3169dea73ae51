from django.urls import path

from occupations import views

app_name = "occupations"

urlpatterns = [
    path("", views.home, name="home"),
    path("yrker/", views.occupation_index, name="index"),
    path("yrker/<slug:slug>/", views.occupation_detail, name="detail"),
    path("yrker/forhandsvisning/<int:pk>/", views.occupation_preview, name="preview"),
]
