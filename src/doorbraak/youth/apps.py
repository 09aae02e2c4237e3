from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YouthConfig(AppConfig):
    name = "doorbraak.youth"
    label = "youth"
    verbose_name = _("Big 5 for young people")
