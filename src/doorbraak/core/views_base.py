"""The one base view every page of the platform derives from.

It answers three questions before a view runs: is someone logged in (unless the page is
public), does the actor have a role here, and does the actor have the view's permission.
Object views look their object up through a selector scoped to the actor and give 404 for
anything else, so another organisation's objects are indistinguishable from missing ones.
"""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.views import View

from .permissions import can


class PlatformView(View):
    #: A rule name in ``doorbraak.core.permissions.ruleset``; None means any member.
    permission: str | None = None
    #: Public pages need no login at all.
    public: bool = False

    def dispatch(self, request, *args, **kwargs):
        if not self.public:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            actor = request.actor
            if actor.membership is None:
                return redirect("accounts:choose-role")
            if self.permission is not None and not can(actor, self.permission):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def actor(self):
        return self.request.actor
