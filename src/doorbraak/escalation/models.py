"""The national escalation route (domain.md §4) and knelpunten.

local → regional → Maatwerkregister → **Landelijk Maatwerkloket** (``LoketCase``: entry test,
minimal dataset, triage) → **LET** (``LetSession``, ``LetDecision``) or the
**overbruggingsprocedure** (``Overbrugging``: support starts now, who pays is settled later).

Knelpunten: where the law leaves no room for the doorbraak a household needs. A professional
records one from the plan, the loket from a case; the national view turns them into system
learning. The description is about the rule, not the person: the forms say so, and the national
view shows no household data.

The loket and the LET never see the household file: a case carries a pseudonymous minimal
dataset (household reference, gemeente, life domains, laws and organisations involved).
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class KnelpuntStatus(models.TextChoices):
    OPEN = "open", _("Open")
    GEESCALEERD = "geescaleerd", _("Escalated")
    OPGELOST = "opgelost", _("Resolved")


class KnelpuntKind(models.TextChoices):
    WETTEKST = "wettekst", _("Text of the law")
    UITVOERINGSBELEID = "uitvoeringsbeleid", _("Implementation policy")
    ICT = "ict", _("ICT or system")
    SAMENWERKING = "samenwerking", _("Cooperation between organisations")
    FINANCIERING = "financiering", _("Funding")


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
    loket_case = models.ForeignKey(
        "LoketCase",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="knelpunten",
        verbose_name=_("loket case"),
        help_text=_("Set when the Maatwerkloket recorded the knelpunt from a case."),
    )
    kind = models.CharField(
        _("kind of obstacle"),
        max_length=20,
        choices=KnelpuntKind.choices,
        blank=True,
        help_text=_("Empty until someone classifies it."),
    )

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["status", "law"], name="knelpunt_status_law_idx")]

    def __str__(self) -> str:
        return f"{self.law} {self.article}".strip()


# --- Service levels ----------------------------------------------------------------------------


class Milestone(models.TextChoices):
    EERSTE_REACTIE = "eerste_reactie", _("First response")
    BESLUIT = "besluit", _("Routing decision")


#: Used when the table has no row for a milestone (the data migration seeds these).
DEFAULT_WORKING_DAYS = {Milestone.EERSTE_REACTIE: 5, Milestone.BESLUIT: 20}


class ServiceLevel(models.Model):
    """How many working days the loket takes for a milestone; changed by a functioneel beheerder.

    A case records the due dates computed at submission, so a change applies to new cases.
    """

    milestone = models.CharField(
        _("milestone"), max_length=20, choices=Milestone.choices, unique=True
    )
    working_days = models.PositiveSmallIntegerField(
        _("working days"),
        help_text=_("Counted from the day of submission; Saturdays and Sundays do not count."),
    )
    description = models.CharField(_("description"), max_length=300, blank=True)
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
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        ordering = ["milestone"]

    def __str__(self) -> str:
        return f"{self.get_milestone_display()}: {self.working_days}"


# --- Landelijk Maatwerkloket -------------------------------------------------------------------


class LoketStatus(models.TextChoices):
    INGEDIEND = "ingediend", _("Submitted")
    IN_BEHANDELING = "in_behandeling", pgettext_lazy("loket status", "In progress")
    ADVIES_GEGEVEN = "advies_gegeven", _("Advice given")
    BIJ_LET = "bij_let", _("With the LET")
    OVERBRUGGING = "overbrugging", _("Overbruggingsprocedure")
    BELEIDSVRAAG = "beleidsvraag", _("Policy question to a ministry")
    AFGEROND = "afgerond", _("Closed")


class LoketCase(models.Model):
    """A request to the Landelijk Maatwerkloket, made from a maatwerkplan."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        "plans.Plan",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="loket_cases",
        verbose_name=_("plan"),
        help_text=_("Never shown to the loket: it reaches the household file."),
    )
    team = models.ForeignKey(
        "core.Team",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("submitting team"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    # The minimal dataset: pseudonymous.
    household_reference = models.CharField(_("household reference"), max_length=20)
    household_uuid = models.UUIDField(
        _("household"),
        null=True,
        blank=True,
        help_text=_("For the processing log only (pseudonymised there); never shown."),
    )
    gemeente = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="loket_cases",
        verbose_name=_("gemeente"),
    )
    life_domains = models.JSONField(_("life domains involved"), default=list, blank=True)
    laws = models.TextField(
        _("laws and regulations involved"),
        help_text=_("For example: Participatiewet art. 58; Zvw art. 18c."),
    )
    organisations = models.ManyToManyField(
        "core.Organisation",
        related_name="+",
        blank=True,
        verbose_name=_("organisations involved"),
    )
    other_organisations = models.CharField(
        _("other organisations involved"), max_length=300, blank=True
    )
    identifying_details = models.TextField(
        _("identifying details"),
        blank=True,
        help_text=_("Names or BSN: only when the legal basis below allows passing them on."),
    )
    identifying_legal_basis = models.TextField(
        _("legal basis for identifying details"),
        blank=True,
        help_text=_("The law and article (or the consent) that allows passing them on."),
    )
    # The entry test: everything reasonable was tried locally and regionally (domain.md §4).
    tried_locally = models.TextField(_("what was tried locally"))
    tried_regionally = models.TextField(_("what was tried regionally"))
    who_involved = models.TextField(_("who was involved"))
    why_failed = models.TextField(_("why it did not work"))
    question = models.TextField(_("the question to the loket"))
    # Triage.
    status = models.CharField(
        _("status"), max_length=20, choices=LoketStatus.choices, default=LoketStatus.INGEDIEND
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    routed_to = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("policy question sent to"),
    )
    advice = models.TextField(_("advice to the professional"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    first_response_due = models.DateField(_("first response due"))
    decision_due = models.DateField(_("routing decision due"))
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("routing decided at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("loket case")
        verbose_name_plural = _("loket cases")
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-submitted_at"], name="loketcase_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.household_reference} {self.submitted_at:%Y-%m-%d}"

    @property
    def controller(self):
        return self.gemeente

    def processing_subjects(self):
        if self.household_uuid:
            return [("huishouden", self.household_uuid)]
        return [("loketcasus", self.uuid)]

    def first_response_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.first_response_at is None and today > self.first_response_due

    def decision_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.decided_at is None and today > self.decision_due

    @property
    def is_overdue(self) -> bool:
        return self.first_response_overdue() or self.decision_overdue()


class EventKind(models.TextChoices):
    STATUS = "status", _("Status change")
    NOTE = "notitie", _("Note")
    ATTACHMENT = "bijlage", _("Attachment")
    LET = "let", _("LET")
    OVERBRUGGING = "overbrugging", _("Overbrugging")
    KNELPUNT = "knelpunt", _("Knelpunt")


class LoketEvent(models.Model):
    """One line of a case's timeline: who did what, when."""

    case = models.ForeignKey(
        LoketCase, on_delete=models.CASCADE, related_name="events", verbose_name=_("case")
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    by_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=LoketStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=LoketStatus.choices, blank=True
    )
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind}"


MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024


class LoketAttachment(models.Model):
    """A document with the case. Kept in the database: the platform has no media storage."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    case = models.ForeignKey(
        LoketCase, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    data = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


# --- LET (landelijk escalatieteam) ----------------------------------------------------------


class LetSession(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    held_on = models.DateField(_("date"))
    participants = models.ManyToManyField(
        "core.Organisation",
        related_name="+",
        blank=True,
        verbose_name=_("participating organisations"),
    )
    representatives = models.TextField(
        _("representatives"),
        blank=True,
        help_text=_("Name and organisation of each representative, one per line."),
    )
    notes = models.TextField(_("notes"), blank=True)
    cases = models.ManyToManyField(
        LoketCase, related_name="let_sessions", blank=True, verbose_name=_("agenda")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("LET session")
        verbose_name_plural = _("LET sessions")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"LET {self.held_on:%d-%m-%Y}"


class DecisionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AFGEROND = "afgerond", _("Done")


class LetDecision(models.Model):
    """What the LET decided on a case, who carries it out and by when; followed until done."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    session = models.ForeignKey(
        LetSession, on_delete=models.PROTECT, related_name="decisions", verbose_name=_("session")
    )
    case = models.ForeignKey(
        LoketCase, on_delete=models.PROTECT, related_name="let_decisions", verbose_name=_("case")
    )
    what = models.TextField(_("decision"))
    responsible_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="let_decisions",
        verbose_name=_("responsible organisation"),
    )
    deadline = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("how it was done"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("LET decision")
        verbose_name_plural = _("LET decisions")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(
                fields=["responsible_organisation", "status", "deadline"],
                name="letdecision_org_idx",
            )
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def controller(self):
        return self.case.gemeente

    def processing_subjects(self):
        return self.case.processing_subjects()

    def is_overdue_on(self, today) -> bool:
        return self.status == DecisionStatus.OPEN and today > self.deadline

    @property
    def is_overdue(self) -> bool:
        return self.is_overdue_on(timezone.localdate())


# --- Overbruggingsprocedure --------------------------------------------------------------------


class Regime(models.TextChoices):
    WMO = "wmo", "Wmo 2015"
    WLZ = "wlz", "Wlz"
    ZVW = "zvw", "Zvw"
    JEUGDWET = "jeugdwet", "Jeugdwet"
    OVERGANG_18 = "18-18plus", _("18-/18+ transition")
    PARTICIPATIEWET = "participatiewet", "Participatiewet"


class Overbrugging(models.Model):
    """Support starts now; which regime pays is settled afterwards (domain.md §4)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    loket_case = models.ForeignKey(
        LoketCase,
        on_delete=models.PROTECT,
        related_name="overbruggingen",
        verbose_name=_("loket case"),
    )
    support = models.TextField(_("support that starts now"))
    voorfinancier = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="overbruggingen_voorgefinancierd",
        verbose_name=_("voorfinancier"),
        help_text=_("The organisation that pays until it is settled who pays."),
    )
    starts_on = models.DateField(_("starts on"))
    regimes = models.JSONField(
        _("regimes in dispute"),
        default=list,
        help_text=_("The regimes that dispute who pays, e.g. Wmo and Wlz."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The settlement.
    final_payer = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overbruggingen_betaald",
        verbose_name=_("final payer"),
    )
    amount = models.DecimalField(
        _("amount settled (euro)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    settlement_note = models.TextField(_("settlement note"), blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )

    class Meta:
        verbose_name = _("overbrugging")
        verbose_name_plural = _("overbruggingen")
        ordering = ["starts_on", "id"]
        indexes = [models.Index(fields=["settled_on", "starts_on"], name="overbrugging_open_idx")]

    def __str__(self) -> str:
        return f"{self.loket_case.household_reference} {self.starts_on:%d-%m-%Y}"

    @property
    def controller(self):
        return self.loket_case.gemeente

    def processing_subjects(self):
        return self.loket_case.processing_subjects()

    @property
    def is_settled(self) -> bool:
        return self.settled_on is not None

    def age_on(self, today) -> int:
        """Days since the support started, up to the settlement (or today while open)."""
        end = self.settled_on or today
        return max((end - self.starts_on).days, 0)

    def regime_labels(self) -> list[str]:
        labels = dict(Regime.choices)
        return [str(labels.get(r, r)) for r in self.regimes]
