"""core.bulk.copy_insert: COPY on PostgreSQL, bulk_create elsewhere — the same rows either way."""

import pytest

from doorbraak.core.bulk import copy_insert
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
