from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "doorbraak.followup"
    label = "followup"
    verbose_name = _("Team follow-up and notifications")
