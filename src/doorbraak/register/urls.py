from django.urls import path

from . import views

app_name = "register"

urlpatterns = [
    path("register/", views.SearchView.as_view(), name="search"),
    path("register/export.csv", views.ExportCsvView.as_view(), name="export-csv"),
    path("register/export.xlsx", views.ExportXlsxView.as_view(), name="export-xlsx"),
    path("register/beheer/", views.ManageView.as_view(), name="manage"),
    path("register/beheer/nieuw/", views.EntryFormView.as_view(), name="create"),
    path("register/beheer/import/", views.ImportView.as_view(), name="import"),
    path("register/beheer/<uuid:uuid>/", views.EntryFormView.as_view(), name="edit"),
    path(
        "register/beheer/<uuid:uuid>/gecontroleerd/",
        views.EntryActionView.as_view(action="verify"),
        name="verify",
    ),
    path(
        "register/beheer/<uuid:uuid>/deactiveren/",
        views.EntryActionView.as_view(action="deactivate"),
        name="deactivate",
    ),
    path(
        "register/beheer/<uuid:uuid>/activeren/",
        views.EntryActionView.as_view(action="activate"),
        name="activate",
    ),
    path("register/verzoeken/", views.InboxView.as_view(), name="inbox"),
    path("register/verzoeken/<uuid:uuid>/", views.InboxRequestView.as_view(), name="request"),
    path(
        "register/verzoeken/<uuid:uuid>/opgelost/",
        views.InboxSolveView.as_view(),
        name="request-solve",
    ),
    path("register/<uuid:uuid>/", views.EntryDetailView.as_view(), name="detail"),
    path(
        "plannen/<uuid:uuid>/contactverzoeken/",
        views.PlanRequestsView.as_view(),
        name="plan-requests",
    ),
    path(
        "plannen/<uuid:uuid>/contactverzoeken/<uuid:request_uuid>/opgelost/",
        views.PlanRequestSolveView.as_view(),
        name="plan-request-solve",
    ),
]
