from django.urls import path

from . import views

app_name = "households"

urlpatterns = [
    path("huishoudens/", views.CaseloadView.as_view(), name="list"),
    path("huishoudens/nieuw/", views.IntakeView.as_view(), name="create"),
    path("huishoudens/zoeken/", views.SearchView.as_view(), name="search"),
    path("huishoudens/<uuid:uuid>/", views.HouseholdDetailView.as_view(), name="detail"),
    path(
        "huishoudens/<uuid:uuid>/leden/nieuw/", views.PersonEditView.as_view(), name="person-create"
    ),
    path(
        "huishoudens/<uuid:uuid>/leden/<uuid:person_uuid>/",
        views.PersonEditView.as_view(),
        name="person-edit",
    ),
    path(
        "huishoudens/<uuid:uuid>/grondslag/nieuw/",
        views.GroundCreateView.as_view(),
        name="ground-create",
    ),
    path(
        "huishoudens/<uuid:uuid>/grondslag/<uuid:ground_uuid>/intrekken/",
        views.GroundWithdrawView.as_view(),
        name="ground-withdraw",
    ),
    path("huishoudens/<uuid:uuid>/delen/", views.ShareCreateView.as_view(), name="share-create"),
    path(
        "huishoudens/<uuid:uuid>/delen/<uuid:share_uuid>/beeindigen/",
        views.ShareEndView.as_view(),
        name="share-end",
    ),
    path("huishoudens/<uuid:uuid>/overdragen/", views.TransferView.as_view(), name="transfer"),
    path("huishoudens/<uuid:uuid>/zrm/", views.AssessmentTrendView.as_view(), name="assessments"),
    path(
        "huishoudens/<uuid:uuid>/zrm/nieuw/",
        views.AssessmentCreateView.as_view(),
        name="assessment-create",
    ),
    path("huishoudens/<uuid:uuid>/contact/", views.ContactView.as_view(), name="contact"),
]

# Rights of the data subject, AVG art. 15–17 (views_rights.py).
from . import views_rights  # noqa: E402

urlpatterns += [
    path(
        "huishoudens/<uuid:uuid>/leden/<uuid:person_uuid>/inzage.json",
        views_rights.PersonExportJsonView.as_view(),
        name="person-export-json",
    ),
    path(
        "huishoudens/<uuid:uuid>/leden/<uuid:person_uuid>/inzage.pdf",
        views_rights.PersonExportPdfView.as_view(),
        name="person-export-pdf",
    ),
    path(
        "huishoudens/<uuid:uuid>/leden/<uuid:person_uuid>/verwijderen/",
        views_rights.PersonEraseView.as_view(),
        name="person-erase",
    ),
]
