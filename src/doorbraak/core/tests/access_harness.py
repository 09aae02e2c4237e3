"""The access harness: every URL of the project, as every role, against another organisation.

Each app describes its URLs in ``<app>/tests/access*.py`` (``URLS = {name: UrlAccess(...)}``).
``test_access_harness.py`` walks every URL pattern Django knows and fails when a URL is not
described, when a role that should be refused gets through, when an allowed role is refused,
and when a page shows something of another organisation (``leak_marker``).
"""

import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorbraak.core.roles import Role

PUBLIC = "public"  # anyone, without logging in
LOGIN_STEP = "login-step"  # part of logging in: needs a user, not a role
ALL_ROLES = frozenset(Role.values)


@dataclass(frozen=True)
class UrlAccess:
    roles: frozenset | set | str
    foreign_object: Callable | None = None
    #: The object is platform-wide (not owned by an organisation): allowed roles see it anywhere.
    shared: bool = False
    methods: tuple[str, ...] = ("GET",)
    #: Roles allowed only in the organisation that manages the platform.
    platform_roles: set = field(default_factory=set)
    #: Makes something of the given organisation and returns a text that must not show to others.
    leak_marker: Callable | None = None
    #: For URLs of the API: an anonymous caller gets 401/403 instead of a login redirect.
    api: bool = False
    #: The action ends the session (log out everywhere): a redirect to the login is success.
    ends_session: bool = False


def registry() -> dict[str, UrlAccess]:
    combined: dict[str, UrlAccess] = {}
    for config in apps.get_app_configs():
        if not config.name.startswith("doorbraak."):
            continue
        try:
            tests = import_module(f"{config.name}.tests")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(tests.__path__):
            if not info.name.startswith("access") or info.name == "access_harness":
                continue
            module = import_module(f"{config.name}.tests.{info.name}")
            overlap = combined.keys() & module.URLS.keys()
            assert not overlap, f"URL names described twice: {overlap}"
            combined.update(module.URLS)
    return combined


def url_patterns(resolver: URLResolver | None = None, namespace: str = "", prefix: str = ""):
    """(qualified name, route, converters) of every named URL pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or ""
            qualified = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from url_patterns(entry, qualified, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern), entry.pattern.converters


def team_for(organisation):
    """The one team the harness uses per organisation: objects and team members meet there."""
    from doorbraak.core.models import Team

    return Team.objects.get_or_create(organisation=organisation, name="Harness-team")[0]


def harness_member(role, organisation):
    from doorbraak.core.tests.factories import member

    team = team_for(organisation) if role in (Role.PROFESSIONAL, Role.TEAMLEIDER) else None
    return member(role=role, organisation=organisation, team=team)


def login_verified(client, user) -> None:
    """Log in with a confirmed second factor, as a user who finished both steps."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
