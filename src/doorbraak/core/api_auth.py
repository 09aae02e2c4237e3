"""API authentication with an organisation's token: ``Authorization: Token <prefix>.<secret>``."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from .actors import Actor
from .models import ApiClient


class ClientPrincipal:
    """Stands in for ``request.user`` when a system client calls the API."""

    is_authenticated = True
    is_anonymous = False
    is_active = True
    is_staff = False
    is_superuser = False
    pk = None

    def __init__(self, client: ApiClient):
        self.client = client

    def is_verified(self) -> bool:
        return True

    def __str__(self) -> str:
        return f"api:{self.client.name}"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid Authorization header: use 'Token <token>'.")
            )
        try:
            prefix, secret = header[1].decode().split(".", 1)
        except (UnicodeDecodeError, ValueError):
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        client = (
            ApiClient.objects.active()
            .select_related("organisation")
            .filter(token_prefix=prefix, organisation__active=True)
            .first()
        )
        if client is None or not client.matches(secret):
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
        request._request.actor = Actor(client=client)
        return ClientPrincipal(client), client

    def authenticate_header(self, request):
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "doorbraak.core.api_auth.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Token <token>` — the token of an API client of your organisation.",
        }
