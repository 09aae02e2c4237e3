"""Every URL, as every role and as nobody, against objects of another organisation."""

from django.urls import reverse

import pytest

from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role

from .access_harness import (
    LOGIN_STEP,
    PUBLIC,
    harness_member,
    login_verified,
    registry,
    url_patterns,
)
from .factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db

DENIED = {403, 404}
LOGIN_PATH = "/inloggen/"


def _qualified_patterns():
    return [(name, route, conv) for name, route, conv in url_patterns() if name]


def test_every_url_pattern_is_described_in_an_access_module():
    described = registry()
    missing = [
        name
        for name, _route, _conv in _qualified_patterns()
        if name not in described and not name.startswith("admin:")
    ]
    assert not missing, f"Describe these URLs in <app>/tests/access.py: {missing}"
    unknown = set(described) - {name for name, _r, _c in _qualified_patterns()}
    assert not unknown, f"access.py describes URLs that do not exist: {unknown}"


def test_every_url_with_parameters_has_a_foreign_object():
    described = registry()
    for name, _route, converters in _qualified_patterns():
        if converters and not name.startswith("admin:"):
            assert described[name].foreign_object, f"{name} takes parameters: add foreign_object"


def _request(client, method, url):
    if method == "PUT":
        return client.put(url, data="{}", content_type="application/json")
    return client.post(url) if method == "POST" else client.get(url)


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith(LOGIN_PATH)


@pytest.fixture
def two_organisations():
    return OrganisationFactory(name="Gemeente Eigen"), OrganisationFactory(name="Gemeente Ander")


@pytest.fixture
def platform_organisation():
    return OrganisationFactory(
        name="Platformbeheer", type=OrganisationType.RIJK, cbs_code=None, manages_platform=True
    )


@pytest.mark.parametrize("name", sorted(registry()))
def test_anonymous_visitor(client, name, two_organisations):
    spec = registry()[name]
    _own, other = two_organisations
    kwargs = spec.foreign_object(other) if spec.foreign_object else {}
    url = reverse(name, kwargs=kwargs)
    for method in spec.methods:
        response = _request(client, method, url)
        if spec.roles == PUBLIC:
            assert response.status_code == 200, (
                f"{method} {url}: public page gave {response.status_code}"
            )
        elif spec.api:
            assert response.status_code in {401, 403}, f"{method} {url}: {response.status_code}"
        else:
            assert _is_login_redirect(response), (
                f"{method} {url}: anonymous got {response.status_code}"
            )


@pytest.mark.parametrize("role", sorted(Role.values))
@pytest.mark.parametrize("name", sorted(registry()))
def test_role_against_own_and_other_organisation(
    client, name, role, two_organisations, platform_organisation
):
    spec = registry()[name]
    own, other = two_organisations
    allowed = True if spec.roles in (PUBLIC, LOGIN_STEP) else role in spec.roles
    marker = spec.leak_marker(other) if spec.leak_marker else None

    # 1. A member of our organisation, with an object of the other organisation (if any).
    membership = harness_member(role, own)
    login_verified(client, membership.user)
    if spec.foreign_object:
        url = reverse(name, kwargs=spec.foreign_object(other))
        expect_allowed = allowed and spec.shared
    else:
        url = reverse(name)
        expect_allowed = allowed
    for method in spec.methods:
        response = _request(client, method, url)
        if expect_allowed:
            assert response.status_code not in DENIED | {401}, (
                f"{role} {method} {url}: refused ({response.status_code}) but should be allowed"
            )
            if spec.roles != LOGIN_STEP and not spec.ends_session:
                assert not _is_login_redirect(response), f"{role} {method} {url}: sent to login"
        else:
            assert response.status_code in DENIED, (
                f"{role} {method} {url}: got {response.status_code}, must be 403/404"
            )
        if marker and method == "GET" and response.status_code == 200:
            assert marker not in _body(response), (
                f"{role} {url}: shows the other organisation's data"
            )
    client.logout()

    # 2. Positive control: the same role in the owning organisation may use its object.
    if spec.foreign_object and not spec.shared and allowed:
        owner = harness_member(role, other)
        login_verified(client, owner.user)
        url = reverse(name, kwargs=spec.foreign_object(other))
        for method in spec.methods:
            response = _request(client, method, url)
            assert response.status_code not in DENIED, (
                f"{role} {method} {url}: owner refused ({response.status_code})"
            )
        client.logout()

    # 3. Roles that only the platform organisation holds.
    if role in spec.platform_roles:
        platform_member = harness_member(role, platform_organisation)
        login_verified(client, platform_member.user)
        url = reverse(name, kwargs=spec.foreign_object(other) if spec.foreign_object else {})
        for method in spec.methods:
            response = _request(client, method, url)
            assert response.status_code not in DENIED, (
                f"{role} of the platform organisation {method} {url}: "
                f"refused ({response.status_code})"
            )


@pytest.mark.parametrize("role", sorted(Role.values))
def test_system_administration_is_closed_to_every_role(client, role):
    membership = member(role=role)
    login_verified(client, membership.user)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code in DENIED


def test_system_administration_sends_anonymous_to_the_platform_login(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].startswith(LOGIN_PATH)
