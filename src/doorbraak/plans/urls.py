from django.urls import path

from . import views, views_print

app_name = "plans"

urlpatterns = [
    path("huishoudens/<uuid:uuid>/plan/nieuw/", views.PlanCreateView.as_view(), name="create"),
    path("plannen/<uuid:uuid>/", views.PlanDetailView.as_view(), name="detail"),
    path("plannen/<uuid:uuid>/doorbraak/", views.DoorbraakView.as_view(), name="doorbraak"),
    path("plannen/<uuid:uuid>/doelen/", views.GoalCreateView.as_view(), name="goal-create"),
    path("plannen/<uuid:uuid>/acties/", views.ActionCreateView.as_view(), name="action-create"),
    path(
        "plannen/<uuid:uuid>/acties/<uuid:action_uuid>/status/",
        views.ActionStatusView.as_view(),
        name="action-status",
    ),
    path("plannen/<uuid:uuid>/status/", views.TransitionView.as_view(), name="transition"),
    path(
        "plannen/<uuid:uuid>/evaluaties/",
        views.EvaluationCreateView.as_view(),
        name="evaluation-create",
    ),
    path(
        "plannen/<uuid:uuid>/evaluaties/<uuid:evaluation_uuid>/",
        views.EvaluationRecordView.as_view(),
        name="evaluation-record",
    ),
    # The printed maatwerkplan.
    path("plannen/<uuid:uuid>/afdrukken/", views_print.PlanPrintView.as_view(), name="print"),
    path("plannen/<uuid:uuid>/maatwerkplan.pdf", views_print.PlanPdfView.as_view(), name="pdf"),
]
