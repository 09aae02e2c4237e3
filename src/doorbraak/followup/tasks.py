"""Background task of the follow-up: the daily reminders (``doorbraak send_reminders``)."""

import datetime

from django.utils import timezone

from django_tasks import task

from . import services


@task()
def send_reminders(today: str | None = None) -> dict:
    """Create the day's reminders for every team and send one e-mail digest per user.

    ``today`` (ISO date) is for tests and catching up; by default the current local date.
    Running twice on one day creates no duplicates and sends no second digest.
    """
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    created = services.create_reminders(day)
    emails = services.send_digests()
    return {"day": day.isoformat(), "notifications": created, "emails": emails}
