from django.urls import path, register_converter

from . import views


class CbsGemeenteCode:
    regex = r"GM[0-9]{4}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(CbsGemeenteCode, "gm")

app_name = "monitor"

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/nederland.csv", views.NederlandCsvView.as_view(), name="nederland-csv"),
    path("dashboard/covid.csv", views.CovidCsvView.as_view(), name="covid-csv"),
    path("dashboard/gemeente/<gm:cbs_code>/", views.GemeenteView.as_view(), name="gemeente"),
    path(
        "dashboard/gemeente/<gm:cbs_code>.csv",
        views.GemeenteCsvView.as_view(),
        name="gemeente-csv",
    ),
    path(
        "dashboard/gemeente/<gm:cbs_code>/covid.csv",
        views.CovidCsvView.as_view(),
        name="gemeente-covid-csv",
    ),
    path("dashboard/gebied/<slug:slug>/", views.GebiedView.as_view(), name="gebied"),
    path("dashboard/gebied/<slug:slug>.csv", views.GebiedCsvView.as_view(), name="gebied-csv"),
    path("dashboard/indicator/<slug:code>/", views.IndicatorView.as_view(), name="indicator"),
    path(
        "dashboard/indicator/<slug:code>.csv",
        views.IndicatorCsvView.as_view(),
        name="indicator-csv",
    ),
]

# The programme monitor: figures of the platform itself, for analysts and the loket.
from . import views_programme  # noqa: E402

urlpatterns += [
    path("dashboard/programma/", views_programme.ProgrammeView.as_view(), name="programme"),
    path(
        "dashboard/programma/<slug:table>.csv",
        views_programme.ProgrammeCsvView.as_view(),
        name="programme-csv",
    ),
]

# The editing screen of the areas: functioneel beheerder (platform, or the area's own gemeente).
from . import views_areas  # noqa: E402

urlpatterns += [
    path("dashboard/beheer/gebieden/", views_areas.AreaListView.as_view(), name="area-list"),
    path(
        "dashboard/beheer/gebieden/nieuw/", views_areas.AreaEditView.as_view(), name="area-create"
    ),
    path(
        "dashboard/beheer/gebieden/<slug:slug>/",
        views_areas.AreaEditView.as_view(),
        name="area-edit",
    ),
]

# Stapeling: public figures from the synthetic population ("synthetische gegevens").
from . import views_stapeling  # noqa: E402

urlpatterns += [
    path("dashboard/stapeling/", views_stapeling.StapelingView.as_view(), name="stapeling"),
    path(
        "dashboard/stapeling.csv", views_stapeling.StapelingCsvView.as_view(), name="stapeling-csv"
    ),
    path(
        "dashboard/stapeling/gemeente/<gm:cbs_code>/",
        views_stapeling.StapelingView.as_view(level="gemeente"),
        name="stapeling-gemeente",
    ),
    path(
        "dashboard/stapeling/gemeente/<gm:cbs_code>.csv",
        views_stapeling.StapelingCsvView.as_view(level="gemeente"),
        name="stapeling-gemeente-csv",
    ),
    path(
        "dashboard/stapeling/gebied/<slug:slug>/",
        views_stapeling.StapelingView.as_view(level="gebied"),
        name="stapeling-gebied",
    ),
    path(
        "dashboard/stapeling/gebied/<slug:slug>.csv",
        views_stapeling.StapelingCsvView.as_view(level="gebied"),
        name="stapeling-gebied-csv",
    ),
]
