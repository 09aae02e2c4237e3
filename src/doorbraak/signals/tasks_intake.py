"""Background task of intake: process a stored delivery (the ``db_worker`` runs it).

It lives in its own module beside the other parts' tasks so the parts of the app stay separate.
Running it again for the same delivery resumes after the last committed chunk, and does nothing
once the delivery is processed.
"""

from django_tasks import task

from . import intake


@task()
def process_delivery(delivery_id: int) -> dict:
    delivery = intake.process_delivery(delivery_id)
    return {
        "delivery": str(delivery.uuid),
        "status": delivery.status,
        "accepted": delivery.rows_accepted,
        "rejected": delivery.rows_rejected,
        "duplicate": delivery.rows_duplicate,
    }
