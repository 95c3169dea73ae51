from django.urls import path

from pages import fields, views

# The occupation pages keep the namespace their addresses have always been reversed by.
app_name = "occupations"

urlpatterns = [
    path("", views.home, name="home"),
    path("yrker/", views.occupation_index, name="index"),
    path("yrker/omrader/", fields.field_index, name="fields"),
    path("yrker/omrader/<slug:slug>/", fields.field_detail, name="field"),
    path("yrker/<slug:slug>/", views.occupation_detail, name="detail"),
    path("yrker/forhandsvisning/<int:pk>/", views.occupation_preview, name="preview"),
]
