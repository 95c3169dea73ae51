"""A page that reads the database, for the replica failover test (test_replicas.py)."""

from django.db import OperationalError
from django.http import HttpResponse
from django.urls import path

from occupations.models import Occupation
from operations.replicas import ReplicaRouter

served_by = []


def page(request):
    alias = ReplicaRouter().db_for_read(Occupation) or "default"
    served_by.append(alias)
    if alias != "default":
        raise OperationalError("server closed the connection unexpectedly")
    return HttpResponse(f"{Occupation.objects.count()} yrker")


urlpatterns = [path("side/", page)]
