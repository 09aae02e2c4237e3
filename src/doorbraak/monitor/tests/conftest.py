"""The monitor's figures are loaded once per test database (they are public and read-only)."""

import pytest

from doorbraak.monitor.loader import load
from doorbraak.monitor.models import Indicator


@pytest.fixture(scope="session")
def _monitor_loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if not Indicator.objects.exists():
            load()


@pytest.fixture
def monitor_data(_monitor_loaded, db):
    # A transactional test (a browser journey) flushes every table; load again if so.
    if not Indicator.objects.exists():
        load()
