"""Households, their members, the grounds on which their data are processed and shared, and
the situation per life domain (ZRM)."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from doorbraak.core.models import EncryptedBsnMixin

from . import zrm

POSTCODE = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Z]{2}$",
    _("A postcode is four digits and two capital letters, for example 3072 AP."),
)
# CBS codes: WK + gemeente (4 digits) + wijk (2 characters; Amsterdam uses letters, WK0363FA).
CBS_WIJK = RegexValidator(
    r"^WK\d{4}[0-9A-Z]{2}$",
    _("A CBS wijk code is WK, the four digits of the gemeente and two characters: WK059910."),
)
CBS_BUURT = RegexValidator(
    r"^BU\d{4}[0-9A-Z]{4}$",
    _("A CBS buurt code is BU, the four digits of the gemeente and four characters: BU05991001."),
)


class HouseholdStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "gesloten", _("Closed")


class Household(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("municipality"),
    )
    team = models.ForeignKey(
        "core.Team",
        on_delete=models.PROTECT,
        related_name="households",
        verbose_name=_("team"),
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_households",
        verbose_name=_("case manager"),
    )
    straat = models.CharField(_("street"), max_length=200, blank=True)
    # BAG: a huisnummer has at most five digits. The explicit bound also keeps the API schema
    # the same on every database (otherwise it takes the backend's integer range).
    huisnummer = models.PositiveIntegerField(
        _("house number"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(99999)],
    )
    toevoeging = models.CharField(_("addition"), max_length=10, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True, validators=[POSTCODE])
    plaats = models.CharField(_("town"), max_length=100, blank=True)
    wijk_code = models.CharField(
        _("CBS wijk code"), max_length=8, blank=True, validators=[CBS_WIJK]
    )
    buurt_code = models.CharField(
        _("CBS buurt code"), max_length=10, blank=True, validators=[CBS_BUURT]
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HouseholdStatus.choices,
        default=HouseholdStatus.OPEN,
    )
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords(verbose_name=_("history of the household"))

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["team", "-updated_at", "-id"], name="household_team_list_idx"),
            models.Index(fields=["organisation", "status"], name="household_org_status_idx"),
            models.Index(fields=["postcode", "huisnummer"], name="household_address_idx"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"HH-{str(self.uuid)[:8].upper()}"

    @property
    def controller(self):
        return self.organisation

    @property
    def address(self) -> str:
        number = f"{self.huisnummer or ''}{self.toevoeging and ' ' + self.toevoeging or ''}"
        first = " ".join(p for p in [self.straat, number] if p)
        second = " ".join(p for p in [self.postcode, self.plaats] if p)
        return ", ".join(p for p in [first, second] if p)

    def processing_subjects(self):
        return [("huishouden", self.uuid)]


class MemberRole(models.TextChoices):
    AANVRAGER = "aanvrager", _("Applicant")
    PARTNER = "partner", _("Partner")
    KIND = "kind", _("Child")
    OVERIG = "overig", _("Other")


class Person(EncryptedBsnMixin, models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("household"),
    )
    role = models.CharField(_("role in the household"), max_length=10, choices=MemberRole.choices)
    voornamen = models.CharField(_("first names"), max_length=200)
    tussenvoegsel = models.CharField(_("prefix"), max_length=20, blank=True)
    achternaam = models.CharField(_("surname"), max_length=200)
    geboortedatum = models.DateField(_("date of birth"), null=True, blank=True)
    telefoon = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    bsn_encrypted = models.TextField(_("BSN (encrypted)"), blank=True, editable=False)
    bsn_hash = models.CharField(
        _("BSN look-up hash"), max_length=64, blank=True, db_index=True, editable=False
    )
    in_jeugdhulp = models.BooleanField(
        _("in youth care"),
        default=False,
        help_text=_("Receives youth care (Jeugdwet); shown on the Big 5 list before turning 18."),
    )
    history = HistoricalRecords(
        verbose_name=_("history of the person"),
        excluded_fields=["bsn_encrypted", "bsn_hash"],
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["household", "role", "geboortedatum"]
        indexes = [
            models.Index(fields=["achternaam", "geboortedatum"], name="person_name_dob_idx"),
            models.Index(fields=["geboortedatum"], name="person_dob_idx"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in [self.voornamen, self.tussenvoegsel, self.achternaam] if p)

    @property
    def controller(self):
        return self.household.organisation

    def processing_subjects(self):
        return [("persoon", self.uuid)]

    @property
    def age(self) -> int | None:
        if not self.geboortedatum:
            return None
        today = timezone.localdate()
        born = self.geboortedatum
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Purpose(models.TextChoices):
    DOORBRAAKAANPAK = "doorbraakaanpak", _("Support under the doorbraakaanpak")
    GEGEVENSDELING = "gegevensdeling", _("Sharing with partners in the plan")
    SCHULDHULP = "schuldhulp", _("Debt help (Wgs)")


class GroundType(models.TextChoices):
    TOESTEMMING = "toestemming", _("Consent (AVG art. 6(1)(a))")
    WETTELIJKE_TAAK = "wettelijke_taak", _("Public task (AVG art. 6(1)(e))")
    WETTELIJKE_PLICHT = "wettelijke_plicht", _("Legal obligation (AVG art. 6(1)(c))")
    VITAAL_BELANG = "vitaal_belang", _("Vital interest (AVG art. 6(1)(d))")


class ProcessingGround(models.Model):
    """Per household and purpose: consent or another legal basis, and who it allows sharing with."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="grounds",
        verbose_name=_("household"),
    )
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    ground = models.CharField(_("legal basis"), max_length=20, choices=GroundType.choices)
    law = models.CharField(
        _("law and article"),
        max_length=200,
        blank=True,
        help_text=_(
            "For a public task or legal obligation: the law and article, e.g. Wmo 2015 art. 2.3.2."
        ),
    )
    given_by = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent given by"),
    )
    given_on = models.DateField(_("date"), default=timezone.localdate)
    share_with = models.ManyToManyField(
        "core.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("may be shared with"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("withdrawal recorded by"),
    )

    class Meta:
        verbose_name = _("legal basis or consent")
        verbose_name_plural = _("legal bases and consents")
        ordering = ["household", "purpose", "-given_on"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()}: {self.get_ground_display()}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None

    @property
    def controller(self):
        return self.household.organisation

    def processing_subjects(self):
        return self.household.processing_subjects()


class HouseholdShare(models.Model):
    """Time-limited access for a named professional of another organisation."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="shares",
        verbose_name=_("household"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="household_shares",
        verbose_name=_("shared with"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation of the recipient"),
    )
    ground = models.ForeignKey(
        ProcessingGround,
        on_delete=models.PROTECT,
        related_name="shares",
        verbose_name=_("legal basis or consent"),
    )
    purpose = models.CharField(_("purpose of sharing"), max_length=300)
    starts_on = models.DateField(_("from"), default=timezone.localdate)
    ends_on = models.DateField(_("until"))
    include_special_categories = models.BooleanField(
        _("including health and justice data"),
        default=False,
        help_text=_("Only where the purpose needs it (AVG art. 9 and 10)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("shared by"),
    )
    revoked_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("share")
        verbose_name_plural = _("shares")
        indexes = [models.Index(fields=["user", "ends_on"], name="share_user_end_idx")]

    def __str__(self) -> str:
        return f"{self.user} ({self.organisation}) tot {self.ends_on:%d-%m-%Y}"

    @property
    def controller(self):
        return self.household.organisation

    def processing_subjects(self):
        return self.household.processing_subjects()


class Transfer(models.Model):
    """Warme overdracht: the household moves to another team, with a note for the new team."""

    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="transfers",
        verbose_name=_("household"),
    )
    from_team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("from team")
    )
    to_team = models.ForeignKey(
        "core.Team", on_delete=models.PROTECT, related_name="+", verbose_name=_("to team")
    )
    note = models.TextField(_("handover note"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.from_team} → {self.to_team}"


class Assessment(models.Model):
    """A ZRM assessment: all domains scored 1–5, for one member or for the household."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        Household,
        on_delete=models.CASCADE,
        related_name="assessments",
        verbose_name=_("household"),
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assessments",
        verbose_name=_("member"),
        help_text=_("Empty: the assessment is for the household."),
    )
    assessed_on = models.DateField(_("date"), default=timezone.localdate)
    version = models.CharField(
        _("ZRM version"),
        max_length=4,
        default=zrm.VERSION_2017,
        choices=[(v, v) for v in zrm.VERSIONS],
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("assessed by"),
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("ZRM assessment")
        verbose_name_plural = _("ZRM assessments")
        ordering = ["household", "-assessed_on", "-id"]

    def __str__(self) -> str:
        return f"ZRM {self.assessed_on:%d-%m-%Y}"

    @property
    def controller(self):
        return self.household.organisation

    def processing_subjects(self):
        if self.person_id:
            return self.person.processing_subjects()
        return self.household.processing_subjects()


class AssessmentScore(models.Model):
    assessment = models.ForeignKey(
        Assessment,
        on_delete=models.CASCADE,
        related_name="scores",
        verbose_name=_("assessment"),
    )
    domain = models.CharField(_("life domain"), max_length=40)
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_per_domain"),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5), name="score_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.score}"

    @property
    def is_special_category(self) -> bool:
        return self.domain in zrm.SPECIAL_CATEGORY_DOMAINS
