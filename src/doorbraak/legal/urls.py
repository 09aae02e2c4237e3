from django.urls import path

from . import views

app_name = "legal"

urlpatterns = [
    path("plannen/<uuid:uuid>/juridisch/", views.PlanLegalView.as_view(), name="plan"),
    path("plannen/<uuid:uuid>/juridisch/bepalingen/", views.AttachView.as_view(), name="attach"),
    path(
        "plannen/<uuid:uuid>/juridisch/bepalingen/<uuid:attached_uuid>/besluit/",
        views.DecisionView.as_view(),
        name="decision",
    ),
    path(
        "plannen/<uuid:uuid>/juridisch/bepalingen/<uuid:attached_uuid>/verwijderen/",
        views.DetachView.as_view(),
        name="detach",
    ),
    path(
        "plannen/<uuid:uuid>/juridisch/knelpunten/",
        views.KnelpuntCreateView.as_view(),
        name="knelpunt-create",
    ),
    path("juridisch/bepalingen/", views.CatalogueView.as_view(), name="catalogue"),
]
