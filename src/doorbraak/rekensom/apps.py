from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RekensomConfig(AppConfig):
    name = "doorbraak.rekensom"
    label = "rekensom"
    verbose_name = _("Maatschappelijke rekensom")
