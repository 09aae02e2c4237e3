"""Logging in: password, then a TOTP second factor; enrolment, backup codes, lockout, sessions."""

from django.core import mail
from django.test import override_settings
from django.urls import reverse

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from freezegun import freeze_time

from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import PASSWORD, member

pytestmark = pytest.mark.django_db


def _password_step(client, user):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_user_without_authenticator_is_sent_to_enrolment_after_password():
    from django.test import Client

    client = Client()
    user = member().user
    response = _password_step(client, user)
    assert response.status_code == 302
    home = client.get(reverse("core:home"))
    assert home.status_code == 302 and home["Location"] == reverse("accounts:enrol")


def test_enrolment_shows_server_rendered_qr_code_and_confirms_with_a_code(client):
    user = member().user
    _password_step(client, user)
    page = client.get(reverse("accounts:enrol"))
    assert page.status_code == 200
    assert (
        "<svg" in page.content.decode() and "<script" not in page.content.decode().split("<main")[1]
    )
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:enrol"), {"token": _code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:backup-codes")
    device.refresh_from_db()
    assert device.confirmed
    codes_page = client.get(reverse("accounts:backup-codes")).content.decode()
    assert codes_page.count('<code class="utrecht-code">') == 10
    # Shown once only.
    assert (
        '<code class="utrecht-code">'
        not in client.get(reverse("accounts:backup-codes")).content.decode()
    )
    assert client.get(reverse("core:home")).status_code == 200
    assert len(mail.outbox) == 1 and user.email in mail.outbox[0].to


def test_wrong_enrolment_code_is_refused_with_a_message(client):
    user = member().user
    _password_step(client, user)
    client.get(reverse("accounts:enrol"))
    response = client.post(reverse("accounts:enrol"), {"token": "000000"})
    assert response.status_code == 400
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def test_user_with_authenticator_must_enter_a_valid_code(client):
    user = member().user
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_step(client, user)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:verify")
    # Cannot link a new device to skip the code.
    assert client.get(reverse("accounts:enrol"))["Location"] == reverse("accounts:verify")
    with freeze_time() as frozen:
        bad = client.post(reverse("accounts:verify"), {"token": "123456"})
        assert bad.status_code == 400
        # After a wrong code the device is throttled for a moment (django-otp).
        assert client.post(reverse("accounts:verify"), {"token": _code(device)}).status_code == 400
        frozen.tick(5)
        good = client.post(reverse("accounts:verify"), {"token": _code(device)})
        assert good.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_backup_code_works_once(client):
    from doorbraak.accounts.otp import new_backup_codes

    user = member().user
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = new_backup_codes(user)
    _password_step(client, user)
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 302
    client.logout()
    _password_step(client, user)
    assert client.post(reverse("accounts:verify"), {"token": codes[0]}).status_code == 400


def test_api_refuses_a_session_without_second_factor(client):
    user = member().user
    _password_step(client, user)
    assert client.get(reverse("api:whoami")).status_code == 403


@override_settings(DEMO_MODE=True)
def test_demo_mode_lets_users_without_authenticator_in_without_code(client):
    user = member().user
    _password_step(client, user)
    assert client.get(reverse("core:home")).status_code == 200


@override_settings(DEMO_MODE=True)
def test_demo_mode_still_asks_the_code_of_users_who_linked_an_app(client):
    user = member().user
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    _password_step(client, user)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:verify")


@override_settings(DEMO_MODE=True)
def test_login_page_explains_demo_mode(client):
    assert "authenticator" in client.get(reverse("accounts:login")).content.decode()


def test_account_is_locked_after_five_failed_passwords(client):
    user = member().user
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "fout"})
    response = _password_step(client, user)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_failed_login_shows_a_clear_message(client):
    user = member().user
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "fout"}
    )
    assert response.status_code == 200
    assert (
        "aria-invalid" not in response.content.decode()
        or 'role="alert"' in response.content.decode()
    )
    assert "5" in response.content.decode()  # says after how many attempts the account locks


def test_log_out_everywhere_ends_other_sessions(client):
    from django.test import Client

    user = member().user
    other_device = Client()
    login_verified(client, user)
    login_verified(other_device, user)
    assert other_device.get(reverse("core:home")).status_code == 200
    response = client.post(reverse("accounts:logout-everywhere"))
    assert response.status_code == 302
    assert other_device.get(reverse("core:home")).status_code == 302
    assert client.get(reverse("core:home")).status_code == 302
    assert "overal" in mail.outbox[-1].subject.lower() or mail.outbox


def test_session_ends_after_configured_idle_time(settings):
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 == 15 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST


def test_idle_warning_is_on_every_page_without_inline_script(client):
    user = member().user
    login_verified(client, user)
    html = client.get(reverse("core:home")).content.decode()
    assert 'data-session-idle="900"' in html
    assert 'id="session-warning"' in html
    assert "<script>" not in html and "<script src=" in html


def test_keep_alive_extends_the_session(client):
    user = member().user
    login_verified(client, user)
    assert client.post(reverse("accounts:keep-alive")).status_code == 204


def test_user_with_two_roles_chooses_one(client):
    from doorbraak.core.models import Membership
    from doorbraak.core.tests.factories import OrganisationFactory

    first = member(role=Role.PROFESSIONAL)
    second_org = OrganisationFactory(name="Gemeente Tweede")
    second = Membership.objects.create(
        user=first.user, organisation=second_org, role=Role.PRIVACY_OFFICER
    )
    login_verified(client, first.user)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:choose-role")
    client.post(reverse("accounts:choose-role"), {"membership": str(second.uuid)})
    html = client.get(reverse("core:home")).content.decode()
    assert "Gemeente Tweede" in html
    assert client.get(reverse("audit:log")).status_code == 200


def test_choosing_a_membership_of_someone_else_is_refused(client):
    mine, theirs = member(), member()
    from doorbraak.core.models import Membership

    Membership.objects.create(user=mine.user, organisation=theirs.organisation, role=Role.ANALIST)
    login_verified(client, mine.user)
    response = client.post(reverse("accounts:choose-role"), {"membership": str(theirs.uuid)})
    assert response.status_code == 400
