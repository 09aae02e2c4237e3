"""How each URL of the core and the API may be reached; read by the access harness.

Every URL pattern of the project must be described in one app's ``tests/access.py``:
``roles`` who may open it (the empty set: nobody with a membership role; ``PUBLIC``: anyone,
also without logging in), and for URLs with an object, ``foreign_object`` makes an object that
belongs to the organisation it is given and returns the URL kwargs.
"""

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import ALL_ROLES, PUBLIC, UrlAccess

from .factories import ApiClientFactory


def _api_client(organisation):
    return {"uuid": ApiClientFactory(organisation=organisation).uuid}


def _api_client_name(organisation):
    return ApiClientFactory(
        organisation=organisation, name=f"Geheim systeem van {organisation.name}"
    ).name


def _theme(organisation):
    return {"uuid": organisation.uuid}


URLS = {
    "core:home": UrlAccess(roles=ALL_ROLES),
    "core:theme-css": UrlAccess(roles=PUBLIC, foreign_object=_theme, shared=True),
    "core:api-clients": UrlAccess(
        roles={Role.FUNCTIONEEL_BEHEERDER},
        methods=("GET", "POST"),
        leak_marker=_api_client_name,
    ),
    "core:api-client-revoke": UrlAccess(
        roles={Role.FUNCTIONEEL_BEHEERDER},
        foreign_object=_api_client,
        methods=("POST",),
    ),
    "api:whoami": UrlAccess(roles=ALL_ROLES, api=True),
    "api:organisations": UrlAccess(roles=ALL_ROLES, api=True),
    "api:schema": UrlAccess(roles=PUBLIC),
    "api:docs": UrlAccess(roles=PUBLIC),
}
