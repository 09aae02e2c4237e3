"""URLs of vroegsignalering: ddas (see urls.py)."""

from django.urls import path

from . import views_ddas

urlpatterns = [
    path("vroegsignalering/ddas/", views_ddas.DdasView.as_view(), name="ddas"),
    path("vroegsignalering/ddas/import/", views_ddas.DdasImportView.as_view(), name="ddas-import"),
    path("vroegsignalering/monitor/", views_ddas.MonitorView.as_view(), name="monitor"),
]
