"""The Big 5 for young people leaving youth care: a transition plan (overgangsplan) per young
person, with the five domains that have to be arranged before the trajectory ends.

"We laten de jongere pas los als de Big 5 geregeld zijn": the rule that decides whether a plan
may be closed lives in ``rules_big5`` (pure Python, no Django).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from simple_history.models import HistoricalRecords

from . import rules_big5


class Big5Domain(models.TextChoices):
    SUPPORT = rules_big5.SUPPORT, _("Support (a steunfiguur)")
    WONEN = rules_big5.WONEN, pgettext_lazy("big 5 domain", "Housing")
    SCHOOL_WERK = rules_big5.SCHOOL_WERK, _("School and work")
    INKOMEN = rules_big5.INKOMEN, _("Income")
    WELZIJN = rules_big5.WELZIJN, _("Well-being")


class DomainStatus(models.TextChoices):
    GEREGELD = rules_big5.GEREGELD, _("Arranged")
    IN_ONTWIKKELING = rules_big5.IN_ONTWIKKELING, pgettext_lazy("big 5 status", "In progress")
    NIET_GEREGELD = rules_big5.NIET_GEREGELD, _("Not arranged")


class TransitionPlan(models.Model):
    """The overgangsplan of one young person: the Big 5 and the toekomstplan."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    person = models.OneToOneField(
        "households.Person",
        on_delete=models.CASCADE,
        related_name="transition_plan",
        verbose_name=_("young person"),
    )
    toekomstplan = models.TextField(
        _("toekomstplan"),
        blank=True,
        help_text=_("The young person's plan for the future, ready before the 18th birthday."),
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    close_reason = models.TextField(
        _("reason for closing"),
        blank=True,
        help_text=_("Recorded by the team leader when closing while a domain is not arranged."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    history = HistoricalRecords(verbose_name=_("history of the transition plan"))

    class Meta:
        verbose_name = _("transition plan (Big 5)")
        verbose_name_plural = _("transition plans (Big 5)")
        ordering = ["-started_on", "-id"]

    def __str__(self) -> str:
        return f"Big 5 {self.reference}"

    @property
    def reference(self) -> str:
        return f"OP-{str(self.uuid)[:8].upper()}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None

    @property
    def controller(self):
        return self.person.household.organisation

    def processing_subjects(self):
        return self.person.processing_subjects()

    def statuses(self) -> dict[str, str]:
        return {d.domain: d.status for d in self.domains.all()}


class TransitionDomain(models.Model):
    """One of the Big 5 of a plan: its status, a note, who is responsible, and a date."""

    plan = models.ForeignKey(
        TransitionPlan,
        on_delete=models.CASCADE,
        related_name="domains",
        verbose_name=_("transition plan"),
    )
    domain = models.CharField(_("domain"), max_length=20, choices=Big5Domain.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DomainStatus.choices,
        default=DomainStatus.NIET_GEREGELD,
    )
    note = models.TextField(_("note"), blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible: a colleague"),
    )
    responsible_text = models.CharField(
        _("responsible: someone else"),
        max_length=200,
        blank=True,
        help_text=_("For example: the mentor, a housing association or the young person."),
    )
    date = models.DateField(
        _("date"),
        null=True,
        blank=True,
        help_text=_("When it was arranged, or when it should be."),
    )
    history = HistoricalRecords(verbose_name=_("history of the Big 5 domain"))

    class Meta:
        verbose_name = _("Big 5 domain")
        verbose_name_plural = _("Big 5 domains")
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "domain"], name="one_big5_domain_per_plan")
        ]

    def __str__(self) -> str:
        return f"{self.get_domain_display()}: {self.get_status_display()}"

    @property
    def responsible(self) -> str:
        names = [
            str(self.responsible_user) if self.responsible_user_id else "",
            self.responsible_text,
        ]
        return ", ".join(n for n in names if n)

    @property
    def is_arranged(self) -> bool:
        return self.status == DomainStatus.GEREGELD
