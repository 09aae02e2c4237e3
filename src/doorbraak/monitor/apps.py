from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitorConfig(AppConfig):
    name = "doorbraak.monitor"
    label = "monitor"
    verbose_name = _("Dashboard sociale impact")
