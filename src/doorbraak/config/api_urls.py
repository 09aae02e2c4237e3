from django.urls import include, path

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

from doorbraak.core import api as core_api
from doorbraak.households import api as households_api
from doorbraak.legal import api as legal_api
from doorbraak.plans import api as plans_api
from doorbraak.rekensom import api as rekensom_api

app_name = "api"

urlpatterns = [
    path("ik/", core_api.WhoAmIView.as_view(), name="whoami"),
    path("organisaties/", core_api.OrganisationListView.as_view(), name="organisations"),
    path("huishoudens/", households_api.HouseholdListView.as_view(), name="households"),
    path(
        "huishoudens/<uuid:uuid>/",
        households_api.HouseholdDetailView.as_view(),
        name="household",
    ),
    path(
        "huishoudens/<uuid:uuid>/leden/",
        households_api.MemberListView.as_view(),
        name="household-members",
    ),
    path(
        "huishoudens/<uuid:uuid>/zrm/",
        households_api.AssessmentListView.as_view(),
        name="household-assessments",
    ),
    path("plannen/<uuid:uuid>/", plans_api.PlanDetailView.as_view(), name="plan"),
    path("plannen/<uuid:uuid>/acties/", plans_api.ActionListView.as_view(), name="plan-actions"),
    path(
        "plannen/<uuid:uuid>/rekensom/",
        rekensom_api.PlanRekensomView.as_view(),
        name="plan-rekensom",
    ),
    path(
        "rekensom/catalogus/",
        rekensom_api.CatalogueItemListView.as_view(),
        name="rekensom-catalogue",
    ),
    path("juridisch/bepalingen/", legal_api.ProvisionListView.as_view(), name="legal-provisions"),
    path("", include("doorbraak.register.api_urls")),
    path("", include("doorbraak.escalation.api_urls")),
    path("", include("doorbraak.signals.api_urls")),
    path("", include("doorbraak.monitor.api_urls")),
    # The API description is public, like every Dutch government API's OpenAPI document.
    path(
        "schema/",
        SpectacularAPIView.as_view(authentication_classes=[], permission_classes=[AllowAny]),
        name="schema",
    ),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", authentication_classes=[], permission_classes=[AllowAny]
        ),
        name="docs",
    ),
]
