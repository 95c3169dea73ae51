from django.urls import path

from pages import views

# The occupation pages keep the namespace their addresses have always been reversed by.
app_name = "occupations"

urlpatterns = [
    path("", views.home, name="home"),
    path("yrker/", views.occupation_index, name="index"),
    path("yrker/<slug:slug>/", views.occupation_detail, name="detail"),
    path("yrker/forhandsvisning/<int:pk>/", views.occupation_preview, name="preview"),
]
