"""The ``__any`` lookup finds the same rows as ``__in`` (PostgreSQL: one array parameter)."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from doorbraak.core.models import Membership, Organisation
from doorbraak.core.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_any_matches_in_for_text_ints_uuids_and_foreign_keys():
    organisations = [OrganisationFactory() for _ in range(4)]
    names = [o.name for o in organisations[:3]] + ["bestaat niet", None]
    pks = [o.pk for o in organisations[1:]] + [organisations[1].pk]
    uuids = [organisations[0].uuid, uuid.uuid4()]
    for field, values in (("name", names), ("pk", pks), ("uuid", uuids)):
        found = set(Organisation.objects.filter(**{f"{field}__any": values}))
        assert found == set(Organisation.objects.filter(**{f"{field}__in": values}))
        assert found
    assert not Organisation.objects.filter(name__any=[]).exists()


def test_any_on_a_foreign_key_takes_ids_and_objects():
    organisations = [OrganisationFactory() for _ in range(3)]
    users = [MembershipFactory(organisation=o) for o in organisations]
    wanted = organisations[:2]
    expected = {m.pk for m in users[:2]}
    for values in (wanted, [o.pk for o in wanted]):
        assert {m.pk for m in Membership.objects.filter(organisation__any=values)} == expected
        assert {m.pk for m in Membership.objects.filter(organisation_id__any=values)} == expected


def test_one_parameter_on_postgresql():
    with CaptureQueriesContext(connection) as queries:
        list(Organisation.objects.filter(name__any=[f"naam {i}" for i in range(3000)]))
    sql = queries.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and "%s, %s" not in sql
    else:
        assert " IN (" in sql


def test_any_keeps_quotes_backslashes_commas_braces_and_null_as_text():
    awkward = ['a"b', "c\\d", "e,f", "{g}", "NULL", "ë ' h", " spatie "]
    for name in awkward:
        OrganisationFactory(name=name)
    OrganisationFactory(name="anders")
    found = set(Organisation.objects.filter(name__any=awkward).values_list("name", flat=True))
    assert found == set(awkward)
