from django.urls import path

from employers import views

app_name = "employers"

urlpatterns = [
    path("", views.employer_search, name="search"),
    path("eksport.csv", views.employer_export, name="export"),
    path("<str:orgnr>/", views.employer_detail, name="detail"),
]
