"""``doorbraak send_reminders``: queue the daily reminders (cron or a scheduler calls it once a
day; the ``db_worker`` runs the task)."""

from django.core.management.base import BaseCommand

from doorbraak.followup.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders: plans awaiting a decision, overdue actions and households "
        "without contact, with one e-mail digest per user. Run once a day."
    )

    def handle(self, *args, **options):
        result = send_reminders.enqueue()
        self.stdout.write(f"send_reminders queued: {result.id}")
