"""URLs of vroegsignalering: work (see urls.py)."""

from django.urls import path

from . import views_work as views

urlpatterns = [
    path("vroegsignalering/werkvoorraad/", views.QueueView.as_view(), name="queue"),
    path("vroegsignalering/zaken/<uuid:uuid>/", views.CaseView.as_view(), name="case"),
    path(
        "vroegsignalering/zaken/<uuid:uuid>/contactpoging/",
        views.ContactAttemptView.as_view(),
        name="case-contact",
    ),
    path(
        "vroegsignalering/zaken/<uuid:uuid>/aanbod/", views.OfferView.as_view(), name="case-offer"
    ),
    path(
        "vroegsignalering/zaken/<uuid:uuid>/aanvaard/",
        views.AcceptView.as_view(),
        name="case-accept",
    ),
    path(
        "vroegsignalering/zaken/<uuid:uuid>/afsluiten/",
        views.CloseView.as_view(),
        name="case-close",
    ),
    path(
        "vroegsignalering/zaken/<uuid:uuid>/toewijzen/",
        views.AssignView.as_view(),
        name="case-assign",
    ),
    path("vroegsignalering/termijnen/", views.DeadlinesView.as_view(), name="deadlines"),
    path("vroegsignalering/instellingen/", views.SettingsView.as_view(), name="settings"),
    path("vroegsignalering/noodstops/", views.NoodstopListView.as_view(), name="noodstops"),
    path(
        "vroegsignalering/noodstops/<uuid:uuid>/",
        views.NoodstopUpdateView.as_view(),
        name="noodstop-update",
    ),
    path(
        "huishoudens/<uuid:uuid>/noodstop/",
        views.HouseholdNoodstopView.as_view(),
        name="household-noodstop",
    ),
]
