"""Shared pytest set-up. Factories live in doorbraak.core.tests.factories."""

from importlib import import_module

import pytest

# Data migrations that fill reference tables. A transactional test (the browser journeys)
# flushes every table afterwards, so these run again before each database test.
REFERENCE_DATA = [
    "doorbraak.audit.migrations.0003_append_only_and_register",
    "doorbraak.households.migrations.0002_processing_activities",
    "doorbraak.youth.migrations.0002_processing_activity",
    "doorbraak.rekensom.migrations.0002_load_catalogue",
    "doorbraak.legal.migrations.0002_load_provisions",
    "doorbraak.escalation.migrations.0004_processing_activities",
    "doorbraak.register.migrations.0002_processing_activities",
    "doorbraak.signals.migrations.0002_processing_activities",
]


@pytest.fixture(autouse=True)
def _reference_data(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is None and not {"db", "transactional_db", "live_server"} & set(request.fixturenames):
        return
    transactional = bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")

    from django.apps import apps

    for module in REFERENCE_DATA:
        import_module(module).seed(apps, None)
