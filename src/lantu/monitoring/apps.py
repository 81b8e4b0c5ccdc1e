from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "lantu.monitoring"
    verbose_name = _("Monitoring")

    def ready(self) -> None:
        from lantu.monitoring import standings

        standings.connect()
