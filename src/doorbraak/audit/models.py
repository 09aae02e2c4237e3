"""The register of processing activities and the processing log (verwerkingenlog).

The log follows the Logius standard *Logboek Dataverwerkingen*: one record per data subject
per action, with trace and span ids, the processing activity it belongs to, and a
pseudonymised subject id. Records are append-only: the ORM refuses to change or delete them
and, on PostgreSQL, so does a database trigger (see migration 0002).
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class ProcessingActivity(models.Model):
    """One entry of the register of processing activities (AVG art. 30)."""

    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    code = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        help_text=_(
            "Stable identifier that the platform's code refers to, e.g. verwerkingenlog-inzien."
        ),
    )
    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"), help_text=_("Why the data are processed."))
    legal_basis = models.TextField(
        _("legal basis"),
        help_text=_(
            "AVG art. 6 (and art. 9/10 where applicable) ground, with the law and article."
        ),
    )
    data_subjects = models.CharField(
        _("categories of data subjects"),
        max_length=300,
        help_text=_("Whose data, e.g. residents, employees."),
    )
    data_categories = models.TextField(_("categories of personal data"))
    special_categories = models.TextField(
        _("special categories"),
        blank=True,
        help_text=_(
            "Health, criminal-offence data or BSN, and why they are needed. Empty if none."
        ),
    )
    recipients = models.TextField(_("recipients"), blank=True)
    retention = models.CharField(
        _("retention period"),
        max_length=300,
        help_text=_("How long the data are kept, and the source of that period."),
    )
    retention_days = models.PositiveIntegerField(
        _("retention in days"),
        null=True,
        blank=True,
        help_text=_(
            "The same period in days, for automatic deletion. Empty: no automatic deletion."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords(verbose_name=_("history of the processing activity"))

    class Meta:
        verbose_name = _("processing activity")
        verbose_name_plural = _("processing activities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Action(models.TextChoices):
    READ = "read", _("Read")
    SEARCH = "search", _("Search")
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    EXPORT = "export", _("Export")
    SHARE = "share", _("Share")


class Status(models.TextChoices):
    OK = "ok", _("Carried out")
    REFUSED = "refused", _("Refused")
    ERROR = "error", _("Failed")


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a processing-log record."""


class ProcessingLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("The processing log is append-only.")

    def delete(self):
        raise AppendOnlyError("The processing log is append-only.")

    _raw_delete = delete


class ProcessingLogEntry(models.Model):
    """One record of the processing log.

    Its references to the activity and the organisations are not checked by the database
    (``db_constraint=False``): the platform sets them itself, never from input, and a bulk
    intake writes a record per signal, where the three checks cost about half the time of
    writing a record (bench/RESULTS.md, vroegsignalering). Deleting an activity or an
    organisation that records name is still refused (``PROTECT``, Django's deletion
    collector; tested), and the log is append-only.
    """

    id = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("time"), default=timezone.now)
    trace_id = models.CharField(_("trace id"), max_length=32)
    span_id = models.CharField(_("span id"), max_length=16)
    parent_span_id = models.CharField(_("parent span id"), max_length=16, blank=True)
    activity = models.ForeignKey(
        ProcessingActivity,
        on_delete=models.PROTECT,
        related_name="log_entries",
        verbose_name=_("processing activity"),
        db_index=False,  # log_activity_idx leads with it
        db_constraint=False,  # see the class docstring
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OK)
    # Purpose and legal basis as they stood in the register at the moment of processing.
    purpose = models.TextField(_("purpose"))
    legal_basis = models.TextField(_("legal basis"))
    actor_user_uuid = models.UUIDField(_("user"), null=True, blank=True)
    actor_label = models.CharField(_("who"), max_length=200)
    actor_organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # log_actor_org_idx leads with it
        db_constraint=False,
        verbose_name=_("organisation of the actor"),
    )
    actor_role = models.CharField(_("role"), max_length=30, blank=True)
    api_client_uuid = models.UUIDField(_("API client"), null=True, blank=True)
    controller = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,  # log_controller_idx leads with it
        db_constraint=False,
        verbose_name=_("controller"),
        help_text=_("The organisation responsible for the data (verwerkingsverantwoordelijke)."),
    )
    subject_type = models.CharField(_("type of data subject"), max_length=40, blank=True)
    subject_pseudonym = models.CharField(_("data subject (pseudonym)"), max_length=64, blank=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_uuid = models.UUIDField(_("object"), null=True, blank=True)
    detail = models.CharField(
        _("detail"),
        max_length=300,
        blank=True,
        help_text=_("What was processed, without personal data (e.g. the fields changed)."),
    )

    objects = ProcessingLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("processing log entry")
        verbose_name_plural = _("processing log")
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["-occurred_at", "-id"], name="log_time_idx"),
            models.Index(fields=["subject_pseudonym", "-occurred_at"], name="log_subject_idx"),
            # Bulk processing by an API client or a task has no user, and a record per data
            # subject no object: those two indexes skip the rows without (cheaper bulk writes).
            models.Index(
                fields=["actor_user_uuid", "-occurred_at"],
                name="log_user_idx",
                condition=models.Q(actor_user_uuid__isnull=False),
            ),
            models.Index(fields=["actor_organisation", "-occurred_at"], name="log_actor_org_idx"),
            models.Index(fields=["controller", "-occurred_at"], name="log_controller_idx"),
            models.Index(fields=["activity", "-occurred_at"], name="log_activity_idx"),
            models.Index(
                fields=["object_uuid"],
                name="log_object_idx",
                condition=models.Q(object_uuid__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.activity_id}"
        )

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("The processing log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("The processing log is append-only.")
