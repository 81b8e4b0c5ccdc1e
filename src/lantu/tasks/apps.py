from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TasksConfig(AppConfig):
    name = "lantu.tasks"
    verbose_name = _("Key tasks")
