"""Vroegsignalering: deliveries of payment-arrear signals from creditors, the signals, the
vroegsignaalzaak per household/address with its contact attempts and outcome, the settings per
gemeente, the postcode table for routing, and the CJIB noodstop.

Field names follow DDAS v0.9 where DDAS has the field (``codes.py`` holds its code lists).
Personal data of a signal (BSN, name, date of birth, address, contact details) sit on
``Signal``; retention clears them (``anonymised_at``) and keeps the anonymous rest for counts.
"""

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from doorbraak.core.crypto import keyed_hash
from doorbraak.core.ids import uuid7
from doorbraak.core.models import EncryptedBsnMixin

from .codes import Contactsoort, Dagdeel, Eindresultaat, Signaalpartner, Signaalstatus


def address_key(postcode: str, huisnummer: str, toevoeging: str = "") -> str:
    """A keyed hash of the normalised address: groups signals per address without storing it
    in the clear on the case, and survives the retention of the signals' personal data."""
    normal = f"{postcode.replace(' ', '').upper()}|{huisnummer.strip().lstrip('0')}|"
    normal += toevoeging.replace(" ", "").replace("-", "").upper()
    return keyed_hash("adres", normal)


# --- settings per gemeente -----------------------------------------------------------------


class SignalSettings(models.Model):
    """The configurable rules of one gemeente (its functioneel beheerder keeps them).

    A gemeente without a row uses the defaults of the model fields.
    """

    organisation = models.OneToOneField(
        "core.Organisation",
        on_delete=models.CASCADE,
        related_name="signal_settings",
        verbose_name=_("municipality"),
    )
    matching_period_days = models.PositiveSmallIntegerField(
        _("matching period (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("Signals for one address within this period form one case."),
    )
    repeat_window_days = models.PositiveSmallIntegerField(
        _("repeat window (days)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(1096)],
        help_text=_("A new case at an address with a case in this window is a repeated signal."),
    )
    retention_days_no_help = models.PositiveSmallIntegerField(
        _("retention without help (days)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(1096)],
        help_text=_(
            "Personal data of signals that led to no help are deleted this many days after the "
            "case was closed (or after the signal was received, when no case was made)."
        ),
    )
    deadline_days = models.PositiveSmallIntegerField(
        _("first contact attempt within (days)"),
        default=28,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    crisis_deadline_days = models.PositiveSmallIntegerField(
        _("first contact attempt for a crisis signal within (days)"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text=_("Also for threatening debts: eviction, disconnection."),
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        _("reminder before the deadline (days)"),
        default=2,
        validators=[MaxValueValidator(60)],
    )
    #: Extra weights of the priority score; keys as in ``priority.DEFAULT_WEIGHTS``.
    priority_weights = models.JSONField(_("priority weights"), default=dict, blank=True)
    #: Per signaalpartner type: deadline in days, overriding the two above.
    deadline_per_type = models.JSONField(_("deadline per signal type"), default=dict, blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("vroegsignalering settings")
        verbose_name_plural = _("vroegsignalering settings")

    def __str__(self) -> str:
        return str(self.organisation)


class CheckRule(models.Model):
    """A legal check on incoming signals (``checks.py`` implements each code).

    A failed check marks the signal (``Signal.check_flags``); it is never dropped silently.
    A row with ``organisation`` empty is the platform default; a gemeente may override it.
    """

    code = models.CharField(_("code"), max_length=40)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="signal_check_rules",
        verbose_name=_("municipality"),
    )
    active = models.BooleanField(_("active"), default=True)
    #: Parameters of the check, e.g. {"min_days": 30, "max_days": 100}.
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)

    class Meta:
        verbose_name = _("legal check")
        verbose_name_plural = _("legal checks")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "organisation"], name="signal_check_rule_unique"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(organisation__isnull=True),
                name="signal_check_rule_default_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class PostcodeArea(models.Model):
    """Postcode (PC6, no space) → gemeente, wijk and buurt: routes signals without a gemeentecode
    and gives the wijk for the filters. Loaded from a file (``load_postcodes``)."""

    postcode = models.CharField(_("postcode"), max_length=6, unique=True)
    gemeente_code = models.CharField(_("CBS municipality code"), max_length=6, db_index=True)
    wijk_code = models.CharField(_("CBS wijk code"), max_length=8, blank=True)
    buurt_code = models.CharField(_("CBS buurt code"), max_length=10, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self) -> str:
        return self.postcode


# --- deliveries ----------------------------------------------------------------------------


class Channel(models.TextChoices):
    API = "api", _("API")
    UPLOAD = "upload", _("File upload")
    DDAS_IMPORT = "ddas", _("DDAS import")


class DeliveryStatus(models.TextChoices):
    RECEIVED = "ontvangen", _("Received")
    PROCESSING = "verwerken", _("Being processed")
    PROCESSED = "verwerkt", _("Processed")
    FAILED = "mislukt", _("Failed")


class Delivery(models.Model):
    """One batch from a creditor, stored as received before it is processed.

    ``payload`` holds the bytes as sent until processing is done (then it is cleared: the rows
    live on as signals or rejected rows). ``rows_done`` is the processing cursor: processing
    commits per chunk together with the cursor, so a crash resumes after the last chunk, and
    the unique (creditor, external id) of signals makes a replayed chunk harmless.
    """

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    creditor = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="signal_deliveries",
        verbose_name=_("creditor"),
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    file_name = models.CharField(_("file name"), max_length=255, blank=True)
    file_format = models.CharField(_("format"), max_length=10, blank=True)
    gemeente_code = models.CharField(
        _("CBS municipality code of the delivery"), max_length=6, blank=True
    )
    payload = models.BinaryField(_("payload"), blank=True, default=b"", editable=False)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"), default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.RECEIVED
    )
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    rows_accepted = models.PositiveIntegerField(_("accepted"), default=0)
    rows_rejected = models.PositiveIntegerField(_("rejected"), default=0)
    rows_duplicate = models.PositiveIntegerField(_("already received"), default=0)
    error = models.TextField(_("error"), blank=True)
    #: Things the reader fixed itself and the creditor should know (encoding, ignored columns).
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    processed_at = models.DateTimeField(_("processed at"), null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    api_client = models.ForeignKey(
        "core.ApiClient",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("API client"),
    )

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["creditor", "-received_at"], name="delivery_creditor_idx"),
            models.Index(fields=["status"], name="delivery_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.creditor} {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def controller(self):
        return self.creditor


class RejectedRow(models.Model):
    """A row that failed validation, kept (encrypted) so the creditor can correct and resend it.

    ``errors`` is a list of {"column": ..., "message": ...} in Dutch.
    """

    delivery = models.ForeignKey(
        Delivery, on_delete=models.CASCADE, related_name="rejected", verbose_name=_("delivery")
    )
    row_number = models.PositiveIntegerField(_("row"))
    external_id = models.CharField(_("signal id"), max_length=100, blank=True)
    values_encrypted = models.TextField(_("values (encrypted)"), blank=True, editable=False)
    errors = models.JSONField(_("errors"), default=list)

    class Meta:
        verbose_name = _("rejected row")
        verbose_name_plural = _("rejected rows")
        ordering = ["delivery", "row_number"]
        constraints = [
            models.UniqueConstraint(fields=["delivery", "row_number"], name="rejected_row_unique")
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id}:{self.row_number}"


# --- signals and cases ---------------------------------------------------------------------


class RoutingStatus(models.TextChoices):
    ROUTED = "gerouteerd", _("Routed to a municipality")
    UNROUTABLE = "onbekend", _("Municipality unknown")


class Feedback(models.TextChoices):
    """The only thing the creditor learns of what happened."""

    PENDING = "", _("Not yet known")
    OPGEPAKT = "opgepakt", _("Taken up")
    NIET_OPGEPAKT = "niet_opgepakt", _("Not taken up")


class CaseStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Closed")


class CaseKind(models.TextChoices):
    """As in RIS Matching: one signal, several at once, or again after an earlier case."""

    ENKELVOUDIG = "enkelvoudig", _("Single")
    MEERVOUDIG = "meervoudig", _("Multiple")
    HERHAALD = "herhaald", _("Repeated")


class SignalCase(models.Model):
    """A vroegsignaalzaak: the signals of one address (household) within a matching period."""

    # Time-ordered (core.ids): intake writes these by the ten thousand.
    uuid = models.UUIDField(_("public id"), default=uuid7, unique=True, editable=False)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="signal_cases",
        verbose_name=_("municipality"),
        db_index=False,  # the indexes below lead with it
    )
    # Indexed in Meta (signalcase_address_idx), without the LIKE index of db_index.
    address_key = models.CharField(_("address key"), max_length=64)
    wijk_code = models.CharField(_("CBS wijk code"), max_length=8, blank=True)
    kind = models.CharField(
        _("kind"), max_length=12, choices=CaseKind.choices, default=CaseKind.ENKELVOUDIG
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN
    )
    priority = models.PositiveIntegerField(_("priority"), default=0)
    crisis = models.BooleanField(_("crisis signal"), default=False)
    creditor_count = models.PositiveSmallIntegerField(_("creditors"), default=0)
    signal_count = models.PositiveSmallIntegerField(_("signals"), default=0)
    total_amount = models.DecimalField(
        _("total arrears"), max_digits=12, decimal_places=2, default=0
    )
    already_known = models.BooleanField(
        _("already known"),
        default=False,
        help_text=_("The household has an open file or debt help on the platform."),
    )
    known_household = models.ForeignKey(
        "households.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("known household"),
        db_index=False,  # a partial index below: most cases have none
    )
    # DDAS Vroegsignaalzaak
    matchingsdatum = models.DateField(_("matching date"))
    startdatum_matchingperiode = models.DateField(_("start of the matching period"))
    einddatum_matchingperiode = models.DateField(_("end of the matching period"))
    datum_opgepakt = models.DateField(_("date taken up"), null=True, blank=True)
    resultaat = models.CharField(
        _("outcome"), max_length=70, choices=Eindresultaat.choices, blank=True
    )
    deadline = models.DateField(_("first contact attempt before"), null=True, blank=True)
    offer_made_on = models.DateField(_("offer of help made on"), null=True, blank=True)
    offer_accepted_on = models.DateField(_("offer accepted on"), null=True, blank=True)
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signal_cases",
        verbose_name=_("household file"),
        db_index=False,  # a partial index below: most cases have none
    )
    team = models.ForeignKey(
        "core.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team"),
        db_index=False,  # a partial index below: most cases have none
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
        db_index=False,  # a partial index below: most cases have none
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    #: Personal data of the case's signals were removed by retention.
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("vroegsignaalzaak")
        verbose_name_plural = _("vroegsignaalzaken")
        ordering = ["-priority", "deadline", "id"]
        indexes = [
            models.Index(
                fields=["organisation", "status", "-priority", "deadline"],
                name="signalcase_queue_idx",
            ),
            # Matching looks up thousands of addresses at once; the key is a keyed hash of the
            # address, so it (nearly) never repeats across gemeenten. With the gemeente in front
            # the planner scanned all cases of the chunk's gemeenten (the whole table) instead.
            models.Index(fields=["address_key"], name="signalcase_address_idx"),
            models.Index(fields=["organisation", "matchingsdatum"], name="signalcase_month_idx"),
            # Intake writes tens of thousands of cases at once: the foreign keys that are
            # empty when a case is created are indexed only where they are set.
            *(
                models.Index(
                    fields=[name],
                    name=f"signalcase_{name}_idx",
                    condition=models.Q(**{f"{name}__isnull": False}),
                )
                for name in ("known_household", "household", "team", "assigned_to")
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        # A time-ordered uuid (core.ids, since 2026-12) starts with its timestamp: its last,
        # random part. Cases made before keep the reference they were given (the first part).
        part = self.uuid.hex[-8:] if self.uuid.version == 7 else self.uuid.hex[:8]
        return f"VS-{part.upper()}"

    @property
    def controller(self):
        return self.organisation

    @property
    def is_open(self) -> bool:
        return self.status == CaseStatus.OPEN

    @property
    def is_overdue(self) -> bool:
        return (
            self.is_open
            and self.deadline is not None
            and self.datum_opgepakt is None
            and self.deadline < timezone.localdate()
        )

    def processing_subjects(self):
        return [("vroegsignaalzaak", self.uuid)]


class Signal(EncryptedBsnMixin, models.Model):
    """A vroegsignaal as the creditor sent it (DDAS Vroegsignaal + Client)."""

    # Time-ordered (core.ids): intake writes these by the ten thousand.
    uuid = models.UUIDField(_("public id"), default=uuid7, unique=True, editable=False)
    delivery = models.ForeignKey(
        Delivery, on_delete=models.PROTECT, related_name="signals", verbose_name=_("delivery")
    )
    creditor = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="sent_signals",
        verbose_name=_("creditor"),
        db_index=False,  # signal_unique_per_creditor leads with it
    )
    external_id = models.CharField(_("signal id (creditor)"), max_length=100)
    signaalpartner = models.CharField(
        _("kind of creditor"), max_length=30, choices=Signaalpartner.choices
    )
    crisissignaal = models.BooleanField(_("crisis signal"), default=False)
    warme_overdracht = models.BooleanField(_("warm handover"), default=False)
    bedrag = models.DecimalField(
        _("amount in arrears"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(99_999_999)],
    )
    ontstaansdatum = models.DateField(_("arrears since"), null=True, blank=True)
    signaaldatum = models.DateField(_("signal date"))
    aanmaningsdatum = models.DateField(
        _("written reminder sent on"),
        null=True,
        blank=True,
        help_text=_("Besluit gemeentelijke schuldhulpverlening art. 2 and the convenant."),
    )
    delen_aangeboden = models.BooleanField(
        _("offered to pass on contact details"),
        null=True,
        blank=True,
        help_text=_("Landlords: the reminder offered to pass the details on (Besluit art. 2)."),
    )
    status = models.CharField(
        _("status"),
        max_length=70,
        choices=Signaalstatus.choices,
        default=Signaalstatus.NOG_NIET_OPGEPAKT,
    )
    # Client (personal data; cleared by retention)
    bsn_encrypted = models.TextField(_("BSN (encrypted)"), blank=True, editable=False)
    # Indexed in Meta (equality only: no second LIKE index as db_index makes on PostgreSQL).
    bsn_hash = models.CharField(_("BSN look-up hash"), max_length=64, blank=True, editable=False)
    voorletters = models.CharField(_("initials"), max_length=20, blank=True)
    voorvoegsel = models.CharField(_("prefix"), max_length=200, blank=True)
    achternaam = models.CharField(_("surname"), max_length=200, blank=True)
    geboortedatum = models.DateField(_("date of birth"), null=True, blank=True)
    straatnaam = models.CharField(_("street"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    huisnummer = models.CharField(_("house number"), max_length=5, blank=True)
    huisnummertoevoeging = models.CharField(_("addition"), max_length=4, blank=True)
    plaatsnaam = models.CharField(_("town"), max_length=200, blank=True)
    telefoon = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True)
    # Kept after retention (anonymous)
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=[MaxValueValidator(9999)]
    )
    # Looked up for unmatched signals of a gemeente only: signal_unmatched_idx (partial; every
    # index costs the intake).
    address_key = models.CharField(_("address key"), max_length=64, blank=True)
    # Routing and checks
    gemeente_code = models.CharField(_("CBS municipality code"), max_length=6, blank=True)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="received_signals",
        verbose_name=_("municipality"),
        db_index=False,  # signal_month_idx leads with it (signal_unmatched_idx too)
    )
    wijk_code = models.CharField(_("CBS wijk code"), max_length=8, blank=True)
    routing = models.CharField(
        _("routing"), max_length=12, choices=RoutingStatus.choices, default=RoutingStatus.ROUTED
    )
    check_flags = models.JSONField(_("legal check remarks"), default=list, blank=True)
    case = models.ForeignKey(
        SignalCase,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signals",
        verbose_name=_("vroegsignaalzaak"),
    )
    feedback = models.CharField(
        _("feedback to the creditor"),
        max_length=15,
        choices=Feedback.choices,
        default=Feedback.PENDING,
        blank=True,
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        verbose_name = _("vroegsignaal")
        verbose_name_plural = _("vroegsignalen")
        ordering = ["-signaaldatum", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["creditor", "external_id"], name="signal_unique_per_creditor"
            ),
        ]
        indexes = [
            # Partial: only what waits for matching or routing is in these two, a few rows
            # where every signal would otherwise add two index entries at intake.
            models.Index(
                fields=["organisation", "address_key"],
                condition=models.Q(case__isnull=True),
                name="signal_unmatched_idx",
            ),
            models.Index(
                fields=["received_at"],
                condition=models.Q(routing=RoutingStatus.UNROUTABLE),
                name="signal_unroutable_idx",
            ),
            models.Index(fields=["organisation", "signaaldatum"], name="signal_month_idx"),
            models.Index(fields=["bsn_hash"], name="signal_bsn_hash_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.creditor_id}:{self.external_id}"

    @property
    def controller(self):
        return self.organisation or self.creditor

    def processing_subjects(self):
        if self.bsn_hash:
            return [("bsn", self.bsn_hash)]
        return [("vroegsignaal", self.uuid)]

    @property
    def name(self) -> str:
        return " ".join(p for p in [self.voorletters, self.voorvoegsel, self.achternaam] if p)

    @property
    def address(self) -> str:
        number = " ".join(p for p in [self.huisnummer, self.huisnummertoevoeging] if p)
        first = " ".join(p for p in [self.straatnaam, number] if p)
        postcode = f"{self.postcode[:4]} {self.postcode[4:]}" if self.postcode else ""
        second = " ".join(p for p in [postcode, self.plaatsnaam] if p)
        return ", ".join(p for p in [first, second] if p)

    def age_on(self, day: datetime.date) -> int | None:
        born = self.geboortedatum
        if born is None:
            return day.year - self.birth_year if self.birth_year else None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @property
    def days_in_arrears(self) -> int | None:
        if self.ontstaansdatum is None:
            return None
        return (self.signaaldatum - self.ontstaansdatum).days


class ContactAttempt(models.Model):
    """A DDAS Contactpoging."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        SignalCase,
        on_delete=models.CASCADE,
        related_name="contact_attempts",
        verbose_name=_("vroegsignaalzaak"),
    )
    soort = models.CharField(_("kind of contact"), max_length=20, choices=Contactsoort.choices)
    bereikt = models.BooleanField(_("reached"))
    datum = models.DateField(_("date"))
    dagdeel = models.CharField(
        _("part of the day"), max_length=10, choices=Dagdeel.choices, blank=True
    )
    note = models.TextField(_("note"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("contact attempt")
        verbose_name_plural = _("contact attempts")
        ordering = ["datum", "id"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum}"


# --- CJIB noodstop ------------------------------------------------------------------------


class Noodstop(models.Model):
    """A CJIB noodstop for a household: collection of fines paused for four months, extended
    by eight months once debt help starts (``services.noodstop_end``)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.CASCADE,
        related_name="noodstops",
        verbose_name=_("household"),
    )
    requested_on = models.DateField(_("requested on"))
    reference = models.CharField(_("CJIB reference"), max_length=50)
    debt_help_started_on = models.DateField(_("debt help started on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"))
    ended_on = models.DateField(_("ended early on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("CJIB noodstop")
        verbose_name_plural = _("CJIB noodstops")
        ordering = ["-requested_on", "-id"]

    def __str__(self) -> str:
        return self.reference

    @property
    def controller(self):
        return self.household.organisation

    def processing_subjects(self):
        return [("huishouden", self.household.uuid)]
