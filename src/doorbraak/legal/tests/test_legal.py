"""The legal catalogue, the juridische paragraaf of a plan, decisions and knelpunten."""

import json
import re
from urllib.parse import urlparse

from django.urls import reverse

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import actor_for, member
from doorbraak.escalation.models import Knelpunt
from doorbraak.households.tests.factories import household_of
from doorbraak.legal import catalogue as loader
from doorbraak.legal import services
from doorbraak.legal.models import Decision, PlanProvision, Provision
from doorbraak.legal.paragraph import paragraph
from doorbraak.plans.models import Plan, PlanStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def professional():
    return member(role=Role.PROFESSIONAL)


@pytest.fixture
def plan(professional):
    return Plan.objects.create(
        household=household_of(professional.organisation, team=professional.team)
    )


def provision(code):
    return Provision.objects.get(catalogue__is_current=True, code=code)


# --- The catalogue ------------------------------------------------------------------------------


def test_the_catalogue_has_at_least_thirty_provisions_including_the_named_ones():
    codes = set(Provision.objects.filter(catalogue__is_current=True).values_list("code", flat=True))
    assert len(codes) >= 30
    for required in (
        "pw-18-1",
        "pw-35-1",
        "pw-58-8",
        "wmo-2-3-5-3",
        "jw-2-3-1",
        "awb-3-4-2",
        "awb-4-84",
        "iw-26-1",
        "wgs-4-2",
        "zvw-18c-2",
        "awir-49",
    ):
        assert required in codes, required


def test_every_provision_has_a_well_formed_link_to_its_own_article():
    for p in Provision.objects.all():
        url = urlparse(p.url)
        assert url.scheme == "https" and url.netloc == "wetten.overheid.nl", p.code
        match = loader.URL.match(p.url)
        assert match, p.code
        assert (match["bwb"], match["article"], match["lid"] or "") == (
            p.bwb_id,
            p.article,
            p.paragraph,
        ), p.code
        assert re.fullmatch(r"BWBR\d{7}", p.bwb_id), p.code
        assert p.summary and p.who_applies and p.typical_use, p.code


def test_a_provision_file_with_a_wrong_link_is_refused_whole(tmp_path):
    raw = json.loads(loader.provision_files()[0].read_text())
    raw["version"] = "9999.1"
    raw["provisions"][0]["url"] = "https://wetten.overheid.nl/jci1.3:c:BWBR0005537&artikel=1"
    path = tmp_path / "bepalingen-9999.1.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(loader.ProvisionCatalogueError) as refused:
        loader.load_provisions(path)
    assert f"bepaling 1 ({raw['provisions'][0]['code']}), url" in refused.value.problems[0]
    assert not Provision.objects.filter(catalogue__version="9999.1").exists()


def test_catalogue_page_filters_on_life_domain_and_search(client, professional):
    login_verified(client, professional.user)
    page = client.get(
        reverse("legal:catalogue"), {"leefgebied": "huisvesting", "zoek": "ontruiming"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert "287b" in body  # the breathing space stops an eviction
    assert "artikel 18, eerste lid, Participatiewet" not in body


# --- The paragraph of a plan ------------------------------------------------------------------


def test_attaching_a_ground_and_recording_the_decision_writes_the_paragraph(professional, plan):
    actor = actor_for(professional)
    attached = services.bepaling_toevoegen(
        actor=actor, plan=plan, provision=provision("pw-18-1"), argument="Eerst de schulden."
    )
    with pytest.raises(services.NotAllowed):
        services.bepaling_toevoegen(
            actor=actor, plan=plan, provision=provision("pw-18-1"), argument="Nogmaals."
        )
    services.besluit_vastleggen(
        actor=actor,
        attached=attached,
        data={
            "decision": Decision.TOEGEPAST,
            "decided_by": "J. de Vries, teamleider Werk en Inkomen",
            "decided_for": "college van B&W",
            "mandate": "Mandaatbesluit sociaal domein 2025, art. 4",
            "decided_on": "2026-12-01",
        },
    )
    attached.refresh_from_db()
    assert attached.decision_recorded_by == professional.user
    text = " ".join(b["text"] for b in paragraph(plan, [attached], []))
    assert "Eerst de schulden." in text
    assert "Mandaatbesluit sociaal domein 2025, art. 4" in text
    assert ProcessingLogEntry.objects.filter(detail="besluit pw-18-1: toegepast").exists()


def test_a_decision_without_mandate_is_refused_with_a_message_per_field(client, professional, plan):
    attached = PlanProvision.objects.create(
        plan=plan, provision=provision("awb-4-84"), argument="x"
    )
    login_verified(client, professional.user)
    prefix = f"b-{attached.uuid.hex[:8]}"
    response = client.post(
        reverse("legal:decision", kwargs={"uuid": plan.uuid, "attached_uuid": attached.uuid}),
        {f"{prefix}-decision": "toegepast", f"{prefix}-decided_by": "J. de Vries"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    # Each of the three missing fields: in the error summary and beside the field.
    assert body.count("Nodig om een besluit vast te leggen.") == 6
    attached.refresh_from_db()
    assert attached.decision == Decision.OPEN


def test_page_attaches_a_ground_with_argument(client, professional, plan):
    login_verified(client, professional.user)
    response = client.post(
        reverse("legal:attach", kwargs={"uuid": plan.uuid}),
        {
            "provision": provision("awb-4-84").pk,
            "argument": "De beleidsregel pakt hier onevenredig uit.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("legal:plan", kwargs={"uuid": plan.uuid})).content.decode()
    assert "De beleidsregel pakt hier onevenredig uit." in page
    assert provision("awb-4-84").url.replace("&", "&amp;") in page


def test_a_decided_plan_takes_no_new_grounds(professional, plan):
    Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.VASTGESTELD)
    plan.refresh_from_db()
    with pytest.raises(services.NotAllowed):
        services.bepaling_toevoegen(
            actor=actor_for(professional), plan=plan, provision=provision("pw-35-1"), argument="x"
        )


def test_knelpunt_is_recorded_with_law_article_and_organisation(client, professional, plan):
    login_verified(client, professional.user)
    url = reverse("legal:knelpunt-create", kwargs={"uuid": plan.uuid})
    data = {
        "knelpunt-law": "Wet op de huurtoeslag",
        "knelpunt-article": "13",
        "knelpunt-blocking_organisation": "Belastingdienst/Toeslagen",
        "knelpunt-what_blocks": "De huurgrens sluit een aangepaste woning uit.",
    }
    assert client.post(url, data).status_code == 302
    knelpunt = Knelpunt.objects.get()
    assert (knelpunt.organisation, knelpunt.plan) == (plan.household.organisation, plan)
    page = client.get(reverse("plans:print", kwargs={"uuid": plan.uuid})).content.decode()
    assert "De huurgrens sluit een aangepaste woning uit." in page


def test_a_knelpunt_that_names_a_bsn_is_refused(client, professional, plan):
    login_verified(client, professional.user)
    response = client.post(
        reverse("legal:knelpunt-create", kwargs={"uuid": plan.uuid}),
        {
            "knelpunt-law": "Participatiewet",
            "knelpunt-article": "58",
            "knelpunt-blocking_organisation": "Gemeente",
            "knelpunt-what_blocks": "Terugvordering bij BSN 999993653 blokkeert de regeling.",
        },
    )
    assert response.status_code == 400
    assert "Dit lijkt op een BSN." in response.content.decode()
    assert not Knelpunt.objects.exists()


def test_api_lists_provisions_filtered_by_kind(client, professional):
    login_verified(client, professional.user)
    rows = client.get(reverse("api:legal-provisions"), {"soort": "grens"}).json()
    assert rows and all(row["kind"] == "grens" for row in rows)
    assert "pw-60c" in {row["code"] for row in rows}
