"""Knelpunten: where the law leaves no room for the doorbraak a household needs.

A professional records one from the plan; the national escalation route (LET, loket) turns
them into system learning. The description is about the rule, not the person: the form says
so, and the national view shows no household data.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class KnelpuntStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEESCALEERD = "geescaleerd", _("Escalated")
    OPGELOST = "opgelost", _("Resolved")


class Knelpunt(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knelpunten",
        verbose_name=_("plan"),
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="knelpunten",
        verbose_name=_("recorded by organisation"),
    )
    law = models.CharField(_("law or regulation"), max_length=200)
    article = models.CharField(_("article"), max_length=60, blank=True)
    provision = models.ForeignKey(
        "legal.Provision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("provision that falls short"),
    )
    blocking_organisation = models.CharField(
        _("organisation that applies the rule"), max_length=200
    )
    what_blocks = models.TextField(
        _("what blocks"),
        help_text=_(
            "Describe the rule and its effect, not the person: no names, BSN or health details."
        ),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=KnelpuntStatus.choices, default=KnelpuntStatus.OPEN
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["status", "law"], name="knelpunt_status_law_idx")]

    def __str__(self) -> str:
        return f"{self.law} {self.article}".strip()
