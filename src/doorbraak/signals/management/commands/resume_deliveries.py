"""``manage.py resume_deliveries``: finish deliveries whose processing stopped half-way.

Each is resumed after its last committed chunk; nothing is stored twice. Safe to run from cron.
"""

from django.core.management.base import BaseCommand

from doorbraak.signals import intake


class Command(BaseCommand):
    help = "Resume the processing of signal deliveries that did not finish."

    def handle(self, *args, **options):
        count = 0
        for delivery_id in intake.resumable().values_list("pk", flat=True):
            intake.process_delivery(delivery_id)
            count += 1
        self.stdout.write(f"resumed {count} deliveries")
