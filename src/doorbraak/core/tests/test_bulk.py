"""core.bulk.copy_insert: COPY on PostgreSQL, bulk_create elsewhere — the same rows either way."""

import pytest

from doorbraak.core.bulk import copy_insert, row_class, update_rows
from doorbraak.signals.models import Delivery, RejectedRow
from doorbraak.signals.tests.factories import DeliveryFactory

pytestmark = pytest.mark.django_db


def test_rows_come_back_as_written_with_their_primary_keys():
    delivery = DeliveryFactory()
    rows = [
        RejectedRow(
            delivery=delivery,
            row_number=number,
            external_id=f"R-{number}",
            values_encrypted="",
            errors=[{"column": "Postcode", "message": "is geen postcode; één fout"}],
        )
        for number in range(1, 4)
    ]
    created = copy_insert(RejectedRow, rows)
    assert [row.pk for row in created] == sorted(row.pk for row in created)
    assert all(row.pk is not None and not row._state.adding for row in created)
    stored = list(RejectedRow.objects.order_by("row_number"))
    assert [(r.pk, r.row_number, r.external_id) for r in stored] == [
        (r.pk, r.row_number, r.external_id) for r in rows
    ]
    assert stored[0].errors == [{"column": "Postcode", "message": "is geen postcode; één fout"}]


def test_binary_and_empty_list_values():
    delivery = DeliveryFactory.build(creditor=DeliveryFactory().creditor, payload=b"\x00\xffab")
    copy_insert(Delivery, [delivery])
    assert bytes(Delivery.objects.get(pk=delivery.pk).payload) == b"\x00\xffab"
    assert copy_insert(Delivery, []) == []


def test_light_rows_are_written_like_model_instances():
    delivery = DeliveryFactory()
    Row = row_class(RejectedRow)
    rows = [
        Row(delivery_id=delivery.pk, row_number=n, external_id=f"L-{n}", errors=[{"n": n}])
        for n in (1, 2)
    ]
    assert rows[0].pk is None and rows[0].values_encrypted == ""
    assert rows[0].errors is not rows[1].errors  # callable defaults are called per row
    copy_insert(RejectedRow, rows)
    assert all(row.pk for row in rows)
    stored = RejectedRow.objects.get(pk=rows[1].pk)
    assert (stored.row_number, stored.external_id, stored.errors) == (2, "L-2", [{"n": 2}])


def test_every_kind_of_value_arrives_unchanged():
    """COPY's binary format on PostgreSQL: each column dumped as its type in the table. Ints
    into smallint, bigint and numeric, decimals, dates, aware datetimes, UUIDs, booleans,
    NULLs, choices, JSON and text with tabs, newlines, backslashes and a literal \\N."""
    import datetime
    from decimal import Decimal

    from doorbraak.signals.models import RoutingStatus, Signal, SignalCase
    from doorbraak.signals.tests.factories import SignalCaseFactory, SignalFactory

    case = SignalCaseFactory()
    signal = SignalFactory.build(
        organisation=case.organisation,
        delivery=DeliveryFactory(),
        case=case,
        bedrag=Decimal("1234.56"),
        achternaam="tab\there\nnew line \\ backslash \\N é",
        geboortedatum=None,
        birth_year=1980,
        routing=RoutingStatus.ROUTED,
        check_flags=[{"code": "termijn", "tekst": '30–100 dagen "buiten" {x}'}],
        received_at=datetime.datetime(2026, 3, 1, 23, 59, 58, 123456, tzinfo=datetime.UTC),
        anonymised_at=None,
        crisissignaal=True,
    )
    other = SignalFactory.build(
        organisation=case.organisation, delivery=signal.delivery, bedrag=7, check_flags=[]
    )
    copy_insert(Signal, [signal, other])
    fields = [f.attname for f in Signal._meta.concrete_fields]
    for written in (signal, other):
        stored = Signal.objects.get(pk=written.pk)
        assert {f: getattr(stored, f) for f in fields} == {f: getattr(written, f) for f in fields}
    assert Signal.objects.get(pk=other.pk).bedrag == Decimal("7.00")
    day = datetime.date(2026, 3, 1)
    rows = copy_insert(
        SignalCase,
        [
            row_class(SignalCase)(
                organisation_id=case.organisation_id,
                matchingsdatum=day,
                startdatum_matchingperiode=day,
                einddatum_matchingperiode=day,
                signal_count=32767,
            )
        ],
    )
    stored = SignalCase.objects.get(pk=rows[0].pk)
    assert (stored.uuid, stored.total_amount, stored.deadline) == (rows[0].uuid, 0, None)
    assert stored.signal_count == 32767 and stored.matchingsdatum == day


@pytest.mark.postgres
def test_the_column_types_are_read_again_when_a_column_is_missing(monkeypatch):
    """PostgreSQL: the types of a table's columns are cached per process; a cache without a
    column the model has (a migration ran since) is read again, not trusted."""
    from django.db import connection

    from doorbraak.core import bulk

    if connection.vendor != "postgresql":
        pytest.skip("COPY and the column types are PostgreSQL's")
    table = RejectedRow._meta.db_table
    monkeypatch.setitem(bulk._COLUMN_TYPES, table, {"id": 20})
    delivery = DeliveryFactory()
    copy_insert(RejectedRow, [RejectedRow(delivery=delivery, row_number=1, external_id="T")])
    assert RejectedRow.objects.get(delivery=delivery).external_id == "T"
    assert bulk._COLUMN_TYPES[table]["external_id"] == 1043  # varchar, read from the catalogue


def test_a_row_class_takes_extra_attributes_and_refuses_unknown_ones():
    Row = row_class(RejectedRow, extra=("note",))
    row = Row(row_number=1, note="extra")
    assert row.note == "extra" and row.errors == []
    with pytest.raises(AttributeError):
        Row(row_number=1, bestaat_niet=True)


def test_update_rows_writes_the_named_fields_only():
    delivery = DeliveryFactory()
    rows = copy_insert(
        RejectedRow,
        [
            RejectedRow(delivery=delivery, row_number=n, external_id=f"U-{n}", errors=[])
            for n in range(1, 4)
        ],
    )
    for row in rows:
        row.external_id = f"nieuw-{row.row_number}"
        row.errors = [{"column": "ID", "message": f"fout {row.row_number} – é"}]
        row.row_number += 100  # not named: stays as stored
    assert update_rows(RejectedRow, rows, ["external_id", "errors"], batch_size=2) == 3
    stored = list(
        RejectedRow.objects.order_by("pk").values_list("external_id", "row_number", "errors")
    )
    assert stored == [
        (f"nieuw-{n}", n, [{"column": "ID", "message": f"fout {n} – é"}]) for n in range(1, 4)
    ]
    assert update_rows(RejectedRow, [], ["external_id"]) == 0


def test_update_rows_takes_light_rows_too():
    delivery = DeliveryFactory()
    stored = copy_insert(
        RejectedRow, [RejectedRow(delivery=delivery, row_number=1, external_id="A", errors=[])]
    )[0]
    row = row_class(RejectedRow)(id=stored.pk, external_id="B", row_number=99)
    assert update_rows(RejectedRow, [row], ["external_id"]) == 1
    stored.refresh_from_db()
    assert (stored.external_id, stored.row_number) == ("B", 1)


def test_update_rows_writes_nulls_booleans_dates_decimals_json_and_bytes():
    """On PostgreSQL the values travel as one array literal per column: every kind of value
    (and quotes, backslashes, commas, braces and NULL in it) must arrive unchanged."""
    import datetime
    from decimal import Decimal

    from doorbraak.households.tests.factories import HouseholdFactory
    from doorbraak.signals.models import SignalCase
    from doorbraak.signals.tests.factories import SignalCaseFactory

    household = HouseholdFactory()
    cases = [SignalCaseFactory(), SignalCaseFactory()]
    first, second = cases
    first.deadline, second.deadline = None, datetime.date(2026, 12, 31)
    first.total_amount, second.total_amount = Decimal("1234.56"), Decimal("0.01")
    first.crisis, second.crisis = True, False
    first.already_known, first.known_household_id = True, household.pk
    second.already_known, second.known_household_id = False, None
    first.wijk_code, second.wijk_code = 'a"b\\', "{c,d}"
    fields = ["deadline", "total_amount", "crisis", "already_known", "known_household", "wijk_code"]
    assert update_rows(SignalCase, cases, fields) == 2
    for case in cases:
        stored = SignalCase.objects.get(pk=case.pk)
        assert [getattr(stored, f.attname) for f in map(SignalCase._meta.get_field, fields)] == [
            getattr(case, f.attname) for f in map(SignalCase._meta.get_field, fields)
        ]

    delivery = DeliveryFactory()
    delivery.payload = b'\x00\xff\\"{,}'
    assert update_rows(Delivery, [delivery], ["payload"]) == 1
    assert bytes(Delivery.objects.get(pk=delivery.pk).payload) == b'\x00\xff\\"{,}'
    rejected = copy_insert(
        RejectedRow, [RejectedRow(delivery=delivery, row_number=1, external_id="J", errors=[])]
    )[0]
    rejected.errors = [{"column": 'a "b" \\ {c}', "message": None}]
    assert update_rows(RejectedRow, [rejected], ["errors"]) == 1
    assert RejectedRow.objects.get(pk=rejected.pk).errors == rejected.errors


def test_fewer_collections_raises_the_thresholds_and_puts_them_back():
    import gc

    from doorbraak.core.bulk import BULK_GC_THRESHOLD, fewer_collections

    before = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        with fewer_collections():
            assert gc.get_threshold()[0] == BULK_GC_THRESHOLD
            assert gc.isenabled()
            with fewer_collections():  # nested: still raised, and restored by the outer one
                pass
            assert gc.get_threshold()[0] == BULK_GC_THRESHOLD
        assert gc.get_threshold() == (700, 10, 10)
        with pytest.raises(RuntimeError), fewer_collections():
            raise RuntimeError
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
