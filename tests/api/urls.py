"""The API alone at /api/v1/, so these tests do not depend on the project's urls.py."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("lantu.api.urls"))]
