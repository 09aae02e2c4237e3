"""The editing screen of the stedelijke vernieuwingsgebieden: who may, validation, recompute,
history, and the wijk map on the gemeente and area pages."""

from decimal import Decimal
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

import pytest

from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.monitor import loader
from doorbraak.monitor.models import Area, AreaType, AreaValue

pytestmark = pytest.mark.usefixtures("monitor_data")

RECORDED = Path(__file__).parent / "recorded" / "pdok_wijken_GM0599_2024.json"


@pytest.fixture
def rotterdam():
    return OrganisationFactory(name="Gemeente Rotterdam", cbs_code="GM0599")


@pytest.fixture
def schiedam():
    return OrganisationFactory(name="Gemeente Schiedam", cbs_code="GM0606")


@pytest.fixture
def platform():
    return OrganisationFactory(
        name="Platformbeheer", type=OrganisationType.RIJK, cbs_code=None, manages_platform=True
    )


def _login(client, role, organisation):
    membership = member(role=role, organisation=organisation)
    login_verified(client, membership.user)
    return membership.user


def _post(client, edit=None, **changes):
    data = {
        "name": "Rotterdam-Zuid",
        "slug": "rotterdam-zuid",
        "gemeente_code": "GM0599",
        "cbs_year": "2024",
        "wijk_codes_text": "WK059910 WK059912",
        "status": "published",
        "note": "",
        **changes,
    }
    url = (
        reverse("monitor:area-edit", kwargs={"slug": edit})
        if edit
        else reverse("monitor:area-create")
    )
    return client.post(url, data)


def _inwoners(slug):
    value = AreaValue.objects.filter(
        indicator__code="inwoners", area_type=AreaType.GEBIED, area_code=slug
    ).first()
    return value.value if value else None


# --- Who may --------------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login(client):
    for url in (
        reverse("monitor:area-list"),
        reverse("monitor:area-create"),
        reverse("monitor:area-edit", kwargs={"slug": "rotterdam-zuid"}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/inloggen/")


@pytest.mark.parametrize("role", [Role.PROFESSIONAL, Role.ANALIST, Role.TEAMLEIDER])
def test_other_roles_are_refused(client, rotterdam, role):
    _login(client, role, rotterdam)
    assert client.get(reverse("monitor:area-list")).status_code == 403
    assert client.get(reverse("monitor:area-create")).status_code == 403
    assert _post(client, "rotterdam-zuid", name="Overgenomen").status_code == 403
    assert Area.objects.get(slug="rotterdam-zuid").name == "Rotterdam-Zuid"


def test_beheerder_of_another_gemeente_gets_404_and_sees_only_its_own(client, schiedam):
    _login(client, Role.FUNCTIONEEL_BEHEERDER, schiedam)
    assert (
        client.get(reverse("monitor:area-edit", kwargs={"slug": "rotterdam-zuid"})).status_code
        == 404
    )
    assert _post(client, "rotterdam-zuid", name="Overgenomen").status_code == 404
    page = client.get(reverse("monitor:area-list"))
    assert page.status_code == 200
    names = [entry["area"].name for entry in page.context["areas"]]
    assert names == ["Schiedam Nieuwland/Oost"]
    # Creating: the gemeente is its own, whatever is posted.
    response = _post(
        client,
        name="Schiedam Test",
        slug="schiedam-test",
        gemeente_code="GM0599",
        wijk_codes_text="",
        status="unresolved",
    )
    assert response.status_code == 302
    assert Area.objects.get(slug="schiedam-test").gemeente_code == "GM0606"


def test_beheerder_of_a_non_gemeente_organisation_is_refused(client):
    cak = OrganisationFactory(
        name="CAK", type=OrganisationType.UITVOERINGSORGANISATIE, cbs_code=None
    )
    _login(client, Role.FUNCTIONEEL_BEHEERDER, cak)
    assert client.get(reverse("monitor:area-list")).status_code == 403


# --- Editing ---------------------------------------------------------------------------------


def test_own_beheerder_edits_and_the_figures_are_recomputed(client, rotterdam):
    user = _login(client, Role.FUNCTIONEEL_BEHEERDER, rotterdam)
    before = _inwoners("rotterdam-zuid")
    assert before == Decimal("212635")
    response = _post(client, "rotterdam-zuid", wijk_codes_text="wk059910, WK059912\nWK059910")
    assert response.status_code == 302
    area = Area.objects.get(slug="rotterdam-zuid")
    assert area.wijk_codes == ["WK059910", "WK059912"]
    assert area.updated_by == user and area.updated_at is not None
    kwb = loader.read_kwb()
    expected = kwb["WK059910"]["AantalInwoners_5"] + kwb["WK059912"]["AantalInwoners_5"]
    assert _inwoners("rotterdam-zuid") == expected
    # The history names who changed what.
    latest = area.history.order_by("-history_date").first()
    assert latest.history_user == user and latest.wijk_codes == ["WK059910", "WK059912"]
    page = client.get(reverse("monitor:area-edit", kwargs={"slug": "rotterdam-zuid"}))
    assert user.get_full_name() in page.content.decode()
    # The loader keeps the edited area (it belongs to the beheerder now).
    loader.load()
    assert Area.objects.get(slug="rotterdam-zuid").wijk_codes == ["WK059910", "WK059912"]
    assert _inwoners("rotterdam-zuid") == expected


def test_platform_beheerder_creates_an_area_in_any_gemeente(client, platform):
    _login(client, Role.FUNCTIONEEL_BEHEERDER, platform)
    response = _post(
        client,
        name="Utrecht Kanaleneiland",
        slug="utrecht-kanaleneiland",
        gemeente_code="GM0344",
        wijk_codes_text="WK034406",
    )
    assert response.status_code == 302, response.context["form"].errors
    assert _inwoners("utrecht-kanaleneiland") == loader.read_kwb()["WK034406"]["AantalInwoners_5"]
    assert (
        client.get(reverse("monitor:gebied", kwargs={"slug": "utrecht-kanaleneiland"})).status_code
        == 200
    )


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        ("WK59910", "“WK59910” is not a CBS wijk code"),
        ("WK060601", "Wijk WK060601 does not belong to gemeente Rotterdam (GM0599)."),
        ("WK059999", "Wijk WK059999 does not exist in the CBS figures of 2024."),
        ("BU05991001", "BU05991001 is a buurt code"),
    ],
)
def test_bad_wijk_codes_are_named(client, rotterdam, codes, message, settings):
    settings.LANGUAGE_CODE = "en"
    _login(client, Role.FUNCTIONEEL_BEHEERDER, rotterdam)
    response = client.post(
        reverse("monitor:area-edit", kwargs={"slug": "rotterdam-zuid"}),
        {
            "name": "Rotterdam-Zuid",
            "cbs_year": "2024",
            "wijk_codes_text": f"WK059910 {codes}",
            "status": "published",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["wijk_codes_text"]
    assert any(message in error for error in errors), errors
    assert Area.objects.get(slug="rotterdam-zuid").wijk_codes == [
        "WK059910",
        "WK059912",
        "WK059915",
    ]


def test_a_year_without_figures_is_refused(client, rotterdam):
    _login(client, Role.FUNCTIONEEL_BEHEERDER, rotterdam)
    response = _post(client, "rotterdam-zuid", cbs_year="2019")
    assert response.status_code == 200
    assert "wijk_codes_text" in response.context["form"].errors


def test_dutch_message_on_the_page(client, rotterdam):
    _login(client, Role.FUNCTIONEEL_BEHEERDER, rotterdam)
    response = _post(client, "rotterdam-zuid", wijk_codes_text="WK059999")
    assert "Wijk WK059999 bestaat niet in de CBS-cijfers van 2024." in response.content.decode()


# --- The wijk map ----------------------------------------------------------------------------


def test_without_boundaries_the_pages_say_so_and_show_the_table(client):
    page = client.get(reverse("monitor:gemeente", kwargs={"cbs_code": "GM0599"})).content.decode()
    assert "monitor-map--wijken" not in page
    assert 'id="wijk-table"' in page and 'id="wijk-WK059901"' in page
    assert "Wijkgrenzen van deze gemeente voor 2024 zijn niet geladen" in page


def test_with_boundaries_a_keyboard_usable_wijk_map(client):
    call_command("load_wijk_boundaries", str(RECORDED), verbosity=0, stdout=None)
    page = client.get(reverse("monitor:gemeente", kwargs={"cbs_code": "GM0599"})).content.decode()
    wijk_map = page.split('<svg class="monitor-map monitor-map--wijken"')[1].split("</svg>")[0]
    assert wijk_map.count("<a ") == 4
    assert '<a href="#wijk-WK059901" aria-label="Stadscentrum (WK059901): ' in wijk_map
    assert 'href="#wijk-table"' in page  # the skip link
    # The area page highlights the area's wijken that have a boundary (WK059910, WK059912).
    page = client.get(reverse("monitor:gebied", kwargs={"slug": "rotterdam-zuid"})).content.decode()
    wijk_map = page.split('<svg class="monitor-map monitor-map--wijken"')[1].split("</svg>")[0]
    assert wijk_map.count("monitor-map__gemeente--current") == 2
    # Another gemeente has none.
    page = client.get(reverse("monitor:gemeente", kwargs={"cbs_code": "GM0363"})).content.decode()
    assert "monitor-map--wijken" not in page
