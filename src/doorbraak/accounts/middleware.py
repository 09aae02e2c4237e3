from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from .otp import has_confirmed_device, second_factor_satisfied

# Paths a logged-in user may reach before the second factor: the steps of logging in itself.
_ALLOWED_URL_NAMES = ("accounts:verify", "accounts:enrol", "accounts:logout", "accounts:login")


class SecondFactorRequiredMiddleware:
    """Until a second factor is verified, a logged-in user can only finish logging in.

    This also covers the API: a browser session without a second factor gets no data there.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._allowed: set[str] | None = None

    def __call__(self, request):
        if self._allowed is None:
            self._allowed = {reverse(name) for name in _ALLOWED_URL_NAMES}
        path = request.path_info
        if (
            request.user.is_authenticated
            and path not in self._allowed
            and not path.startswith("/static/")
            and not second_factor_satisfied(request)
        ):
            if path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Tweede factor vereist: rond het inloggen af."}, status=403
                )
            if has_confirmed_device(request.user):
                return redirect("accounts:verify")
            return redirect("accounts:enrol")
        return self.get_response(request)
