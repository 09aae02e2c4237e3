"""The vroegsignalering demo: every state, fast, idempotent, a valid DDAS export."""

import datetime
import time

from django.core.management import call_command

import pytest

from doorbraak.core import bsn
from doorbraak.core.demo import DemoLoader
from doorbraak.signals import ddas, monitor
from doorbraak.signals.demo import demo_bsn, load_demo_signals
from doorbraak.signals.models import (
    CaseStatus,
    ContactAttempt,
    PostcodeArea,
    RoutingStatus,
    Signal,
    SignalCase,
)

pytestmark = pytest.mark.django_db


def test_demo_bsns_pass_the_elfproef():
    assert all(bsn.is_valid(demo_bsn(n)) for n in range(0, 100_000, 997))


def test_demo_signals_every_state_idempotent_and_valid():
    call_command("import_gemeenten", verbosity=0)
    DemoLoader().load()
    started = time.monotonic()
    created = load_demo_signals()
    assert time.monotonic() - started < 5
    assert created > 50
    assert Signal.objects.filter(routing=RoutingStatus.UNROUTABLE).count() == 1
    assert set(SignalCase.objects.values_list("status", flat=True)) == set(CaseStatus.values)
    assert SignalCase.objects.exclude(offer_accepted_on=None).exists()
    assert ContactAttempt.objects.filter(bereikt=True).exists()
    assert Signal.objects.filter(case=None, organisation__isnull=False).count() == 9
    assert PostcodeArea.objects.filter(source__startswith="DEMO").count() == 36
    assert set(Signal.objects.values_list("signaalpartner", flat=True)) == {
        "Huur",
        "Energie",
        "Water",
        "Zorg",
    }
    counts = (Signal.objects.count(), SignalCase.objects.count(), ContactAttempt.objects.count())
    assert load_demo_signals() == 0
    assert counts == (
        Signal.objects.count(),
        SignalCase.objects.count(),
        ContactAttempt.objects.count(),
    )
    rotterdam = Signal.objects.filter(organisation__cbs_code="GM0599").first().organisation
    today = datetime.date.today()
    for year, month in monitor.previous_months(today.year, today.month, 4):
        start, end = ddas.month_bounds(year, month)
        assert ddas.schema_errors(ddas.export(rotterdam, start, end)) == []
