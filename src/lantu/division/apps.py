from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DivisionConfig(AppConfig):
    name = "lantu.division"
    verbose_name = _("Division of labour")
