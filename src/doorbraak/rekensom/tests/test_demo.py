"""Demo rekensommen: on the demo plans, consistent with their stored totals, loaded once."""

import io

from django.core.management import call_command
from django.db.models import Sum

import pytest

from doorbraak.legal.models import PlanProvision
from doorbraak.rekensom.demo import load_demo_rekensommen
from doorbraak.rekensom.models import Rekensom

pytestmark = pytest.mark.django_db


def test_demo_rekensommen_match_their_totals_and_load_once():
    call_command("load_demo", stdout=io.StringIO())
    rekensommen = Rekensom.objects.all()
    assert rekensommen.count() >= 50
    for rekensom in rekensommen[:20]:
        totals = rekensom.totals.aggregate(zonder=Sum("zonder"), met=Sum("met"))
        assert totals["zonder"] == rekensom.zonder_total
        assert totals["met"] == rekensom.met_total
        assert rekensom.net_benefit == rekensom.zonder_total - rekensom.met_total
    assert PlanProvision.objects.count() == rekensommen.count()
    assert load_demo_rekensommen() == 0
