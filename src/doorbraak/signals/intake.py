"""Receiving deliveries of signals from creditors, and processing them exactly once.

``receive`` stores the delivery as sent (bytes and SHA-256) in its own transaction, logs it and
only then queues ``tasks_intake.process_delivery``: a crash after ``receive`` loses nothing.

``process_delivery`` reads the stored bytes as a stream (``PayloadStream``: the database hands
out the payload in slices of 1 MB), validates row by row and commits per chunk of
``CHUNK_ROWS`` rows in ONE transaction: the new signals (each matched into its case before it
is written, ``matching.match_new``), their processing-log records, the rejected rows (their
values encrypted) and the cursor ``rows_done`` together. A run that stops half-way is resumed by
running it again (the task, or ``manage.py resume_deliveries``): rows before the cursor are
skipped, and the unique (creditor, signal id) of a signal makes sure that nothing is stored
twice even if a chunk were replayed. At the end the payload is cleared, the counts are set and
``matching.match_signals`` runs once per gemeente for anything left without a case. Rows are
light objects (``SignalRow``), written with COPY on PostgreSQL: see docs/vroegsignalering.md
("Speed") for what the intake costs and why.
"""

import hashlib
import io
import json
import logging

from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from doorbraak.audit.models import Action
from doorbraak.audit.services import Subject, log_processing
from doorbraak.core.actors import Actor
from doorbraak.core.bulk import copy_insert, fewer_collections, row_class
from doorbraak.core.crypto import encrypt
from doorbraak.core.models import EncryptedBsnMixin, Membership

from . import checks, matching, parsing, routing, template, validation
from .models import (
    Channel,
    Delivery,
    DeliveryStatus,
    RejectedRow,
    RoutingStatus,
    Signal,
    address_key,
)

logger = logging.getLogger(__name__)

ACTIVITY = "vroegsignaal-ontvangen"
CHUNK_ROWS = 10000
#: The language of the messages stored with a delivery (the creditor reads them later).
LANGUAGE = "nl"


# --- receiving ------------------------------------------------------------------------------


def receive(
    actor, creditor, payload, file_name: str, channel: str, gemeente_code: str = ""
) -> Delivery:
    """Store a delivery before anything else happens with it, then queue its processing.

    ``payload``: bytes, or a binary file object (an upload), read in slices for the hash.
    """
    if not isinstance(payload, bytes | bytearray):
        digest = hashlib.sha256()
        parts = []
        source = payload
        for part in iter(lambda: source.read(parsing.CHUNK), b""):
            digest.update(part)
            parts.append(part)
        payload = b"".join(parts)
        sha = digest.hexdigest()
    else:
        payload = bytes(payload)
        sha = hashlib.sha256(payload).hexdigest()
    with transaction.atomic():
        delivery = Delivery.objects.create(
            creditor=creditor,
            channel=channel,
            file_name=(file_name or "")[:255],
            file_format=parsing.sniff_format(payload[:4096], file_name),
            gemeente_code=gemeente_code or "",
            payload=payload,
            sha256=sha,
            size=len(payload),
            uploaded_by=actor.user,
            api_client=actor.client,
        )
        log_processing(
            actor,
            ACTIVITY,
            Action.CREATE,
            subjects=[Subject("levering", str(delivery.uuid))],
            controller=creditor,
            detail=f"levering ontvangen ({channel}, {len(payload)} bytes)",
        )
    del payload
    logger.info("signal delivery %s stored (%s bytes)", delivery.uuid, delivery.size)
    from . import tasks_intake

    tasks_intake.process_delivery.enqueue(delivery.pk)
    return Delivery.objects.defer("payload").get(pk=delivery.pk)


# --- reading the stored payload as a stream -------------------------------------------------


class PayloadStream(io.RawIOBase):
    """A seekable, read-only file over ``Delivery.payload`` that fetches slices with SQL
    ``substr`` (SQLite and PostgreSQL both slice a BLOB/bytea), so a 50 MB delivery is never
    loaded whole."""

    def __init__(self, delivery_id: int):
        super().__init__()
        self.delivery_id = delivery_id
        self.position = 0
        table = connection.ops.quote_name(Delivery._meta.db_table)
        self._slice_sql = f"SELECT substr(payload, %s, %s) FROM {table} WHERE id = %s"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT length(payload) FROM {table} WHERE id = %s",  # noqa: S608
                [delivery_id],
            )
            row = cursor.fetchone()
        self.length = int(row[0] or 0) if row else 0
        self._slice: tuple[int, bytes] = (0, b"")

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            self.position = offset
        elif whence == io.SEEK_CUR:
            self.position += offset
        else:
            self.position = self.length + offset
        self.position = max(0, self.position)
        return self.position

    def readinto(self, buffer) -> int:
        # Callers ask for small pieces (TextIOWrapper: 8 KB); the database is asked for whole
        # slices of ``parsing.CHUNK`` only, kept until the position leaves them.
        size = min(len(buffer), self.length - self.position)
        if size <= 0:
            return 0
        start, data = self._slice
        if not (start <= self.position < start + len(data)):
            with connection.cursor() as cursor:
                cursor.execute(
                    self._slice_sql,
                    [self.position + 1, max(size, parsing.CHUNK), self.delivery_id],
                )
                data = bytes(cursor.fetchone()[0] or b"")
            start = self.position
            self._slice = (start, data)
        piece = data[self.position - start : self.position - start + size]
        buffer[: len(piece)] = piece
        self.position += len(piece)
        return len(piece)


def payload_stream(delivery_id: int):
    return io.BufferedReader(PayloadStream(delivery_id), buffer_size=parsing.CHUNK)


# --- processing -----------------------------------------------------------------------------


def _chunk_transaction_settings() -> None:
    """PostgreSQL: how a chunk's transaction runs.

    - Its commit does not wait for its WAL to reach the disk. Safe here, and only here: the
      delivery itself was stored with a normal commit by ``receive``, and a chunk's signals,
      log records and cursor are one transaction. A crash within the next few hundred
      milliseconds can lose the last chunks whole (never half of one); the cursor then still
      points before them and the resumed run processes them again, exactly once. Waiting for
      the disk on every chunk cost about a sixth of the intake.
    - Foreign keys are checked per statement, not all at the commit: the checks of the log
      records and rejected rows then run before matching locks the gemeenten, not while the
      lock is held (another delivery's chunk waits for that lock). Nothing in a chunk points
      at a row written later in it: cases are written before their signals.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Superseded(Exception):
    """Another run moved the cursor on: this run stops without storing anything."""


def actor_of(delivery: Delivery) -> Actor:
    """Who the processing is done for: the API client or the person who uploaded the file."""
    if delivery.api_client_id:
        return Actor(client=delivery.api_client)
    if delivery.uploaded_by_id:
        membership = (
            Membership.objects.filter(
                user_id=delivery.uploaded_by_id, organisation_id=delivery.creditor_id
            )
            .select_related("organisation")
            .first()
        )
        return Actor(user=delivery.uploaded_by, membership=membership)
    return Actor()


def run_matching(organisation, today=None) -> None:
    """Group the gemeente's new signals into vroegsignaalzaken."""
    matching.match_signals(organisation, today=today)


class SignalRow(row_class(Signal, extra=("organisation",), bases=(EncryptedBsnMixin,))):
    """A signal on its way in: Signal's columns without a model instance (``core.bulk``)."""

    __slots__ = ()
    processing_subjects = Signal.processing_subjects


def _values_as_text(values: dict) -> dict:
    return {name: validation.text(values.get(name)) for name in template.NAMES}


class _Processor:
    def __init__(self, delivery: Delivery, actor: Actor, today):
        self.delivery = delivery
        self.actor = actor
        self.today = today
        self.router = routing.Router()
        self.rules: dict = {}
        self.match_contexts: dict = {}

    def rules_for(self, organisation):
        key = organisation.pk if organisation is not None else None
        if key not in self.rules:
            self.rules[key] = checks.rules_for(organisation)
        return self.rules[key]

    def build_signal(self, cleaned: dict) -> SignalRow:
        delivery = self.delivery
        route = self.router.route(
            cleaned["gemeente_code"], delivery.gemeente_code, cleaned["postcode"]
        )
        born = cleaned["geboortedatum"]
        signal = SignalRow(
            delivery_id=delivery.pk,
            creditor_id=delivery.creditor_id,
            external_id=cleaned["external_id"],
            signaalpartner=cleaned["signaalpartner"],
            crisissignaal=cleaned["crisissignaal"],
            warme_overdracht=cleaned["warme_overdracht"],
            bedrag=cleaned["bedrag"],
            ontstaansdatum=cleaned["ontstaansdatum"],
            signaaldatum=cleaned["signaaldatum"],
            aanmaningsdatum=cleaned["aanmaningsdatum"],
            delen_aangeboden=cleaned["delen_aangeboden"],
            voorletters=cleaned["voorletters"],
            voorvoegsel=cleaned["voorvoegsel"],
            achternaam=cleaned["achternaam"],
            geboortedatum=born,
            straatnaam=cleaned["straatnaam"],
            postcode=cleaned["postcode"],
            huisnummer=cleaned["huisnummer"],
            huisnummertoevoeging=cleaned["huisnummertoevoeging"],
            plaatsnaam=cleaned["plaatsnaam"],
            telefoon=cleaned["telefoon"],
            email=cleaned["email"],
            birth_year=born.year if born else None,
            address_key=address_key(
                cleaned["postcode"], cleaned["huisnummer"], cleaned["huisnummertoevoeging"]
            ),
            gemeente_code=route.gemeente_code,
            organisation=route.organisation,
            organisation_id=route.organisation.pk if route.organisation else None,
            wijk_code=route.wijk_code,
            routing=route.routing,
            received_at=delivery.received_at,
        )
        signal.set_valid_bsn(cleaned["bsn"])  # validated and normalised by validate_row
        signal.check_flags = checks.flags_for(signal, self.rules_for(route.organisation))
        return signal

    def earlier_rows(self, rows) -> dict:
        """IDs of this chunk that earlier chunks of the same delivery already had: → their row
        number when the row was rejected, None when it became a signal. Kept in the database,
        not in memory, so memory does not grow with the file (and a resumed run knows them)."""
        ids = {validation.text(v.get("ID")) for _n, v in rows} - {""}
        earlier: dict = dict.fromkeys(
            # The creditor too: the unique (creditor, signal id) index finds them, where the
            # delivery's index alone would read every signal of the delivery per chunk.
            Signal.objects.filter(
                creditor_id=self.delivery.creditor_id,
                delivery=self.delivery,
                external_id__any=ids,
            ).values_list("external_id", flat=True)
        )
        for external_id, number in (
            RejectedRow.objects.filter(delivery=self.delivery, external_id__any=ids)
            .order_by("row_number")
            .values_list("external_id", "row_number")
        ):
            earlier.setdefault(external_id, number)
        return earlier

    def chunk(self, rows: list[tuple[int, dict]]) -> None:
        delivery = self.delivery
        valid: list[dict] = []
        rejected: list[RejectedRow] = []
        self.router.prefetch(validation.normalise_postcode(v.get("Postcode")) for _n, v in rows)
        seen = self.earlier_rows(rows)
        for number, values in rows:
            if values.pop("__not_an_object__", False):
                result = validation.RowResult()
                result.error("", _("is not a signal object."))
            else:
                result = validation.validate_row(values, today=self.today, seen=seen)
            external_id = result.cleaned.get("external_id", "")
            if external_id:
                seen.setdefault(external_id, number)
            if result.valid:
                valid.append(result.cleaned)
            else:
                rejected.append(
                    RejectedRow(
                        delivery=delivery,
                        row_number=number,
                        external_id=external_id[:100],
                        values_encrypted=encrypt(json.dumps(_values_as_text(values))),
                        errors=result.errors,
                    )
                )
        # Everything that needs no lock is prepared first: the gemeenten are locked by
        # matching from the moment it starts until this chunk commits (see store()).
        built = [self.build_signal(c) for c in valid]
        expected_done = delivery.rows_done
        with transaction.atomic():
            _chunk_transaction_settings()
            current = (
                Delivery.objects.select_for_update().only("rows_done").get(pk=delivery.pk).rows_done
            )
            if current != expected_done:
                raise Superseded
            existing = set(
                Signal.objects.filter(
                    creditor_id=delivery.creditor_id,
                    external_id__any=[s.external_id for s in built],
                ).values_list("external_id", flat=True)
            )
            signals = [s for s in built if s.external_id not in existing]
            RejectedRow.objects.bulk_create(rejected, batch_size=500)
            try:
                with transaction.atomic():
                    self.log(signals)
                    self.store(signals)
            except IntegrityError:
                # Another delivery of the same creditor stored one of these ids meanwhile.
                existing |= set(
                    Signal.objects.filter(
                        creditor_id=delivery.creditor_id,
                        external_id__any=[s.external_id for s in signals],
                    ).values_list("external_id", flat=True)
                )
                signals = [s for s in signals if s.external_id not in existing]
                for signal in signals:
                    signal.pk = signal.case_id = None
                self.log(signals)
                self.store(signals)
            delivery.rows_done = expected_done + len(rows)
            delivery.rows_accepted += len(signals)
            delivery.rows_rejected += len(rejected)
            delivery.rows_duplicate += len(valid) - len(signals)
            delivery.status = DeliveryStatus.PROCESSING
            delivery.save(
                update_fields=[
                    "rows_done",
                    "rows_accepted",
                    "rows_rejected",
                    "rows_duplicate",
                    "status",
                ]
            )

    def store(self, signals: list[SignalRow]) -> None:
        """Write the chunk's signals; routed ones are matched into cases on the way in (all
        gemeenten of the chunk in one matching batch)."""
        routed, waiting = [], []
        for signal in signals:
            if signal.organisation_id and signal.routing == RoutingStatus.ROUTED:
                routed.append(signal)
            else:
                waiting.append(signal)
        copy_insert(Signal, waiting, batch_size=500)
        if routed:
            matching.match_new(
                routed,
                self.today,
                store=lambda group: copy_insert(Signal, group, batch_size=500),
                contexts=self.match_contexts,
            )

    def log(self, signals: list[SignalRow]) -> None:
        """One processing-log record per signal, its gemeente (or, unrouted, the creditor) as
        controller: one bulk call for the chunk."""
        subjects, controllers = [], []
        creditor = self.delivery.creditor
        for signal in signals:
            controller = signal.organisation or creditor
            for kind, identifier in signal.processing_subjects():
                subjects.append(Subject(kind, str(identifier)))
                controllers.append(controller)
        if subjects:
            log_processing(
                self.actor,
                ACTIVITY,
                Action.CREATE,
                subjects=subjects,
                controllers=controllers,
                detail=f"vroegsignaal ontvangen, levering {self.delivery.uuid}",
            )


def _finish(delivery: Delivery, **fields) -> None:
    fields.setdefault("processed_at", timezone.now())
    fields["payload"] = b""
    Delivery.objects.filter(pk=delivery.pk).update(**fields)
    for name, value in fields.items():
        if name != "payload":
            setattr(delivery, name, value)


def process_delivery(delivery_id: int, today=None) -> Delivery:
    """Process a stored delivery; running it again resumes after the last committed chunk."""
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .defer("payload")
            .select_related("creditor", "api_client", "uploaded_by")
            .get(pk=delivery_id)
        )
        if delivery.status in (DeliveryStatus.PROCESSED, DeliveryStatus.FAILED):
            return delivery
        if delivery.status == DeliveryStatus.RECEIVED:
            delivery.status = DeliveryStatus.PROCESSING
            delivery.save(update_fields=["status"])
    today = today or timezone.localdate()
    with translation.override(LANGUAGE), fewer_collections():
        try:
            _process(delivery, today)
        except parsing.FileError as refused:
            _finish(
                delivery,
                status=DeliveryStatus.FAILED,
                error="\n".join(refused.problems),
            )
            logger.info("signal delivery %s refused: %s", delivery.uuid, refused)
            return delivery
        except Superseded:
            logger.info("signal delivery %s is processed by another run", delivery.uuid)
            return Delivery.objects.defer("payload").get(pk=delivery.pk)
    for organisation in _gemeenten_of(delivery):
        run_matching(organisation, today=today)
    return delivery


def _process(delivery: Delivery, today) -> None:
    processor = _Processor(delivery, actor_of(delivery), today)
    table = parsing.read_table(payload_stream(delivery.pk), delivery.file_name)
    skip = delivery.rows_done
    index = 0
    rows: list[tuple[int, dict]] = []
    for number, values in table.rows:
        index += 1
        if index <= skip:
            continue  # committed by an earlier run
        rows.append((number, values))
        if len(rows) >= CHUNK_ROWS:
            processor.chunk(rows)
            rows = []
    if rows:
        processor.chunk(rows)
    warnings = list(table.warnings)
    if index == 0:
        warnings.append(_("The file has no rows with signals below the header."))
    if delivery.rows_duplicate:
        warnings.append(
            _(
                "%(count)s signal(s) had an ID that was already received earlier; they were "
                "not added again."
            )
            % {"count": delivery.rows_duplicate}
        )
    _finish(
        delivery,
        status=DeliveryStatus.PROCESSED,
        rows_total=index,
        warnings=[str(w) for w in warnings],
    )
    logger.info(
        "signal delivery %s processed: %s rows, %s accepted, %s rejected, %s already received",
        delivery.uuid,
        index,
        delivery.rows_accepted,
        delivery.rows_rejected,
        delivery.rows_duplicate,
    )


def _gemeenten_of(delivery: Delivery):
    from doorbraak.core.models import Organisation

    ids = (
        Signal.objects.filter(delivery=delivery, routing=RoutingStatus.ROUTED)
        .values_list("organisation_id", flat=True)
        .distinct()
    )
    return list(Organisation.objects.filter(pk__in=ids).order_by("pk"))


def resumable():
    """Deliveries whose processing did not finish (for ``resume_deliveries``)."""
    return Delivery.objects.defer("payload").filter(
        status__in=[DeliveryStatus.RECEIVED, DeliveryStatus.PROCESSING]
    )


__all__ = ["Channel", "process_delivery", "receive", "run_matching"]
