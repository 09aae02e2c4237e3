"""Vroegsignalering pages. Each part keeps its own module so the parts stay small:
intake (creditors), work (the gemeente's team: queue, cases, deadlines, noodstop, settings),
ddas (export, import, monitor)."""

from .urls_ddas import urlpatterns as ddas
from .urls_intake import urlpatterns as intake
from .urls_work import urlpatterns as work

app_name = "signals"

urlpatterns = [*intake, *work, *ddas]
