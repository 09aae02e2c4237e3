"""The creditor's pages: upload, template, deliveries, rejected rows; the waiting queue."""

import csv
import io

from django.test import override_settings
from django.urls import reverse

import pytest
from freezegun import freeze_time
from openpyxl import load_workbook

from doorbraak.audit.models import Action, ProcessingLogEntry
from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.signals import intake, template
from doorbraak.signals.models import Channel, Delivery, Feedback, Signal

from .factories_intake import TODAY, creditor_staff, csv_bytes, gemeente, row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time(TODAY):
        yield


@pytest.fixture
def staff(client):
    creditor, membership, actor = creditor_staff(role=Role.PROFESSIONAL)
    login_verified(client, membership.user)
    return creditor, actor


def upload(client, content: bytes, name="signalen.csv", **data):
    return client.post(
        reverse("signals:deliver"),
        {"file": io_file(content, name), **data},
    )


def io_file(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_the_upload_page_shows_the_template_columns(client, staff):
    response = client.get(reverse("signals:deliver"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Signalen aanleveren" in body
    for name in template.NAMES:
        assert f"<code>{name}</code>" in body


def test_uploading_a_file_reports_rows_per_column_and_the_rejected_rows_can_be_corrected(
    client, staff
):
    creditor, _actor = staff
    gemeente()
    content = csv_bytes([row(ID="A"), row(ID="B", Postcode="12AB", bedrag="-10")])
    response = upload(client, content, gemeentecode="0599")
    delivery = Delivery.objects.get(creditor=creditor)
    assert response.status_code == 302
    assert response["Location"] == reverse("signals:delivery", args=[delivery.uuid])
    assert delivery.gemeente_code == "GM0599"

    page = client.get(response["Location"]).content.decode()
    assert "Verwerkt" in page
    assert "is geen Nederlandse postcode (vier cijfers en twee letters, 1234AB)." in page
    assert "-10 is negatief; geef het bedrag van de achterstand." in page
    assert "Nog niet bekend" in page  # feedback of signal A
    assert "Vries" not in page and "111222333" not in page

    download = client.get(reverse("signals:delivery-rejected-csv", args=[delivery.uuid]))
    assert download.status_code == 200
    text = download.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == [*template.NAMES, "fouten"]
    assert rows[1][0] == "B"
    assert rows[1][template.NAMES.index("Postcode")] == "12AB"
    assert "Postcode: is geen Nederlandse postcode" in rows[1][-1]
    assert "bedrag: -10 is negatief" in rows[1][-1]
    assert (
        ProcessingLogEntry.objects.filter(
            action=Action.EXPORT, subject_type="afgekeurde-rij"
        ).count()
        == 1
    )

    # The creditor corrects the row in the download and sends it back: accepted.
    corrected = [dict(zip(template.NAMES, rows[1][:-1], strict=True))]
    corrected[0].update(Postcode="3072AP", bedrag="10")
    upload(client, csv_bytes(corrected, header=template.NAMES), gemeentecode="GM0599")
    assert Signal.objects.filter(creditor=creditor).count() == 2


def test_the_templates_download_and_the_example_row_is_accepted(client, staff):
    creditor, _actor = staff
    gemeente()
    csv_response = client.get(reverse("signals:template-csv"))
    assert csv_response.status_code == 200
    assert csv_response.content.startswith(b"\xef\xbb\xbf" + b"ID;signaalpartner;")
    xlsx_response = client.get(reverse("signals:template-xlsx"))
    sheet = load_workbook(io.BytesIO(xlsx_response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == template.NAMES
    for content, name in ((csv_response.content, "t.csv"), (xlsx_response.content, "t.xlsx")):
        Signal.objects.all().delete()
        delivery = intake.receive(_actor, creditor, content, name, Channel.UPLOAD, gemeente_code="")
        delivery.refresh_from_db()
        assert (delivery.rows_accepted, delivery.rows_rejected) == (1, 0), delivery.error


def test_the_delivery_list_shows_own_deliveries_with_counts(client, staff):
    creditor, actor = staff
    gemeente()
    intake.receive(actor, creditor, csv_bytes([row(ID="A")]), "mijn.csv", Channel.UPLOAD)
    other, _m, other_actor = creditor_staff()
    intake.receive(other_actor, other, csv_bytes([row(ID="A")]), "ander.csv", Channel.UPLOAD)
    page = client.get(reverse("signals:deliveries")).content.decode()
    assert "mijn.csv" in page
    assert "ander.csv" not in page


def test_feedback_is_the_only_thing_the_creditor_sees_of_a_signal(client, staff):
    creditor, actor = staff
    gemeente()
    delivery = intake.receive(actor, creditor, csv_bytes([row(ID="A")]), "x.csv", Channel.UPLOAD)
    Signal.objects.filter(external_id="A").update(feedback=Feedback.OPGEPAKT)
    page = client.get(reverse("signals:delivery", args=[delivery.uuid])).content.decode()
    assert "Opgepakt" in page or "opgepakt" in page


@override_settings(SIGNALS_UPLOAD_MAX_MB=1)
def test_a_file_over_the_size_limit_is_refused_before_it_is_stored(client, staff):
    response = upload(client, b"ID;" + b"x" * (1024 * 1024 + 10))
    assert response.status_code == 400
    assert "Het bestand is groter dan 1 MB" in response.content.decode()
    assert not Delivery.objects.exists()


def test_a_delivery_of_another_creditor_is_404(client, staff):
    other, _m, other_actor = creditor_staff()
    delivery = intake.receive(other_actor, other, csv_bytes([row()]), "x.csv", Channel.UPLOAD)
    for name in ("signals:delivery", "signals:delivery-rejected-csv"):
        assert client.get(reverse(name, args=[delivery.uuid])).status_code == 404


@pytest.mark.parametrize(
    "name", ["signals:deliver", "signals:deliveries", "signals:template-csv", "signals:waiting"]
)
def test_a_gemeente_user_is_refused(client, name):
    membership = member(role=Role.FUNCTIONEEL_BEHEERDER)
    login_verified(client, membership.user)
    assert client.get(reverse(name)).status_code == 403


def test_a_gemeente_user_gets_404_or_403_for_a_delivery(client):
    creditor, _m, actor = creditor_staff()
    delivery = intake.receive(actor, creditor, csv_bytes([row()]), "x.csv", Channel.UPLOAD)
    membership = member(role=Role.VROEGSIGNALERING)
    login_verified(client, membership.user)
    assert client.get(reverse("signals:delivery", args=[delivery.uuid])).status_code in {403, 404}


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("signals:deliver"))
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_the_waiting_queue_shows_no_names_and_reroutes(client):
    creditor, _m, actor = creditor_staff()
    intake.receive(
        actor, creditor, csv_bytes([row(ID="W", Postcode="3111AA")]), "x.csv", Channel.UPLOAD
    )
    platform = OrganisationFactory(
        name="Platformbeheer", type=OrganisationType.RIJK, cbs_code=None, manages_platform=True
    )
    beheerder = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=platform)
    login_verified(client, beheerder.user)
    page = client.get(reverse("signals:waiting")).content.decode()
    assert "3111AA" in page
    assert creditor.name in page
    assert "Vries" not in page and "111222333" not in page
    assert (
        ProcessingLogEntry.objects.filter(action=Action.READ, subject_type="vroegsignaal").count()
        == 1
    )
    schiedam = gemeente("GM0606", "Gemeente Schiedam (test)")
    from doorbraak.signals.models import PostcodeArea

    PostcodeArea.objects.create(postcode="3111AA", gemeente_code="GM0606")
    response = client.post(reverse("signals:waiting"), follow=True)
    assert "1 signaal/signalen gerouteerd, 0 wachten nog" in response.content.decode()
    assert Signal.objects.get(external_id="W").organisation == schiedam
