"""The site's URLs plus one view that fails, for the 500 page test."""

from django.urls import path

from careersite.urls import urlpatterns as site_urlpatterns


def fail(request):
    raise RuntimeError("database password hemmelig at db.internal")


urlpatterns = [*site_urlpatterns, path("feil/", fail)]
