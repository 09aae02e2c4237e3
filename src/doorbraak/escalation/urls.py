from django.urls import path

from . import views

app_name = "escalation"

urlpatterns = [
    path("plannen/<uuid:uuid>/loket/", views.PlanLoketView.as_view(), name="plan-loket"),
    path("loket/", views.CaseListView.as_view(), name="cases"),
    path("loket/servicenormen/", views.ServiceLevelView.as_view(), name="service-levels"),
    path("loket/<uuid:uuid>/", views.CaseDetailView.as_view(), name="case"),
    path("loket/<uuid:uuid>/triage/", views.TriageView.as_view(), name="triage"),
    path("loket/<uuid:uuid>/bijlagen/", views.AttachmentAddView.as_view(), name="attachment-add"),
    path(
        "loket/<uuid:uuid>/bijlagen/<uuid:attachment_uuid>/",
        views.AttachmentView.as_view(),
        name="attachment",
    ),
    path("loket/<uuid:uuid>/knelpunt/", views.CaseKnelpuntView.as_view(), name="case-knelpunt"),
    path(
        "loket/<uuid:uuid>/overbrugging/",
        views.CaseOverbruggingView.as_view(),
        name="case-overbrugging",
    ),
    path("let/", views.SessionListView.as_view(), name="sessions"),
    path("let/besluiten/", views.DecisionListView.as_view(), name="decisions"),
    path(
        "let/besluiten/<uuid:uuid>/",
        views.DecisionFollowUpView.as_view(),
        name="decision-follow-up",
    ),
    path("let/<uuid:uuid>/", views.SessionDetailView.as_view(), name="session"),
    path("let/<uuid:uuid>/agenda/", views.SessionAgendaView.as_view(), name="session-agenda"),
    path(
        "let/<uuid:uuid>/besluiten/", views.SessionDecisionView.as_view(), name="session-decision"
    ),
    path("overbrugging/", views.OverbruggingListView.as_view(), name="overbruggingen"),
    path("overbrugging/<uuid:uuid>/", views.OverbruggingDetailView.as_view(), name="overbrugging"),
    path(
        "overbrugging/<uuid:uuid>/verrekening/",
        views.SettleView.as_view(),
        name="overbrugging-settle",
    ),
    path("knelpunten/", views.KnelpuntListView.as_view(), name="knelpunten"),
    path(
        "knelpunten/<uuid:uuid>/status/",
        views.KnelpuntStatusView.as_view(),
        name="knelpunt-status",
    ),
    path("knelpunten/rapport/", views.ReportView.as_view(), name="report"),
    path("knelpunten/rapport.csv", views.ReportCsvView.as_view(), name="report-csv"),
]
