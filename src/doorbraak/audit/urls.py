from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("verwerkingenlog/", views.LogView.as_view(), name="log"),
    path("verwerkingenlog/export.csv", views.LogExportView.as_view(), name="log-export"),
    path("verwerkingsregister/", views.ActivityListView.as_view(), name="activities"),
    path("verwerkingsregister/nieuw/", views.ActivityEditView.as_view(), name="activity-create"),
    path(
        "verwerkingsregister/<uuid:uuid>/",
        views.ActivityDetailView.as_view(),
        name="activity-detail",
    ),
    path(
        "verwerkingsregister/<uuid:uuid>/wijzigen/",
        views.ActivityEditView.as_view(),
        name="activity-edit",
    ),
]
