from django.urls import path

from . import views

app_name = "rekensom"

urlpatterns = [
    path("plannen/<uuid:uuid>/rekensom/", views.RekensomView.as_view(), name="plan"),
    path("plannen/<uuid:uuid>/rekensom/nieuw/", views.RekensomCreateView.as_view(), name="create"),
    path(
        "plannen/<uuid:uuid>/rekensom/voorbeeld/",
        views.RekensomPreviewView.as_view(),
        name="preview",
    ),
    path("rekensom/catalogus/", views.CatalogueView.as_view(), name="catalogue"),
    path("rekensom/catalogus/<slug:code>/", views.LocalAmountView.as_view(), name="local-amount"),
    path("rekensom/programma/", views.ProgrammeTotalsView.as_view(), name="programme"),
]
