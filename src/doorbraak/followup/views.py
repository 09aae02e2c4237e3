from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from doorbraak.core.views_base import PlatformView

from . import selectors, services


class TeamOverviewView(PlatformView):
    """The teamleider's follow-up: decisions waiting, overdue actions, no contact."""

    permission = "followup.view_team"

    def get(self, request):
        overview = selectors.team_overview(self.actor)
        services.overzicht_inzien(actor=self.actor, overview=overview)
        return TemplateResponse(request, "followup/team.html", {"overview": overview})


class NotificationListView(PlatformView):
    permission = "followup.view_notifications"

    def get(self, request):
        notifications = selectors.notifications_of(self.actor.user)
        return TemplateResponse(
            request,
            "followup/notifications.html",
            {
                "notifications": notifications,
                "limit": selectors.NOTIFICATION_LIMIT,
                "unread_count": sum(1 for n in notifications if not n.is_read),
            },
        )


class NotificationReadView(PlatformView):
    """Mark one's own notification read; anyone else's is 404."""

    permission = "followup.view_notifications"
    http_method_names = ["post"]

    def post(self, request, uuid):
        notification = selectors.notification_of(self.actor.user, uuid)
        if notification is None:
            raise Http404
        services.mark_read(notification)
        return redirect("followup:notifications")
