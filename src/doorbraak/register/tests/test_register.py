"""The register: search and filters, six-monthly verification, and each organisation keeping
only its own entries."""

import datetime

from django.urls import reverse

import pytest
from freezegun import freeze_time

from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import AgencyFactory, OrganisationFactory, actor_for, member
from doorbraak.register import selectors, services
from doorbraak.register.models import EntryKind, RegisterEntry

from .factories import RegisterEntryFactory

pytestmark = pytest.mark.django_db


def search(**filters):
    return list(selectors.search_entries(selectors.RegisterFilters(**filters)))


@pytest.fixture
def world():
    schiedam = OrganisationFactory(name="Schiedam", cbs_code="GM0606")
    rotterdam = OrganisationFactory(name="Rotterdam", cbs_code="GM0599")
    cak = AgencyFactory(name="CAK", short_name="CAK")
    uwv = AgencyFactory(name="Uitvoeringsinstituut Werknemersverzekeringen", short_name="UWV")
    return {
        "schiedam": schiedam,
        "rotterdam": rotterdam,
        "cak": cak,
        "uwv": uwv,
        "cak_entry": RegisterEntryFactory(
            organisation=cak,
            name="Maatwerkfunctionaris CAK",
            nationwide=True,
            domains=["financien", "lichamelijke_gezondheid"],
            laws=["Zvw", "Wmo 2015"],
            gemeenten=[schiedam],
        ),
        "uwv_team": RegisterEntryFactory(
            organisation=uwv,
            kind=EntryKind.TEAM,
            name="Team Re-integratie",
            mandate="Re-integratie versneld inzetten.",
            domains=["werk_opleiding"],
            laws=["WIA"],
            gemeenten=[rotterdam],
        ),
        "rotterdam_entry": RegisterEntryFactory(
            organisation=rotterdam,
            name="Maatwerkfunctionaris Rotterdam",
            domains=["huisvesting", "financien"],
            laws=["Participatiewet", "Wet gemeentelijke schuldhulpverlening"],
        ),
    }


def test_search_filters_on_organisation_type(world):
    assert search(organisation_type=OrganisationType.GEMEENTE) == [world["rotterdam_entry"]]
    assert set(search(organisation_type=OrganisationType.UITVOERINGSORGANISATIE)) == {
        world["cak_entry"],
        world["uwv_team"],
    }


def test_search_filters_on_life_domain_as_an_exact_code(world):
    assert set(search(domain="financien")) == {world["cak_entry"], world["rotterdam_entry"]}
    assert search(domain="werk_opleiding") == [world["uwv_team"]]
    # "gezondheid" is part of a code, but no code itself.
    assert search(domain="gezondheid") == []


def test_search_by_gemeente_served_includes_national_and_the_gemeentes_own_entries(world):
    assert set(search(gemeente=world["schiedam"])) == {world["cak_entry"]}
    assert set(search(gemeente=world["rotterdam"])) == {
        world["cak_entry"],
        world["uwv_team"],
        world["rotterdam_entry"],
    }


def test_free_text_searches_name_mandate_laws_and_organisation(world):
    assert search(query="schuldhulpverlening") == [world["rotterdam_entry"]]  # a law
    assert search(query="re-integratie versneld") == [world["uwv_team"]]  # the mandate
    assert search(query="uwv") == [world["uwv_team"]]  # the organisation's short name
    assert search(query="ZVW") == [world["cak_entry"]]  # case-insensitive
    assert search(query="Werknemersverzekeringen", kind=EntryKind.TEAM) == [world["uwv_team"]]


def test_deactivated_entries_are_not_found_but_their_own_beheerder_still_opens_them(world, client):
    entry = world["cak_entry"]
    services.entry_actief(
        actor=actor_for(member(Role.FUNCTIONEEL_BEHEERDER, world["cak"])), entry=entry, active=False
    )
    assert entry not in search()
    other = member(Role.PROFESSIONAL, world["rotterdam"])
    login_verified(client, other.user)
    assert client.get(reverse("register:detail", kwargs={"uuid": entry.uuid})).status_code == 404
    own = member(Role.FUNCTIONEEL_BEHEERDER, world["cak"])
    login_verified(client, own.user)
    assert client.get(reverse("register:detail", kwargs={"uuid": entry.uuid})).status_code == 200


def test_search_page_filters_with_get_parameters_and_paginates(world, client):
    for n in range(30):
        RegisterEntryFactory(organisation=world["uwv"], name=f"Extra team {n:02d}")
    login_verified(client, member(Role.ANALIST, world["rotterdam"]).user)
    response = client.get(reverse("register:search"), {"gemeente": "GM0606"})
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [world["cak_entry"]]
    first = client.get(reverse("register:search"), {"organisatietype": "uitvoeringsorganisatie"})
    second = client.get(
        reverse("register:search"), {"organisatietype": "uitvoeringsorganisatie", "pagina": 2}
    )
    assert first.context["page"].paginator.count == 32
    names = [e.name for e in first.context["page"]] + [e.name for e in second.context["page"]]
    assert len(names) == len(set(names)) == 32


# --- Six-monthly verification ------------------------------------------------------------------


def test_an_entry_is_outdated_when_last_verified_more_than_183_days_ago():
    today = datetime.date(2026, 12, 1)
    entry = RegisterEntry(last_verified_on=today - datetime.timedelta(days=183))
    assert not entry.is_outdated(today)
    entry.last_verified_on = today - datetime.timedelta(days=184)
    assert entry.is_outdated(today)


def test_needing_reverification_lists_the_organisations_own_outdated_active_entries(world):
    today = datetime.date(2026, 12, 1)
    old = today - datetime.timedelta(days=200)
    stale = RegisterEntryFactory(organisation=world["cak"], name="Oud team", last_verified_on=old)
    RegisterEntryFactory(
        organisation=world["cak"], name="Oud, uit", last_verified_on=old, active=False
    )
    RegisterEntryFactory(organisation=world["uwv"], name="Oud bij UWV", last_verified_on=old)
    assert list(selectors.needing_reverification(world["cak"], today)) == [stale]


def test_verouderd_shows_in_the_search_and_gecontroleerd_sets_today(world, client):
    with freeze_time("2026-06-01"):
        entry = RegisterEntryFactory(organisation=world["cak"], name="Team Premie")
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, world["cak"])
    with freeze_time("2026-12-20"):
        login_verified(client, beheerder.user)
        page = client.get(reverse("register:search"), {"zoek": "Team Premie"})
        (shown,) = page.context["page"].object_list
        assert shown.outdated
        assert [e.pk for e in page.context["outdated_own"]] == [entry.pk]
        manage = client.get(reverse("register:manage"))
        assert [e.pk for e in manage.context["outdated"]] == [entry.pk]
        response = client.post(reverse("register:verify", kwargs={"uuid": entry.uuid}))
        assert response.status_code == 302
        entry.refresh_from_db()
        assert entry.last_verified_on == datetime.date(2026, 12, 20)
        assert not entry.outdated


# --- Each organisation keeps its own entries --------------------------------------------------


def _entry_post(**overrides):
    data = {
        "kind": "maatwerkfunctionaris",
        "name": "Maatwerkfunctionaris CJIB",
        "mandate": "Inning tijdelijk stoppen (noodstop).",
        "domains": ["financien", "justitie"],
        "laws": "Wet Mulder; Wetboek van Strafvordering",
        "nationwide": "on",
        "gemeenten": "GM0606; Rotterdam",
        "region": "",
        "email": "maatwerk@cjib.example.nl",
        "phone": "058 000 00 00",
        "availability": "Werkdagen",
        "last_verified_on": "2026-11-01",
    }
    data.update(overrides)
    return data


@freeze_time("2026-12-01")
def test_beheerder_creates_and_edits_entries_of_the_own_organisation(world, client):
    cjib = AgencyFactory(name="Centraal Justitieel Incassobureau", short_name="CJIB")
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, cjib)
    login_verified(client, beheerder.user)
    assert client.post(reverse("register:create"), _entry_post()).status_code == 302
    entry = RegisterEntry.objects.get(name="Maatwerkfunctionaris CJIB")
    assert entry.organisation == cjib
    assert entry.laws == ["Wet Mulder", "Wetboek van Strafvordering"]
    assert entry.nationwide
    assert set(entry.gemeenten.values_list("cbs_code", flat=True)) == {"GM0606", "GM0599"}
    edit = reverse("register:edit", kwargs={"uuid": entry.uuid})
    response = client.post(edit, _entry_post(mandate="Nieuw mandaat.", gemeenten=""))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.mandate == "Nieuw mandaat." and not entry.gemeenten.exists()
    # A second entry with the same name is refused at the field.
    assert client.post(reverse("register:create"), _entry_post()).status_code == 400
    assert RegisterEntry.objects.filter(organisation=cjib).count() == 1


def test_beheerder_cannot_change_another_organisations_entry(world, client):
    entry = world["cak_entry"]
    beheerder = member(Role.FUNCTIONEEL_BEHEERDER, world["uwv"])
    login_verified(client, beheerder.user)
    for name in ("register:edit", "register:verify", "register:deactivate"):
        url = reverse(name, kwargs={"uuid": entry.uuid})
        assert client.post(url, _entry_post(name="Overgenomen")).status_code == 404
    assert client.get(reverse("register:edit", kwargs={"uuid": entry.uuid})).status_code == 404
    entry.refresh_from_db()
    assert entry.name == "Maatwerkfunctionaris CAK" and entry.active
    with pytest.raises(services.NotAllowed):
        services.entry_opslaan(actor=actor_for(beheerder), entry=entry, data={"name": "x"})


def test_deactivate_and_activate_an_own_entry(world, client):
    entry = world["cak_entry"]
    login_verified(client, member(Role.FUNCTIONEEL_BEHEERDER, world["cak"]).user)
    client.post(reverse("register:deactivate", kwargs={"uuid": entry.uuid}))
    entry.refresh_from_db()
    assert not entry.active
    client.post(reverse("register:activate", kwargs={"uuid": entry.uuid}))
    entry.refresh_from_db()
    assert entry.active


def test_a_creditors_beheerder_keeps_no_register_entries(client):
    creditor = OrganisationFactory(type=OrganisationType.CREDITEUR, cbs_code=None)
    login_verified(client, member(Role.FUNCTIONEEL_BEHEERDER, creditor).user)
    assert client.get(reverse("register:manage")).status_code == 403
    assert client.get(reverse("register:search")).status_code == 200
