import contextlib
import io
import subprocess
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doorbraak.core.models import Organisation, OrganisationType, User
from doorbraak.core.validators import contrast_with_white, validate_accent_colour

from .factories import OrganisationFactory

REPO = Path(__file__).resolve().parents[4]


@given(st.integers(min_value=0, max_value=0xFFFFFF))
def test_accent_colour_is_accepted_only_with_enough_contrast(value):
    colour = f"#{value:06x}"
    try:
        validate_accent_colour(colour)
    except ValidationError:
        assert contrast_with_white(colour) < 4.5
    else:
        assert contrast_with_white(colour) >= 4.5


def test_accent_colour_message_says_what_is_wrong():
    with pytest.raises(ValidationError, match="4.5:1"):
        validate_accent_colour("#ffff00")
    with pytest.raises(ValidationError, match="zes|six"):
        validate_accent_colour("blauw")


@pytest.mark.django_db
def test_import_gemeenten_loads_342_and_is_idempotent():
    call_command("import_gemeenten")
    call_command("import_gemeenten")
    gemeenten = Organisation.objects.filter(type=OrganisationType.GEMEENTE)
    assert gemeenten.count() == 342
    assert gemeenten.get(cbs_code="GM0599").residents == 670_610
    assert sum(g.residents for g in gemeenten) == 17_942_942


@pytest.mark.django_db
def test_import_gemeenten_with_a_bad_line_stores_nothing_and_names_the_line(tmp_path):
    OrganisationFactory(cbs_code="GM0001", name="Bestaand")
    bad = tmp_path / "gemeenten.csv"
    bad.write_text(
        "gemeentecode,gemeentenaam,inwoners_2024\nGM0002,Goed,100\nX12,Fout,10\nGM0003,Ook,veel\n"
    )
    with pytest.raises(CommandError) as error:
        call_command("import_gemeenten", file=bad)
    assert "regel 3" in str(error.value) and "regel 4" in str(error.value)
    assert not Organisation.objects.filter(cbs_code="GM0002").exists()
    assert Organisation.objects.filter(cbs_code="GM0001").exists()


@pytest.mark.django_db
def test_gemeente_needs_a_cbs_code():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        Organisation.objects.create(name="Zonder code", type=OrganisationType.GEMEENTE)


@pytest.mark.django_db
def test_demo_data_has_every_role_in_the_15_manifest_gemeenten_and_is_idempotent():
    from doorbraak.core.demo import MANIFEST_GEMEENTEN
    from doorbraak.core.roles import Role

    call_command("load_demo", stdout=io.StringIO())
    users = User.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert User.objects.count() == users
    for code, *_ in MANIFEST_GEMEENTEN:
        roles = set(
            Organisation.objects.get(cbs_code=code).memberships.values_list("role", flat=True)
        )
        assert roles == set(Role.values) - {Role.LOKET}
    assert (
        Organisation.objects.filter(
            type=OrganisationType.UITVOERINGSORGANISATIE, active=True
        ).count()
        == 6
    )


@pytest.mark.django_db
def test_theme_stylesheet_carries_the_organisation_colour(client):
    organisation = OrganisationFactory(accent_colour="#00571d")
    response = client.get(reverse("core:theme-css", kwargs={"uuid": organisation.uuid}))
    assert response["Content-Type"] == "text/css"
    assert "--doorbraak-accent: #00571d" in response.content.decode()


@pytest.mark.django_db
def test_demo_banner_shows_in_demo_mode_only(client, settings):
    settings.DEMO_MODE = True
    assert "DEMO" in client.get(reverse("accounts:login")).content.decode()
    settings.DEMO_MODE = False
    assert "doorbraak-demo-banner" not in client.get(reverse("accounts:login")).content.decode()


@pytest.mark.django_db
def test_pages_are_dutch_and_send_a_strict_content_security_policy(client):
    response = client.get(reverse("accounts:login"))
    html = response.content.decode()
    assert '<html lang="nl"' in html and "Inloggen" in html
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


@pytest.mark.django_db
def test_unknown_page_gives_the_dutch_404(client, settings):
    settings.DEBUG = False
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_production_settings_pass_the_deploy_check():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings.production",
        "DOORBRAAK_SECRET_KEY": "k" * 20 + "x9#Qp!2@zT" * 5,
        "DOORBRAAK_PSEUDONYM_KEY": "p" * 64,
        "DOORBRAAK_FIELD_ENCRYPTION_KEY": "q0cBvz9tK2yUq0cBvz9tK2yUq0cBvz9tK2yUq0cBvz8=",
        "DOORBRAAK_ALLOWED_HOSTS": "doorbraak.example.nl",
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets():
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "doorbraak.config.settings.production",
        "PYTHONPATH": str(REPO / "src"),
    }
    result = subprocess.run(
        [sys.executable, str(REPO / "manage.py"), "check"],
        env=env,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode != 0 and "DOORBRAAK_SECRET_KEY" in result.stderr


def test_every_setting_from_the_environment_is_documented_in_the_readme():
    from django.core.exceptions import ImproperlyConfigured

    from doorbraak.config.env import REGISTRY

    # Importing registers its settings, even where it then stops for a missing secret.
    with contextlib.suppress(ImproperlyConfigured):
        import doorbraak.config.settings.production  # noqa: F401

    readme = (REPO / "README.md").read_text()
    missing = [name for name in REGISTRY if f"`{name}`" not in readme]
    assert not missing, f"Document these settings in README.md: {missing}"
