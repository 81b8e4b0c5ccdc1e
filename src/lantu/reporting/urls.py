"""Reporting's pages: the reporter's (views_fill), the administrator's (views_admin), Excel."""

from lantu.reporting import sheets, views_admin, views_fill

urlpatterns = [*views_fill.urlpatterns, *views_admin.urlpatterns, *sheets.urlpatterns]
