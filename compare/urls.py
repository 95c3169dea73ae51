from django.urls import path

from compare import views

app_name = "compare"

# Included before pages.urls, so that /yrker/sammenlign/ is not read as an occupation's slug.
urlpatterns = [
    path("yrker/sammenlign/", views.comparison, name="comparison"),
    path("mine-yrker/", views.shortlist, name="shortlist"),
    path("mine-yrker/endre/", views.shortlist_change, name="shortlist_change"),
]
