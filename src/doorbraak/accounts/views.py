"""Logging in (password, then a second factor), enrolment, roles and logging out."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters

import django_otp
import structlog

from doorbraak.core.actors import SESSION_MEMBERSHIP_KEY, memberships_of
from doorbraak.core.views_base import PlatformView

from . import otp
from .forms import ChooseRoleForm, EnrolForm, LoginForm, TokenForm
from .tasks import send_security_notice

logger = structlog.get_logger(__name__)
BACKUP_CODES_SESSION_KEY = "doorbraak.backup_codes"


def _next_url(request, default="core:home"):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True
    public = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["session_expired"] = "verlopen" in self.request.GET
        return context


class LoggedInView(View):
    """Base for the login steps after the password: a user, not yet an actor."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect("accounts:login")
        return super().dispatch(request, *args, **kwargs)


@method_decorator(sensitive_post_parameters("token"), name="dispatch")
class VerifyView(LoggedInView):
    template_name = "accounts/verify.html"

    def get(self, request):
        if request.user.is_verified():
            return redirect(_next_url(request))
        if not otp.has_confirmed_device(request.user):
            return redirect("accounts:enrol")
        return TemplateResponse(request, self.template_name, {"form": TokenForm()})

    def post(self, request):
        form = TokenForm(request.POST)
        if form.is_valid():
            device = django_otp.match_token(request.user, form.cleaned_data["token"])
            if device is not None:
                django_otp.login(request, device)
                logger.info(
                    "second_factor_verified",
                    user=str(request.user.uuid),
                    device=device.__class__.__name__,
                )
                if device.__class__.__name__ == "StaticDevice":
                    messages.warning(
                        request,
                        _("You logged in with a backup code. That code can no longer be used."),
                    )
                return redirect(_next_url(request))
            logger.info("second_factor_failed", user=str(request.user.uuid))
            form.add_error(
                "token",
                _(
                    "This code is not correct or has expired. Check the time on your phone and "
                    "try the newest code. After several wrong codes you have to wait a while."
                ),
            )
        return TemplateResponse(request, self.template_name, {"form": form}, status=400)


@method_decorator(sensitive_post_parameters("token"), name="dispatch")
class EnrolView(LoggedInView):
    """Link an authenticator app: scan the QR code, confirm with a code, get backup codes."""

    template_name = "accounts/enrol.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        # Someone with a device must prove it before linking another one.
        if user.is_authenticated and otp.has_confirmed_device(user) and not user.is_verified():
            return redirect("accounts:verify")
        return super().dispatch(request, *args, **kwargs)

    def _context(self, form):
        device = otp.pending_totp_device(self.request.user)
        return {
            "form": form,
            "qr_svg": otp.provisioning_qr_svg(device),
            "secret": otp.base32_secret(device),
        }

    def get(self, request):
        return TemplateResponse(request, self.template_name, self._context(EnrolForm()))

    def post(self, request):
        form = EnrolForm(request.POST)
        if form.is_valid():
            device = otp.pending_totp_device(request.user)
            if device.verify_token(form.cleaned_data["token"]):
                # The new device replaces any old one.
                device.__class__.objects.filter(user=request.user).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save()
                django_otp.login(request, device)
                request.session[BACKUP_CODES_SESSION_KEY] = otp.new_backup_codes(request.user)
                send_security_notice.enqueue(str(request.user.uuid), "device_enrolled")
                logger.info("second_factor_enrolled", user=str(request.user.uuid))
                return redirect("accounts:backup-codes")
            form.add_error(
                "token",
                _("This code does not match. Scan the QR code again and enter the newest code."),
            )
        return TemplateResponse(request, self.template_name, self._context(form), status=400)


class BackupCodesView(PlatformView):
    """Show new backup codes once; make a new set on request."""

    def get(self, request):
        codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
        return TemplateResponse(request, "accounts/backup_codes.html", {"codes": codes})

    def post(self, request):
        if not request.user.is_verified():
            messages.error(request, _("Log in with your authenticator app first."))
            return redirect("accounts:account")
        request.session[BACKUP_CODES_SESSION_KEY] = otp.new_backup_codes(request.user)
        send_security_notice.enqueue(str(request.user.uuid), "backup_codes_renewed")
        return redirect("accounts:backup-codes")


class AccountView(PlatformView):
    def get(self, request):
        return TemplateResponse(
            request,
            "accounts/account.html",
            {
                "memberships": memberships_of(request.user),
                "has_device": otp.has_confirmed_device(request.user),
                "backup_codes_left": otp.backup_codes_left(request.user),
            },
        )


class ChooseRoleView(LoggedInView):
    template_name = "accounts/choose_role.html"

    def get(self, request):
        memberships = list(memberships_of(request.user))
        return TemplateResponse(
            request,
            self.template_name,
            {
                "form": ChooseRoleForm(memberships=memberships),
                "memberships": memberships,
            },
        )

    def post(self, request):
        memberships = list(memberships_of(request.user))
        form = ChooseRoleForm(request.POST, memberships=memberships)
        if form.is_valid():
            request.session[SESSION_MEMBERSHIP_KEY] = form.cleaned_data["membership"]
            return redirect(_next_url(request))
        return TemplateResponse(
            request,
            self.template_name,
            {
                "form": form,
                "memberships": memberships,
            },
            status=400,
        )


class LogoutView(View):
    def post(self, request):
        logout(request)
        messages.info(request, _("You have been logged out."))
        return redirect(settings.LOGOUT_REDIRECT_URL)


class LogoutEverywhereView(PlatformView):
    """End every session of this user, on every device, including this one."""

    def post(self, request):
        user = request.user
        user.session_generation += 1
        user.save(update_fields=["session_generation"])
        send_security_notice.enqueue(str(user.uuid), "logged_out_everywhere")
        logger.info("logged_out_everywhere", user=str(user.uuid))
        logout(request)
        messages.info(request, _("You have been logged out on every device."))
        return redirect(settings.LOGOUT_REDIRECT_URL)


class SessionKeepAliveView(PlatformView):
    """Called by the idle warning's 'stay logged in' button; saving the session extends it."""

    def post(self, request):
        request.session.modified = True
        return HttpResponse(status=204)
