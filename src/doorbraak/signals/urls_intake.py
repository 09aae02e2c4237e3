"""URLs of vroegsignalering: intake (see urls.py)."""

from django.urls import path

from . import views_intake as views

urlpatterns = [
    path("vroegsignalen/aanleveren/", views.UploadView.as_view(), name="deliver"),
    path("vroegsignalen/sjabloon.csv", views.TemplateCsvView.as_view(), name="template-csv"),
    path("vroegsignalen/sjabloon.xlsx", views.TemplateXlsxView.as_view(), name="template-xlsx"),
    path("vroegsignalen/leveringen/", views.DeliveryListView.as_view(), name="deliveries"),
    path(
        "vroegsignalen/leveringen/<uuid:uuid>/",
        views.DeliveryDetailView.as_view(),
        name="delivery",
    ),
    path(
        "vroegsignalen/leveringen/<uuid:uuid>/afgekeurd.csv",
        views.RejectedCsvView.as_view(),
        name="delivery-rejected-csv",
    ),
    path("vroegsignalen/routering/", views.WaitingView.as_view(), name="waiting"),
]
