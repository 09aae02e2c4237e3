"""The catalogue of provisions that give room for maatwerk, and a plan's juridische paragraaf."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    RUIMTE = "ruimte", _("Room for maatwerk")
    GRENS = "grens", _("Limit")


class Verification(models.TextChoices):
    GEVERIFIEERD = "geverifieerd", _("Checked")
    GEDEELTELIJK = "gedeeltelijk", _("Partly checked")
    NIET = "niet geverifieerd", _("Not checked")


class ProvisionCatalogue(models.Model):
    version = models.CharField(_("version"), max_length=20, unique=True)
    title = models.CharField(_("title"), max_length=200)
    checked_on = models.DateField(_("checked on"))
    notes = models.TextField(_("notes"), blank=True)
    is_current = models.BooleanField(_("current"), default=False)
    loaded_at = models.DateTimeField(_("loaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("catalogue of legal provisions")
        verbose_name_plural = _("catalogues of legal provisions")
        ordering = ["-checked_on", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_provision_catalogue",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.version}"


class Provision(models.Model):
    catalogue = models.ForeignKey(
        ProvisionCatalogue,
        on_delete=models.PROTECT,
        related_name="provisions",
        verbose_name=_("catalogue"),
    )
    code = models.SlugField(_("code"), max_length=40)
    law = models.CharField(_("law"), max_length=200)
    law_short = models.CharField(_("abbreviation"), max_length=30, blank=True)
    bwb_id = models.CharField(_("BWB id"), max_length=12)
    article = models.CharField(_("article"), max_length=20)
    paragraph = models.CharField(_("paragraph (lid)"), max_length=5, blank=True)
    citation = models.CharField(_("citation"), max_length=300)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    who_applies = models.CharField(_("who applies it"), max_length=300)
    applier = models.CharField(_("applier"), max_length=30)
    typical_use = models.TextField(_("typical use"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    domains = models.JSONField(_("life domains"), default=list)
    verification = models.CharField(_("checked"), max_length=20, choices=Verification.choices)
    verification_note = models.CharField(_("what to check"), max_length=400, blank=True)
    url = models.URLField(_("link to wetten.overheid.nl"), max_length=300)

    class Meta:
        verbose_name = _("legal provision")
        verbose_name_plural = _("legal provisions")
        ordering = ["catalogue", "law", "id"]
        constraints = [models.UniqueConstraint(fields=["catalogue", "code"], name="provision_code")]

    def __str__(self) -> str:
        return self.citation


class Decision(models.TextChoices):
    OPEN = "open", _("Not yet decided")
    TOEGEPAST = "toegepast", _("Applied")
    AFGEWEZEN = "afgewezen", _("Refused")


class PlanProvision(models.Model):
    """A provision attached to a plan's doorbraak, with the argument and the decision on it."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.CASCADE,
        related_name="provisions",
        verbose_name=_("plan"),
    )
    provision = models.ForeignKey(
        Provision, on_delete=models.PROTECT, related_name="+", verbose_name=_("provision")
    )
    argument = models.TextField(
        _("argument"),
        help_text=_("Why this provision gives room in this household's situation."),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    added_at = models.DateTimeField(_("added at"), default=timezone.now)
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.OPEN
    )
    decided_by = models.CharField(
        _("decided by"),
        max_length=200,
        blank=True,
        help_text=_("Name and function of the official who decided."),
    )
    decided_for = models.CharField(
        _("on behalf of"),
        max_length=200,
        blank=True,
        help_text=_("The body with the power, e.g. college van B&W Rotterdam, UWV."),
    )
    mandate = models.CharField(
        _("mandate"),
        max_length=300,
        blank=True,
        help_text=_("The mandate or delegation decision the official decided under."),
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decision recorded by"),
    )

    class Meta:
        verbose_name = _("provision in the plan")
        verbose_name_plural = _("provisions in the plan")
        ordering = ["plan", "added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "provision"], name="plan_provision_once")
        ]

    def __str__(self) -> str:
        return str(self.provision)
