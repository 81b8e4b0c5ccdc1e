"""Mounted by the project's urls.py as ``path("api/v1/", include("lantu.api.urls"))``."""

from django.urls import path

from lantu.api.api import api

urlpatterns = [path("", api.urls)]
