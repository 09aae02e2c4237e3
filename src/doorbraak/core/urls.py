from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("thema/<uuid:uuid>.css", views.theme_css, name="theme-css"),
    path("beheer/api-clients/", views.ApiClientListView.as_view(), name="api-clients"),
    path(
        "beheer/api-clients/<uuid:uuid>/intrekken/",
        views.ApiClientRevokeView.as_view(),
        name="api-client-revoke",
    ),
]
