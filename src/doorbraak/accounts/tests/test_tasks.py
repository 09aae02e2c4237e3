"""Security notices run as background tasks on the database backend that `make demo` uses."""

from django.core import mail
from django.core.management import call_command
from django.test import override_settings

import pytest

from doorbraak.accounts.tasks import send_security_notice
from doorbraak.core.tests.factories import member

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@override_settings(TASKS=DB_TASKS)
def test_notice_waits_in_the_database_until_the_worker_runs_it():
    from django_tasks_db.models import DBTaskResult

    user = member().user
    result = send_security_notice.enqueue(str(user.uuid), "device_enrolled")
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
    assert mail.outbox == []
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [user.email]
    assert "authenticator" in mail.outbox[0].subject.lower()


def test_notice_for_unknown_or_mailless_user_sends_nothing():
    user = member(email="").user
    assert send_security_notice.call(str(user.uuid), "device_enrolled") is False
    assert mail.outbox == []
