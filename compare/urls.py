from django.urls import path

from compare import views

app_name = "compare"

# Included before pages.urls, so that /yrker/sammenlign/ is not read as an occupation's slug.
urlpatterns = [
    path("yrker/sammenlign/", views.comparison, name="comparison"),
]
