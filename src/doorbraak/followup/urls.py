from django.urls import path

from . import views

app_name = "followup"

urlpatterns = [
    path("team/opvolging/", views.TeamOverviewView.as_view(), name="team"),
    path("meldingen/", views.NotificationListView.as_view(), name="notifications"),
    path(
        "meldingen/<uuid:uuid>/gelezen/",
        views.NotificationReadView.as_view(),
        name="notification-read",
    ),
]
