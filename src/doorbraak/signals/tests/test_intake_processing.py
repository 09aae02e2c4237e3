"""Intake: a delivery is stored before processing, processed in chunks exactly once, routed and
checked; duplicates never become a second signal."""

import datetime
import json

import pytest
from freezegun import freeze_time

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core.crypto import decrypt
from doorbraak.signals import intake, parsing
from doorbraak.signals.models import (
    Channel,
    CheckRule,
    Delivery,
    DeliveryStatus,
    PostcodeArea,
    RejectedRow,
    RoutingStatus,
    Signal,
)

from .factories_intake import TODAY, creditor_staff, csv_bytes, gemeente, row

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


@pytest.fixture
def frozen():
    with freeze_time(TODAY):
        yield


def send(actor, creditor, rows, **kwargs):
    return intake.receive(
        actor, creditor, csv_bytes(rows), "signalen.csv", Channel.UPLOAD, **kwargs
    )


def test_a_valid_file_becomes_routed_signals_and_the_payload_is_cleared():
    rotterdam = gemeente()
    creditor, _m, actor = creditor_staff()
    delivery = send(
        actor, creditor, [row(ID="A"), row(ID="B", Postcode="3011AA")], gemeente_code="GM0599"
    )
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PROCESSED
    assert (delivery.rows_total, delivery.rows_accepted, delivery.rows_rejected) == (2, 2, 0)
    assert bytes(delivery.payload) == b""
    assert len(delivery.sha256) == 64
    signal = Signal.objects.get(external_id="A")
    assert signal.organisation == rotterdam
    assert signal.routing == RoutingStatus.ROUTED
    assert signal.bsn == "111222333"
    assert signal.postcode == "3072AP"
    assert signal.bedrag == 450
    assert signal.birth_year == 1980
    assert signal.check_flags == []
    assert signal.address_key
    # One log record for the delivery, one per signal (bulk).
    records = ProcessingLogEntry.objects.filter(activity__code="vroegsignaal-ontvangen")
    assert records.filter(subject_type="levering").count() == 1
    assert records.filter(subject_type="bsn").count() == 2


def test_invalid_rows_are_kept_encrypted_with_their_errors_and_a_correction_is_accepted():
    gemeente()
    creditor, _m, actor = creditor_staff()
    delivery = send(
        actor,
        creditor,
        [row(ID="A"), row(ID="B", Burgerservicenummer="123456789", bedrag="-5")],
        gemeente_code="GM0599",
    )
    delivery.refresh_from_db()
    assert (delivery.rows_accepted, delivery.rows_rejected) == (1, 1)
    rejected = RejectedRow.objects.get(delivery=delivery)
    assert rejected.row_number == 3
    assert rejected.external_id == "B"
    assert {e["column"] for e in rejected.errors} == {"Burgerservicenummer", "bedrag"}
    assert "123456789" not in rejected.values_encrypted
    assert json.loads(decrypt(rejected.values_encrypted))["Burgerservicenummer"] == "123456789"
    # The corrected row, sent again with the same ID, is accepted.
    again = send(actor, creditor, [row(ID="B")], gemeente_code="GM0599")
    again.refresh_from_db()
    assert (again.rows_accepted, again.rows_rejected, again.rows_duplicate) == (1, 0, 0)
    assert Signal.objects.filter(creditor=creditor, external_id="B").count() == 1


def test_sending_the_same_signal_again_never_makes_a_duplicate():
    gemeente()
    creditor, _m, actor = creditor_staff()
    send(actor, creditor, [row(ID="A"), row(ID="B")], gemeente_code="GM0599")
    again = send(actor, creditor, [row(ID="A"), row(ID="C")], gemeente_code="GM0599")
    again.refresh_from_db()
    assert (again.rows_accepted, again.rows_duplicate) == (1, 1)
    assert "1 signaal/signalen had een ID dat al eerder is ontvangen" in " ".join(again.warnings)
    assert Signal.objects.filter(creditor=creditor).count() == 3
    # Another creditor may use the same ID.
    other, _m2, other_actor = creditor_staff()
    send(other_actor, other, [row(ID="A")], gemeente_code="GM0599")
    assert Signal.objects.filter(external_id="A").count() == 2


def test_a_crash_half_way_loses_nothing_and_resumes_exactly_once(monkeypatch):
    gemeente()
    creditor, _m, actor = creditor_staff()
    monkeypatch.setattr(intake, "CHUNK_ROWS", 10)
    rows = [row(ID=f"S-{i:03d}") for i in range(35)]
    rows[12] = row(ID="S-012", Postcode="bad")
    real_chunk = intake._Processor.chunk
    calls = {"n": 0}

    def crashing(self, chunk_rows):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("the worker died")
        return real_chunk(self, chunk_rows)

    monkeypatch.setattr(intake._Processor, "chunk", crashing)
    delivery = send(actor, creditor, rows, gemeente_code="GM0599")  # the task fails inside
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PROCESSING
    assert delivery.rows_done == 20
    assert Signal.objects.filter(delivery=delivery).count() == 19
    assert bytes(delivery.payload)  # still there: nothing is lost

    monkeypatch.setattr(intake._Processor, "chunk", real_chunk)
    intake.process_delivery(delivery.pk)
    intake.process_delivery(delivery.pk)  # a second resume does nothing
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PROCESSED
    assert (delivery.rows_total, delivery.rows_done) == (35, 35)
    assert (delivery.rows_accepted, delivery.rows_rejected, delivery.rows_duplicate) == (34, 1, 0)
    assert Signal.objects.filter(delivery=delivery).count() == 34
    assert sorted(Signal.objects.values_list("external_id", flat=True)) == sorted(
        f"S-{i:03d}" for i in range(35) if i != 12
    )
    assert RejectedRow.objects.filter(delivery=delivery).count() == 1
    records = ProcessingLogEntry.objects.filter(
        activity__code="vroegsignaal-ontvangen", subject_type="bsn"
    )
    assert records.count() == 34


def test_duplicate_ids_within_a_file_are_found_after_a_resume(monkeypatch):
    gemeente()
    creditor, _m, actor = creditor_staff()
    monkeypatch.setattr(intake, "CHUNK_ROWS", 2)
    real_chunk = intake._Processor.chunk
    calls = {"n": 0}

    def crashing(self, chunk_rows):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("stop")
        return real_chunk(self, chunk_rows)

    monkeypatch.setattr(intake._Processor, "chunk", crashing)
    delivery = send(
        actor, creditor, [row(ID="A"), row(ID="B"), row(ID="A")], gemeente_code="GM0599"
    )
    monkeypatch.setattr(intake._Processor, "chunk", real_chunk)
    intake.process_delivery(delivery.pk)
    rejected = RejectedRow.objects.get(delivery=delivery)
    assert rejected.errors == [
        {"column": "ID", "message": "A staat ook in een eerdere rij; elk ID één keer per bestand."}
    ]


def test_routing_by_row_code_then_delivery_code_then_postcode_table_else_waiting():
    rotterdam = gemeente()
    schiedam = gemeente("GM0606", "Gemeente Schiedam (test)")
    PostcodeArea.objects.create(postcode="3111AA", gemeente_code="GM0606", wijk_code="WK060601")
    creditor, _m, actor = creditor_staff()
    send(
        actor,
        creditor,
        [
            row(ID="row-code", gemeentecode="0606"),
            row(ID="delivery-code"),
        ],
        gemeente_code="GM0599",
    )
    send(
        actor,
        creditor,
        [row(ID="postcode", Postcode="3111 AA"), row(ID="unknown", Postcode="9999ZZ")],
    )
    by_id = {s.external_id: s for s in Signal.objects.all()}
    assert by_id["row-code"].organisation == schiedam
    assert by_id["delivery-code"].organisation == rotterdam
    assert by_id["postcode"].organisation == schiedam
    assert by_id["postcode"].wijk_code == "WK060601"
    assert by_id["unknown"].organisation is None
    assert by_id["unknown"].routing == RoutingStatus.UNROUTABLE


def test_legal_checks_mark_signals_and_a_gemeente_can_switch_one_off():
    rotterdam = gemeente()
    creditor, _m, actor = creditor_staff()
    send(
        actor,
        creditor,
        [
            row(ID="young", ontstaansdatum="2026-02-25"),
            row(ID="no-offer", delen_aangeboden="nee"),
            row(ID="no-reminder", aanmaningsdatum=""),
            row(ID="zorg", signaalpartner="zorgverzekeraar", ontstaansdatum="2025-08-01"),
        ],
        gemeente_code="GM0599",
    )
    flags = {s.external_id: [f["code"] for f in s.check_flags] for s in Signal.objects.all()}
    assert flags["young"] == ["termijn-30-100"]
    assert flags["no-offer"] == ["huur-aanmaning"]
    assert sorted(flags["no-reminder"]) == ["aanmaning-verstuurd", "huur-aanmaning"]
    assert sorted(flags["zorg"]) == ["termijn-30-100", "zorg-cak"]
    young = Signal.objects.get(external_id="young")
    assert young.check_flags[0]["message"].startswith("De achterstand was 9 dagen oud")
    # The gemeente switches the 30–100 day check off and widens nothing else.
    CheckRule.objects.create(code="termijn-30-100", organisation=rotterdam, active=False)
    send(actor, creditor, [row(ID="young-2", ontstaansdatum="2026-02-25")], gemeente_code="GM0599")
    assert Signal.objects.get(external_id="young-2").check_flags == []


def test_matching_is_called_once_per_gemeente(monkeypatch):
    rotterdam = gemeente()
    schiedam = gemeente("GM0606", "Gemeente Schiedam (test)")
    called = []
    monkeypatch.setattr(
        "doorbraak.signals.matching.match_signals",
        lambda organisation, today=None: called.append(organisation),
    )
    creditor, _m, actor = creditor_staff()
    send(
        actor,
        creditor,
        [row(ID="1"), row(ID="2"), row(ID="3", gemeentecode="GM0606")],
        gemeente_code="GM0599",
    )
    assert sorted(o.pk for o in called) == sorted([rotterdam.pk, schiedam.pk])


def test_a_file_that_cannot_be_read_fails_with_its_message():
    creditor, _m, actor = creditor_staff()
    delivery = intake.receive(actor, creditor, b"foo;bar\r\n1;2\r\n", "x.csv", Channel.UPLOAD)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.error.startswith("Ontbrekende kolom(men): ID, signaalpartner, bedrag")
    assert bytes(delivery.payload) == b""


def test_the_payload_is_read_in_slices_from_the_database():
    creditor, _m, _actor = creditor_staff()
    data = bytes(range(256)) * 5000
    delivery = Delivery.objects.create(creditor=creditor, channel=Channel.API, payload=data)
    stream = intake.payload_stream(delivery.pk)
    assert stream.read(10) == data[:10]
    stream.seek(1_000_000)
    assert stream.read(300_000) == data[1_000_000:1_300_000]
    stream.seek(0)
    assert stream.read() == data


def test_small_reads_fetch_whole_slices_not_a_query_each():
    """A TextIOWrapper asks for 8 KB at a time; the database is asked per slice of 1 MB."""
    import io

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    creditor, _m, _actor = creditor_staff()
    data = b"".join(b"%06d;regel\r\n" % n for n in range(250_000))  # 3.5 MB
    delivery = Delivery.objects.create(creditor=creditor, channel=Channel.API, payload=data)
    with CaptureQueriesContext(connection) as queries:
        text = io.TextIOWrapper(intake.payload_stream(delivery.pk), encoding="utf-8", newline="")
        lines = sum(1 for _line in text)
    assert lines == 250_000
    slices = [q for q in queries.captured_queries if "substr" in q["sql"]]
    assert len(slices) <= len(data) // parsing.CHUNK + 2


def test_waiting_signals_are_routed_after_loading_a_postcode_table(tmp_path):
    from django.core.management import call_command

    schiedam = gemeente("GM0606", "Gemeente Schiedam (test)")
    creditor, _m, actor = creditor_staff()
    send(actor, creditor, [row(ID="w1", Postcode="3111AA"), row(ID="w2", Postcode="9999ZZ")])
    assert Signal.objects.filter(routing=RoutingStatus.UNROUTABLE).count() == 2
    table = tmp_path / "pc6.csv"
    table.write_text(
        "postcode;gemeentecode;wijkcode;buurtcode\n3111 AA;GM0606;WK060601;BU06060101\n"
    )
    call_command("load_postcodes", str(table))
    call_command("load_postcodes", str(table))  # idempotent
    assert PostcodeArea.objects.count() == 1
    signal = Signal.objects.get(external_id="w1")
    assert signal.organisation == schiedam
    assert signal.wijk_code == "WK060601"
    assert signal.routing == RoutingStatus.ROUTED
    assert Signal.objects.get(external_id="w2").routing == RoutingStatus.UNROUTABLE


def test_old_dates_are_accepted_but_future_dates_are_not():
    gemeente()
    creditor, _m, actor = creditor_staff()
    delivery = send(
        actor,
        creditor,
        [row(ID="f", signaaldatum=(TODAY + datetime.timedelta(days=1)).isoformat())],
        gemeente_code="GM0599",
    )
    rejected = RejectedRow.objects.get(delivery=delivery)
    assert rejected.errors == [
        {"column": "signaaldatum", "message": "11-03-2026 ligt in de toekomst."}
    ]


def test_after_intake_the_routed_signals_are_matched_into_cases():
    gemeente()
    creditor, _m, actor = creditor_staff()
    send(actor, creditor, [row(ID="M1"), row(ID="M2", Postcode="9999ZZ")], gemeente_code="GM0599")
    send(actor, creditor, [row(ID="M3", Postcode="9999ZZ")])  # unroutable: no case
    assert Signal.objects.get(external_id="M1").case is not None
    assert Signal.objects.get(external_id="M3").case is None


def test_chunk_transactions_are_tuned_on_postgresql_only():
    """Commits that do not wait for the disk, foreign keys checked per statement, and a
    gemeente lock for matching that does not block other rows' foreign-key checks."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    gemeente()
    creditor, _m, actor = creditor_staff()
    with CaptureQueriesContext(connection) as queries:
        send(actor, creditor, [row(ID="sc1"), row(ID="sc2")], gemeente_code="GM0599")
    sql = [q["sql"] for q in queries.captured_queries]
    asynchronous = [q for q in sql if "synchronous_commit" in q]
    immediate = [q for q in sql if "SET CONSTRAINTS ALL IMMEDIATE" in q]
    gemeente_locks = [q for q in sql if q.startswith('SELECT "core_organisation"') and " FOR " in q]
    if connection.vendor == "postgresql":
        assert asynchronous and all("SET LOCAL" in q for q in asynchronous)
        assert len(immediate) == len(asynchronous)
        assert gemeente_locks and all("FOR NO KEY UPDATE" in q for q in gemeente_locks)
    else:
        assert not asynchronous and not immediate
    assert Signal.objects.filter(external_id__in=["sc1", "sc2"]).count() == 2
    assert Signal.objects.filter(external_id__in=["sc1", "sc2"], case__isnull=False).count() == 2


# --- matching on the way in is optimistic: what another delivery did meanwhile counts ----------


def _meanwhile(monkeypatch, change):
    """Run ``change(batch)`` once, just before intake's matching locks the gemeenten: as if
    another delivery (or a professional) committed it while this chunk was being written."""
    from doorbraak.signals import matching

    lock = matching._Batch.lock
    done = []

    def lock_after_change(batch):
        if not done:
            done.append(True)
            change(batch)
        lock(batch)

    monkeypatch.setattr(matching._Batch, "lock", lock_after_change)


def _case_of(external_id):
    return Signal.objects.select_related("case").get(external_id=external_id).case


def test_a_case_another_delivery_made_meanwhile_is_joined_not_doubled(monkeypatch):
    from doorbraak.signals.models import CaseStatus, SignalCase

    rotterdam = gemeente()
    creditor, _m, actor = creditor_staff()
    theirs = []

    def other_delivery(batch):
        group = next(s.group for s in batch.pending if s.huisnummer == "12")
        theirs.append(
            SignalCase.objects.create(
                organisation=rotterdam,
                address_key=group,
                status=CaseStatus.OPEN,
                matchingsdatum=TODAY,
                startdatum_matchingperiode=datetime.date(2026, 3, 1),
                einddatum_matchingperiode=datetime.date(2026, 4, 30),
                signal_count=1,
            )
        )

    _meanwhile(monkeypatch, other_delivery)
    send(
        actor,
        creditor,
        [row(ID="A"), row(ID="B", Huisnummer="14"), row(ID="C", Huisnummer="12")],
        gemeente_code="GM0599",
    )
    case = _case_of("A")
    assert case == theirs[0] and _case_of("C") == case
    assert (case.signal_count, case.creditor_count) == (2, 1)
    own = _case_of("B")
    assert own != case and own.signal_count == 1
    # The case this chunk had made for number 12 before it saw theirs is gone.
    assert SignalCase.objects.count() == 2
    assert not SignalCase.objects.filter(signals__isnull=True).exists()


def test_a_case_closed_meanwhile_is_not_joined(monkeypatch):
    from doorbraak.signals.models import CaseKind, CaseStatus, SignalCase

    gemeente()
    creditor, _m, actor = creditor_staff()
    send(actor, creditor, [row(ID="A")], gemeente_code="GM0599")
    first = _case_of("A")
    _meanwhile(
        monkeypatch,
        lambda batch: SignalCase.objects.filter(pk=first.pk).update(status=CaseStatus.CLOSED),
    )
    send(actor, creditor, [row(ID="B", signaaldatum="2026-03-08")], gemeente_code="GM0599")
    second = _case_of("B")
    assert second != first
    assert second.kind == CaseKind.HERHAALD and second.signal_count == 1
    first.refresh_from_db()
    assert (first.status, first.signal_count) == (CaseStatus.CLOSED, 1)
    assert SignalCase.objects.count() == 2


def test_a_joined_case_keeps_what_changed_meanwhile(monkeypatch):
    from doorbraak.signals.models import SignalCase

    gemeente()
    creditor, _m, actor = creditor_staff()
    send(actor, creditor, [row(ID="A")], gemeente_code="GM0599")
    first = _case_of("A")
    sooner = TODAY + datetime.timedelta(days=1)
    assert first.deadline > sooner
    _meanwhile(
        monkeypatch,
        lambda batch: SignalCase.objects.filter(pk=first.pk).update(deadline=sooner),
    )
    send(actor, creditor, [row(ID="B", signaaldatum="2026-03-08")], gemeente_code="GM0599")
    assert _case_of("B") == first
    first.refresh_from_db()
    assert first.deadline == sooner  # not the deadline read before the lock
    assert first.signal_count == 2


def test_a_delivery_is_processed_with_fewer_garbage_collections(monkeypatch):
    import gc

    from doorbraak.core.bulk import BULK_GC_THRESHOLD

    seen = []
    chunk = intake._Processor.chunk

    def recording(self, rows):
        seen.append(gc.get_threshold()[0])
        return chunk(self, rows)

    monkeypatch.setattr(intake._Processor, "chunk", recording)
    before = gc.get_threshold()
    creditor, _m, actor = creditor_staff()
    send(actor, creditor, [row(ID="gc1")])
    assert seen == [max(before[0], BULK_GC_THRESHOLD)]
    assert gc.get_threshold() == before


def test_each_signal_is_logged_with_its_gemeente_or_else_the_creditor_as_controller():
    from doorbraak.audit.services import Subject

    rotterdam = gemeente()
    creditor, _m, actor = creditor_staff()
    send(
        actor,
        creditor,
        [
            row(ID="L1", gemeentecode="GM0599"),
            row(ID="L2", Postcode="9999ZZ", Burgerservicenummer="999993653"),
        ],
    )
    routed, waiting = Signal.objects.get(external_id="L1"), Signal.objects.get(external_id="L2")
    assert (routed.organisation, waiting.organisation) == (rotterdam, None)
    records = ProcessingLogEntry.objects.filter(activity__code=intake.ACTIVITY, subject_type="bsn")
    controller_of = dict(records.values_list("subject_pseudonym", "controller_id"))
    assert controller_of == {
        Subject("bsn", routed.bsn_hash).pseudonym: rotterdam.pk,
        Subject("bsn", waiting.bsn_hash).pseudonym: creditor.pk,
    }
