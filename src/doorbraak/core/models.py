"""Organisations, teams, people and the roles they hold, and the API clients of organisations."""

import hashlib
import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from . import bsn as bsn_rules
from .crypto import decrypt, encrypt, keyed_hash
from .roles import Role
from .validators import validate_accent_colour, validate_cbs_gemeente_code

DEFAULT_ACCENT = "#154273"


class EncryptedBsnMixin:
    """BSN on a model with ``bsn_encrypted`` and ``bsn_hash`` fields: validated, encrypted at
    rest, found again through a keyed hash (the same for every model), never in a URL."""

    @staticmethod
    def bsn_lookup_hash(value: str) -> str:
        return keyed_hash("bsn", bsn_rules.normalise(value).zfill(9))

    def set_bsn(self, value: str) -> None:
        if not value:
            self.bsn_encrypted, self.bsn_hash = "", ""
            return
        if not bsn_rules.is_valid(value):
            raise ValueError("invalid BSN")
        self.set_valid_bsn(bsn_rules.normalise(value).zfill(9))

    def set_valid_bsn(self, digits: str) -> None:
        """``digits``: nine digits already validated and normalised (a bulk intake)."""
        self.bsn_encrypted = encrypt(digits) if digits else ""
        self.bsn_hash = keyed_hash("bsn", digits) if digits else ""

    @property
    def bsn(self) -> str:
        return decrypt(self.bsn_encrypted) if self.bsn_encrypted else ""

    @property
    def bsn_masked(self) -> str:
        return bsn_rules.masked(self.bsn) if self.bsn_encrypted else ""


class OrganisationType(models.TextChoices):
    GEMEENTE = "gemeente", _("Municipality")
    UITVOERINGSORGANISATIE = "uitvoeringsorganisatie", _("Implementing agency")
    RIJK = "rijk", _("Ministry or national loket")
    CREDITEUR = "crediteur", _("Creditor")
    KENNISINSTELLING = "kennisinstelling", _("Knowledge institution")


class CreditorKind(models.TextChoices):
    WONINGCORPORATIE = "woningcorporatie", _("Housing association")
    VERHUURDER = "verhuurder", _("Other landlord")
    ENERGIE = "energie", _("Energy supplier")
    DRINKWATER = "drinkwater", _("Drinking-water company")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Health insurer")


class Organisation(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(
        _("short name"),
        max_length=40,
        blank=True,
        help_text=_("Abbreviation as people use it, for example UWV or CJIB."),
    )
    type = models.CharField(_("type"), max_length=30, choices=OrganisationType.choices)
    cbs_code = models.CharField(
        _("CBS municipality code"),
        max_length=6,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_cbs_gemeente_code],
        help_text=_("Only for municipalities: GM followed by four digits."),
    )
    residents = models.PositiveIntegerField(
        _("residents"),
        null=True,
        blank=True,
        help_text=_("Residents on 1 January of the CBS reference year (municipalities)."),
    )
    creditor_kind = models.CharField(
        _("kind of creditor"),
        max_length=30,
        choices=CreditorKind.choices,
        blank=True,
    )
    accent_colour = models.CharField(
        _("accent colour"),
        max_length=7,
        default=DEFAULT_ACCENT,
        validators=[validate_accent_colour],
        help_text=_(
            "Colour of the header for members of this organisation; white text must stay readable."
        ),
    )
    active = models.BooleanField(
        _("active"),
        default=False,
        help_text=_("Whether the organisation works on the platform (has users)."),
    )
    manages_platform = models.BooleanField(
        _("manages the platform"),
        default=False,
        help_text=_(
            "Its functional administrators maintain platform-wide reference data such as the "
            "register of processing activities."
        ),
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(type="gemeente", cbs_code__isnull=False)
                | ~models.Q(type="gemeente"),
                name="gemeente_has_cbs_code",
            ),
        ]
        indexes = [models.Index(fields=["type", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_gemeente(self) -> bool:
        return self.type == OrganisationType.GEMEENTE


class Team(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="teams",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"], name="team_name_unique_per_org"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class User(AbstractUser):
    """A person who logs in. What they may do depends on their memberships."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    session_generation = models.PositiveIntegerField(
        _("session generation"),
        default=0,
        help_text=_("Raised by 'log out everywhere': every existing session becomes invalid."),
    )

    objects = UserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def get_session_auth_hash(self) -> str:
        # Django logs out every session whose stored hash differs. Mixing in the generation
        # makes "log out everywhere" a single counter increment.
        return salted_hmac(
            "doorbraak.core.User.get_session_auth_hash",
            f"{self.password}:{self.session_generation}",
            algorithm="sha256",
        ).hexdigest()

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in one organisation (and optionally one team)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "team", "role"],
                name="membership_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.organisation}"


TOKEN_PREFIX_LENGTH = 8


def _hash_secret(secret: str) -> str:
    # The secret is 256 random bits: a plain SHA-256 cannot be brute-forced.
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiClientQuerySet(models.QuerySet):
    def active(self) -> "ApiClientQuerySet":
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    """A system of an organisation that calls the API with a token (e.g. a creditor's system)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    token_prefix = models.CharField(_("token prefix"), max_length=TOKEN_PREFIX_LENGTH, unique=True)
    token_hash = models.CharField(_("token hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"

    @classmethod
    def new_token(cls) -> tuple[str, str, str]:
        """Return (token shown once, prefix, hash stored)."""
        prefix = secrets.token_hex(TOKEN_PREFIX_LENGTH // 2)
        secret = secrets.token_urlsafe(32)
        return f"{prefix}.{secret}", prefix, _hash_secret(secret)

    def matches(self, secret: str) -> bool:
        return secrets.compare_digest(self.token_hash, _hash_secret(secret))

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
