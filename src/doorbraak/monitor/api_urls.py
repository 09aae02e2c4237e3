"""API URLs of the monitor app, included in the "api" namespace (names become api:<name>)."""

from django.urls import path

from . import api
from .urls import CbsGemeenteCode  # noqa: F401  (registers the "gm" converter)

urlpatterns: list = [
    path(
        "dashboard/indicatoren/",
        api.IndicatorListView.as_view(),
        name="monitor-indicators",
    ),
    path(
        "dashboard/indicatoren/<slug:code>/waarden/",
        api.IndicatorValuesView.as_view(),
        name="monitor-indicator-values",
    ),
    path(
        "dashboard/gemeenten/<gm:cbs_code>/",
        api.GemeenteView.as_view(),
        name="monitor-gemeente",
    ),
]
