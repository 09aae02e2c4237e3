from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "doorbraak.core"
    label = "core"
    verbose_name = _("Organisations and users")

    def ready(self) -> None:
        from . import lookups  # noqa: F401 - registers the __any lookup
