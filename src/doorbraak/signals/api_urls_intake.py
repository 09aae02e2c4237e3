"""API URLs of vroegsignalering: intake (see api_urls.py)."""

from django.urls import path

from . import api_intake

urlpatterns = [
    path(
        "vroegsignalen/leveringen/",
        api_intake.DeliveryCreateView.as_view(),
        name="signal-deliveries",
    ),
    path(
        "vroegsignalen/leveringen/<uuid:uuid>/",
        api_intake.DeliveryDetailView.as_view(),
        name="signal-delivery",
    ),
]
