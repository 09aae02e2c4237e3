"""Vroegsignalering API (included under /api/v1/ in the ``api`` namespace)."""

from .api_urls_ddas import urlpatterns as ddas
from .api_urls_intake import urlpatterns as intake
from .api_urls_work import urlpatterns as work

urlpatterns = [*intake, *work, *ddas]
