from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("doorbraak.core.urls")),
    path("", include("doorbraak.accounts.urls")),
    path("", include("doorbraak.audit.urls")),
    path("", include("doorbraak.households.urls")),
    path("", include("doorbraak.plans.urls")),
    path("", include("doorbraak.rekensom.urls")),
    path("", include("doorbraak.legal.urls")),
    path("", include("doorbraak.register.urls")),
    path("", include("doorbraak.escalation.urls")),
    path("", include("doorbraak.signals.urls")),
    path("", include("doorbraak.monitor.urls")),
    path("", include("doorbraak.youth.urls")),
    path("", include("doorbraak.followup.urls")),
    path("api/v1/", include("doorbraak.config.api_urls")),
    path("systeembeheer/", admin.site.urls),
]

handler403 = "doorbraak.core.errors.permission_denied"
handler404 = "doorbraak.core.errors.page_not_found"
handler500 = "doorbraak.core.errors.server_error"
