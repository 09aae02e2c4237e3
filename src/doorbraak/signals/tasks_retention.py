"""Background task of retention (``doorbraak purge_signals``); the ``db_worker`` runs it.

It lives beside ``tasks.py`` (the work queue's tasks) so the parts of the app stay separate.
"""

import datetime

from django.utils import timezone

from django_tasks import task

from . import retention


@task()
def purge_signals(now: str | None = None) -> dict:
    """Remove the personal data of signals that led to no help and whose period has passed.

    ``now`` (ISO date-time) is for tests and catching up; by default the current time.
    Running it twice changes nothing the second time.
    """
    moment = datetime.datetime.fromisoformat(now) if now else timezone.now()
    result = retention.purge(moment)
    return {
        "now": moment.isoformat(),
        "signals": result.signals,
        "cases": result.cases,
        "rejected_rows": result.rejected_rows,
        "payloads": result.payloads,
    }
