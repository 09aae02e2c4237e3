"""``doorbraak purge_signals``: queue the retention of vroegsignalering (cron or a scheduler
calls it once a day; the ``db_worker`` runs the task)."""

from django.core.management.base import BaseCommand

from doorbraak.signals.tasks_retention import purge_signals


class Command(BaseCommand):
    help = (
        "Queue the retention of vroegsignalering: remove the personal data of signals that led "
        "to no help once the gemeente's period has passed. Run once a day."
    )

    def handle(self, *args, **options):
        result = purge_signals.enqueue()
        self.stdout.write(f"purge_signals queued: {result.id}")
