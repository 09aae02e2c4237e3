"""The maatwerkplan: the doorbraak, goals, actions with owners, the decision, evaluations."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from simple_history.models import HistoricalRecords

from . import workflow


class PlanStatus(models.TextChoices):
    CONCEPT = workflow.CONCEPT, _("Draft")
    TER_VASTSTELLING = workflow.TER_VASTSTELLING, _("Awaiting decision")
    VASTGESTELD = workflow.VASTGESTELD, _("Decided")
    IN_UITVOERING = workflow.IN_UITVOERING, _("In progress")
    GEEVALUEERD = workflow.GEEVALUEERD, _("Evaluated")
    AFGESLOTEN = workflow.AFGESLOTEN, _("Closed")


class Plan(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        "households.Household",
        on_delete=models.CASCADE,
        related_name="plans",
        verbose_name=_("household"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.CONCEPT,
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        help_text=_("Raised with every change; a save based on an older version is refused."),
    )
    # The doorbraak (domain.md §2): the one obstacle that blocks solving the rest.
    blocking_domains = models.JSONField(_("blocked life domains"), default=list, blank=True)
    blocking_problem = models.TextField(
        _("the blocking problem"),
        blank=True,
        help_text=_("What stands in the way of solving the other problems."),
    )
    blocking_party = models.CharField(
        _("organisation or rule that blocks"),
        max_length=300,
        blank=True,
    )
    breakthrough = models.TextField(
        _("the proposed doorbraak"),
        blank=True,
        help_text=_("What has to happen, and who can do it."),
    )
    why_it_unlocks = models.TextField(
        _("why this unlocks the rest"),
        blank=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_role = models.CharField(_("decided in the role of"), max_length=30, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    history = HistoricalRecords(verbose_name=_("history of the plan"))

    class Meta:
        verbose_name = _("maatwerkplan")
        verbose_name_plural = _("maatwerkplannen")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "household"], name="plan_status_idx")]

    def __str__(self) -> str:
        return f"Maatwerkplan {self.household.reference}"

    @property
    def controller(self):
        return self.household.organisation

    @property
    def is_editable(self) -> bool:
        return self.status in workflow.EDITABLE

    def processing_subjects(self):
        return self.household.processing_subjects()


class Goal(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("plan")
    )
    domain = models.CharField(_("life domain"), max_length=40, blank=True)
    description = models.TextField(_("goal"))
    history = HistoricalRecords(verbose_name=_("history of the goal"))

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["plan", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("To do")
    BEZIG = "bezig", pgettext_lazy("action status", "In progress")
    GEREED = "gereed", _("Done")
    VERVALLEN = "vervallen", _("Cancelled")


class Action(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="actions", verbose_name=_("plan")
    )
    goal = models.ForeignKey(
        Goal,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("goal"),
    )
    what = models.CharField(_("what"), max_length=300)
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("owner (person)"),
    )
    owner_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner (organisation)"),
    )
    owner_text = models.CharField(
        _("owner (other)"),
        max_length=200,
        blank=True,
        help_text=_("For example: the resident, or a volunteer."),
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    history = HistoricalRecords(verbose_name=_("history of the action"))

    class Meta:
        verbose_name = pgettext_lazy("plan action", "action")
        verbose_name_plural = _("actions")
        ordering = ["plan", "due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"], name="action_due_idx")]

    def __str__(self) -> str:
        return self.what

    @property
    def owner(self) -> str:
        if self.owner_user_id:
            return str(self.owner_user)
        if self.owner_organisation_id:
            return str(self.owner_organisation)
        return self.owner_text

    @property
    def is_overdue(self) -> bool:
        return self.status in (ActionStatus.OPEN, ActionStatus.BEZIG) and (
            self.due_on < timezone.localdate()
        )


class Evaluation(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="evaluations", verbose_name=_("plan")
    )
    planned_on = models.DateField(_("planned on"))
    held_on = models.DateField(_("held on"), null=True, blank=True)
    assessment = models.ForeignKey(
        "households.Assessment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("new ZRM"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("evaluation")
        verbose_name_plural = _("evaluations")
        ordering = ["plan", "planned_on"]

    def __str__(self) -> str:
        return f"Evaluatie {self.planned_on:%d-%m-%Y}"


class Transition(models.Model):
    """Every status change of a plan: who, in which role, when, from and to."""

    plan = models.ForeignKey(
        Plan, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("plan")
    )
    source = models.CharField(_("from"), max_length=20, choices=PlanStatus.choices)
    target = models.CharField(_("to"), max_length=20, choices=PlanStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    role = models.CharField(_("role"), max_length=30)
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["plan", "at", "id"]

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"
