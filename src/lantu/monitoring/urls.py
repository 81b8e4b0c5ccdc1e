"""Monitoring's pages: warnings and rectifications."""

from lantu.monitoring import views_warnings

urlpatterns = [*views_warnings.urlpatterns]
