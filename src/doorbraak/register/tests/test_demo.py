"""The demo register: about forty entries, national ones serving every gemeente, some
verouderd, a few requests in different states; loading twice adds nothing."""

from django.core.management import call_command

import pytest

from doorbraak.core.demo import DemoLoader
from doorbraak.households.demo import load_demo_households
from doorbraak.register import selectors
from doorbraak.register.demo import load_demo_register
from doorbraak.register.models import ContactRequest, RegisterEntry

pytestmark = pytest.mark.django_db


def test_demo_register_is_complete_and_idempotent():
    call_command("import_gemeenten", verbosity=0)
    DemoLoader().load()
    load_demo_households(per_team=1)
    created = load_demo_register()
    assert 35 <= created == RegisterEntry.objects.count() <= 45
    assert load_demo_register() == 0
    assert RegisterEntry.objects.count() == created

    cak = RegisterEntry.objects.get(name="Maatwerkfunctionaris CAK")
    assert cak.nationwide and list(cak.gemeenten.values_list("cbs_code", flat=True)) == ["GM0606"]
    for short in ("UWV", "SVB", "DUO", "CAK", "CJIB", "Toeslagen"):
        assert RegisterEntry.objects.filter(
            organisation__short_name=short, kind="maatwerkfunctionaris"
        ).exists()
    assert sum(e.outdated for e in RegisterEntry.objects.all()) >= 3
    schiedam = RegisterEntry.objects.get(name="Maatwerkfunctionaris CAK").gemeenten.get()
    served = selectors.search_entries(selectors.RegisterFilters(gemeente=schiedam))
    assert served.filter(organisation=schiedam).exists()

    statuses = set(ContactRequest.objects.values_list("status", flat=True))
    assert statuses == {"verstuurd", "beantwoord", "opgelost"}
    assert ContactRequest.objects.count() == 3
