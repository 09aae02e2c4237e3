"""API URLs of the register app, included in the "api" namespace (names become api:<name>)."""

from django.urls import path

from . import api

urlpatterns = [
    path("register/", api.RegisterEntryListView.as_view(), name="register-entries"),
    path(
        "register/verzoeken/",
        api.ReceivedContactRequestListView.as_view(),
        name="register-requests",
    ),
    path(
        "register/verzoeken/<uuid:uuid>/antwoord/",
        api.ContactRequestAnswerView.as_view(),
        name="register-request-answer",
    ),
    path("register/<uuid:uuid>/", api.RegisterEntryDetailView.as_view(), name="register-entry"),
    path(
        "plannen/<uuid:uuid>/contactverzoeken/",
        api.PlanContactRequestsView.as_view(),
        name="plan-contact-requests",
    ),
]
