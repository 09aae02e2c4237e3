"""In-app notifications: reminders for the team's follow-up, read on the page *Meldingen*.

A notification carries no personal data beyond a household reference (``HH-1A2B3C4D``) and a
path that holds UUIDs only. ``dedupe_key`` is unique per user: the daily reminder run builds it
from the kind, the object and the day, so running twice on one day creates nothing new.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    PLAN_AWAITING_DECISION = "plan_ter_vaststelling", _("Plan awaiting decision")
    ACTION_OVERDUE = "actie_over_tijd", _("Overdue action")
    NO_CONTACT = "geen_contact", _("No contact")
    LOKET_UITKOMST = "loket_uitkomst", _("Outcome from the Maatwerkloket")


class Notification(models.Model):
    uuid = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("user"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=NotificationKind.choices)
    text = models.CharField(
        _("text"),
        max_length=300,
        help_text=_("No personal data beyond a household reference."),
    )
    url = models.CharField(
        _("link"), max_length=200, blank=True, help_text=_("A path, UUIDs only.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    dedupe_key = models.CharField(_("deduplication key"), max_length=150)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "dedupe_key"], name="notification_dedupe_uniq")
        ]
        indexes = [
            models.Index(fields=["user", "-created_at", "-id"], name="notification_user_list_idx"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_unread_idx",
            ),
            models.Index(
                fields=["created_at"],
                condition=models.Q(emailed_at__isnull=True),
                name="notification_unmailed_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
