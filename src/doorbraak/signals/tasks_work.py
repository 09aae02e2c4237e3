"""Background task of the vroegsignalering work: the daily reminders
(``doorbraak send_signal_reminders``)."""

import datetime

from django.utils import timezone

from django_tasks import task

from . import reminders_work


@task()
def send_signal_reminders(today: str | None = None) -> dict:
    """Notifications for deadlines of first contact attempts and for CJIB noodstops ending
    within 14 days. Idempotent: running twice on one day creates nothing new. The e-mail digest
    of the follow-up (``send_reminders``) sends them on."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    created = reminders_work.create_signal_reminders(day)
    return {"day": day.isoformat(), "notifications": created}
