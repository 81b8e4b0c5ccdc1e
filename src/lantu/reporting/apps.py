from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "lantu.reporting"
    label = "reporting"
    verbose_name = "Reporting"
