"""API URLs of the escalation app, included in the "api" namespace (names become api:<name>)."""

from django.urls import path

from . import api

urlpatterns = [
    path("loket/", api.LoketCaseListView.as_view(), name="loket-cases"),
    path("loket/<uuid:uuid>/", api.LoketCaseDetailView.as_view(), name="loket-case"),
    path(
        "plannen/<uuid:uuid>/loket/",
        api.PlanLoketCaseView.as_view(),
        name="plan-loket-cases",
    ),
    path(
        "knelpunten/rapport/",
        api.KnelpuntReportView.as_view(),
        name="knelpunten-report",
    ),
]
