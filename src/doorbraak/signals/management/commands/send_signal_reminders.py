"""``doorbraak send_signal_reminders``: queue the daily vroegsignalering reminders (cron or a
scheduler calls it once a day, before ``send_reminders`` sends the e-mail digests)."""

from django.core.management.base import BaseCommand

from doorbraak.signals.tasks_work import send_signal_reminders


class Command(BaseCommand):
    help = (
        "Queue the vroegsignalering reminders: first contact attempts due or overdue and CJIB "
        "noodstops ending within 14 days. Run once a day."
    )

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="Run at once instead of queueing.")

    def handle(self, *args, **options):
        if options["now"]:
            result = send_signal_reminders.call()
            self.stdout.write(f"send_signal_reminders: {result}")
            return
        result = send_signal_reminders.enqueue()
        self.stdout.write(f"send_signal_reminders queued: {result.id}")
