"""The processing log: append-only, one record per data subject, scoped and paged."""

import csv
import io
from datetime import timedelta

from django.db import connection
from django.urls import reverse
from django.utils import timezone

import pytest

from doorbraak.audit import selectors
from doorbraak.audit.models import AppendOnlyError, ProcessingActivity, ProcessingLogEntry
from doorbraak.audit.services import BULK_FROM, Subject, UnknownActivity, log_processing
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import actor_for, member

pytestmark = pytest.mark.django_db
ACTIVITY = "verwerkingenlog-inzien"


def _actor(role=Role.PROFESSIONAL, organisation=None):
    return actor_for(member(role=role, organisation=organisation))


def test_one_record_per_data_subject_with_who_why_and_trace():
    actor = _actor()
    written = log_processing(
        actor,
        ACTIVITY,
        "read",
        subjects=[Subject("persoon", "a"), Subject("persoon", "b")],
        controller=actor.organisation,
    )
    assert written == 2
    first, second = ProcessingLogEntry.objects.order_by("id")
    assert first.subject_pseudonym != second.subject_pseudonym
    assert first.trace_id == second.trace_id and first.span_id != second.span_id
    activity = ProcessingActivity.objects.get(code=ACTIVITY)
    assert first.purpose == activity.purpose and first.legal_basis == activity.legal_basis
    assert first.actor_organisation == actor.organisation and first.actor_role == Role.PROFESSIONAL
    assert first.actor_user_uuid == actor.user.uuid


def test_a_bulk_of_records_equals_records_written_one_call_each():
    """From BULK_FROM subjects PostgreSQL builds the records (INSERT … SELECT FROM unnest):
    every column must be what the per-record path writes, in the order of the subjects."""
    actor = _actor()
    subjects = [Subject("persoon", f"p{i}") for i in range(BULK_FROM + 5)]
    subjects.append(Subject("persoon", 'quote " backslash \\ comma , brace }'))
    assert log_processing(actor, ACTIVITY, "read", subjects=subjects, detail="bulk") == len(
        subjects
    )
    log_processing(actor, ACTIVITY, "read", subjects=subjects[:1], detail="one")
    *bulk, single = ProcessingLogEntry.objects.order_by("id")
    assert [e.subject_pseudonym for e in bulk] == [s.pseudonym for s in subjects]
    assert len({e.span_id for e in bulk}) == len(bulk)
    assert all(len(e.span_id) == 16 and int(e.span_id, 16) >= 0 for e in bulk)
    # Outside a request each call is a trace of its own.
    skip = {"id", "occurred_at", "span_id", "subject_pseudonym", "detail", "trace_id"}
    skip.add("parent_span_id")
    columns = [f.attname for f in ProcessingLogEntry._meta.concrete_fields if f.attname not in skip]
    for entry in bulk:
        assert {c: getattr(entry, c) for c in columns} == {c: getattr(single, c) for c in columns}
        assert entry.detail == "bulk" and entry.occurred_at == bulk[0].occurred_at
        assert (entry.trace_id, entry.parent_span_id) == (bulk[0].trace_id, bulk[0].parent_span_id)


@pytest.mark.parametrize("count", [2, BULK_FROM + 1])
def test_a_controller_per_subject(count):
    from doorbraak.core.tests.factories import OrganisationFactory

    actor = _actor()
    first, second = OrganisationFactory(), OrganisationFactory()
    subjects = [Subject("persoon", f"c{i}") for i in range(count)]
    controllers = [first if i % 2 else second for i in range(count)]
    controllers[-1] = None
    assert (
        log_processing(actor, ACTIVITY, "read", subjects=subjects, controllers=controllers) == count
    )
    stored = list(ProcessingLogEntry.objects.order_by("id"))
    assert [e.subject_pseudonym for e in stored] == [s.pseudonym for s in subjects]
    assert [e.controller_id for e in stored] == [c.pk if c else None for c in controllers]
    with pytest.raises(ValueError, match="one controller per subject"):
        log_processing(actor, ACTIVITY, "read", subjects=subjects, controllers=controllers[1:])


@pytest.mark.parametrize("count", [2, BULK_FROM + 1])
def test_an_object_per_subject(count):
    """``objects``: each record names its own object (type and uuid), on both paths."""
    from doorbraak.core.tests.factories import OrganisationFactory

    actor = _actor()
    organisations = [OrganisationFactory() for _ in range(3)]
    subjects = [Subject("persoon", f"o{i}") for i in range(count)]
    objects = [actor.user if i == 0 else organisations[i % 3] for i in range(count)]
    assert log_processing(actor, ACTIVITY, "delete", subjects=subjects, objects=objects) == count
    stored = list(ProcessingLogEntry.objects.order_by("id"))
    assert [(e.object_type, e.object_uuid) for e in stored] == [
        (o._meta.label_lower, o.uuid) for o in objects
    ]
    assert [e.subject_pseudonym for e in stored] == [s.pseudonym for s in subjects]
    with pytest.raises(ValueError, match="one object per subject"):
        log_processing(actor, ACTIVITY, "delete", subjects=subjects, objects=objects[1:])


def test_an_organisation_or_activity_the_log_names_cannot_be_deleted():
    """The database does not check the log's references (speed, see the model); Django's
    PROTECT still refuses deleting what records name, as actor's organisation or controller."""
    from django.db.models import ProtectedError

    from doorbraak.core.tests.factories import OrganisationFactory

    actor, controller = _actor(), OrganisationFactory()
    log_processing(actor, ACTIVITY, "read", controller=controller)
    for named in (actor.organisation, controller, ProcessingActivity.objects.get(code=ACTIVITY)):
        with pytest.raises(ProtectedError):
            named.delete()
    assert ProcessingLogEntry.objects.filter(controller=controller).count() == 1


def test_pseudonym_is_stable_and_not_the_identifier():
    subject = Subject("persoon", "999993653")
    assert subject.pseudonym == Subject("persoon", "999993653").pseudonym
    assert "999993653" not in subject.pseudonym and len(subject.pseudonym) == 64
    assert subject.pseudonym != Subject("huishouden", "999993653").pseudonym


def test_unknown_activity_is_refused():
    with pytest.raises(UnknownActivity):
        log_processing(_actor(), "bestaat-niet", "read")


def test_records_cannot_be_changed_or_deleted_through_the_orm():
    assert log_processing(_actor(), ACTIVITY, "read") == 1
    entry = ProcessingLogEntry.objects.get()
    entry.detail = "gewijzigd"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        ProcessingLogEntry.objects.filter(pk=entry.pk).update(detail="x")
    with pytest.raises(AppendOnlyError):
        ProcessingLogEntry.objects.all().delete()


@pytest.mark.postgres
def test_postgresql_itself_refuses_update_and_delete():
    if connection.vendor != "postgresql":
        pytest.skip("the database trigger exists on PostgreSQL only")
    from django.db import DatabaseError, transaction

    log_processing(_actor(), ACTIVITY, "read")
    entry = ProcessingLogEntry.objects.get()
    for sql in (
        "UPDATE audit_processinglogentry SET detail = 'x' WHERE id = %s",
        "DELETE FROM audit_processinglogentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert ProcessingLogEntry.objects.filter(pk=entry.pk, detail="").exists()


def test_privacy_officer_sees_own_organisation_as_actor_and_as_controller_only():
    officer = _actor(Role.PRIVACY_OFFICER)
    colleague = _actor(organisation=officer.organisation)
    stranger = _actor()
    log_processing(colleague, ACTIVITY, "read", detail="eigen medewerker")
    log_processing(
        stranger, ACTIVITY, "read", controller=officer.organisation, detail="onze gegevens"
    )
    log_processing(
        stranger, ACTIVITY, "read", controller=stranger.organisation, detail="niet van ons"
    )
    details = {e.detail for e in selectors.log_page(officer, selectors.LogFilters()).entries}
    assert details == {"eigen medewerker", "onze gegevens"}


def test_keyset_pages_cover_everything_once_in_order():
    officer = _actor(Role.PRIVACY_OFFICER)
    start = timezone.now() - timedelta(days=1)
    same_time = start + timedelta(hours=1)
    entries = []
    for i in range(25):
        entry = ProcessingLogEntry(
            occurred_at=same_time if i % 5 == 0 else start + timedelta(minutes=i),
            trace_id="0" * 32,
            span_id=f"{i:016x}",
            activity=ProcessingActivity.objects.get(code=ACTIVITY),
            action="read",
            purpose="p",
            legal_basis="g",
            actor_label="x",
            actor_organisation=officer.organisation,
            detail=str(i),
        )
        entries.append(entry)
    ProcessingLogEntry.objects.bulk_create(entries)
    seen, cursor = [], None
    while True:
        page = selectors.log_page(officer, selectors.LogFilters(), cursor=cursor, size=7)
        seen.extend(page.entries)
        if not page.next_cursor:
            break
        cursor = page.next_cursor
    assert len(seen) == 25 and len({e.pk for e in seen}) == 25
    keys = [(e.occurred_at, e.pk) for e in seen]
    assert keys == sorted(keys, reverse=True)


def test_tampered_cursor_starts_at_the_beginning():
    assert selectors.decode_cursor("bm90LWEtY3Vyc29y") is None


def test_filters_by_subject_user_activity_and_period():
    officer = _actor(Role.PRIVACY_OFFICER)
    colleague = _actor(organisation=officer.organisation)
    log_processing(colleague, ACTIVITY, "read", subjects=[Subject("persoon", "1")], detail="een")
    log_processing(officer, ACTIVITY, "read", subjects=[Subject("persoon", "2")], detail="twee")
    by_subject = selectors.LogFilters(subject=Subject("persoon", "1").pseudonym)
    assert [e.detail for e in selectors.log_page(officer, by_subject).entries] == ["een"]
    by_user = selectors.LogFilters(user_uuid=str(officer.user.uuid))
    assert [e.detail for e in selectors.log_page(officer, by_user).entries] == ["twee"]
    tomorrow = timezone.localdate() + timedelta(days=1)
    assert selectors.log_page(officer, selectors.LogFilters(date_from=tomorrow)).entries == []


def test_log_page_shows_records_and_is_itself_logged(client):
    officer = member(role=Role.PRIVACY_OFFICER)
    login_verified(client, officer.user)
    log_processing(actor_for(officer), ACTIVITY, "read", detail="eerdere verwerking")
    response = client.get(reverse("audit:log"))
    assert response.status_code == 200
    assert "eerdere verwerking" in response.content.decode()
    assert ProcessingLogEntry.objects.filter(
        action="search", actor_user_uuid=officer.user.uuid
    ).exists()


def test_filter_with_end_before_start_gets_a_message(client):
    officer = member(role=Role.PRIVACY_OFFICER)
    login_verified(client, officer.user)
    response = client.get(
        reverse("audit:log"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert (
        "voor de begindatum" in response.content.decode() or "before" in response.content.decode()
    )


def test_csv_export_contains_the_filtered_records_and_is_logged(client):
    officer = member(role=Role.PRIVACY_OFFICER)
    login_verified(client, officer.user)
    for i in range(3):
        log_processing(actor_for(officer), ACTIVITY, "read", detail=f"regel {i}")
    response = client.get(reverse("audit:log-export"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "tijdstip"
    assert {r[-1] for r in rows[1:]} >= {"regel 0", "regel 1", "regel 2"}
    assert ProcessingLogEntry.objects.filter(action="export").exists()
