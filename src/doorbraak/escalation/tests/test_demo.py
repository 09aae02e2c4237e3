"""The demo escalation data: cases in every state, a LET session, overbruggingen, knelpunten."""

from io import StringIO

from django.core.management import call_command
from django.utils import timezone

import pytest

from doorbraak.escalation.demo import load_demo_escalation
from doorbraak.escalation.models import (
    DecisionStatus,
    Knelpunt,
    LetDecision,
    LetSession,
    LoketCase,
    LoketStatus,
    Overbrugging,
)

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_and_loading_twice_adds_nothing():
    out = StringIO()
    call_command("load_demo", stdout=out)  # loads the escalation demo too
    assert "nieuwe objecten in loket, LET, overbrugging en knelpunten" in out.getvalue()
    assert set(LoketCase.objects.values_list("status", flat=True)) == set(LoketStatus.values)
    assert LoketCase.objects.filter(handler__username="loket.let").count() == 6
    assert LetSession.objects.count() == 1
    today = timezone.localdate()
    decisions = list(LetDecision.objects.all())
    assert any(d.is_overdue_on(today) for d in decisions)
    assert any(d.status == DecisionStatus.AFGEROND for d in decisions)
    assert Overbrugging.objects.filter(settled_on__isnull=True).count() == 1
    assert Overbrugging.objects.filter(settled_on__isnull=False).count() == 1
    assert Knelpunt.objects.filter(loket_case__isnull=False).count() >= 3
    assert LoketCase.objects.get(status=LoketStatus.INGEDIEND).first_response_overdue()

    assert load_demo_escalation() == 0
    assert LoketCase.objects.count() == len(LoketStatus.values)


def test_every_page_renders_with_the_demo_data(client):
    from django.urls import reverse

    from doorbraak.core.models import User
    from doorbraak.core.tests.access_harness import login_verified

    call_command("load_demo", stdout=StringIO())
    load_demo_escalation()
    login_verified(client, User.objects.get(username="loket.let"))
    session = LetSession.objects.get()
    pages = [
        reverse("escalation:cases"),
        reverse("escalation:sessions"),
        reverse("escalation:session", kwargs={"uuid": session.uuid}),
        reverse("escalation:decisions"),
        reverse("escalation:overbruggingen"),
        reverse("escalation:knelpunten"),
        reverse("escalation:report"),
    ]
    pages += [reverse("escalation:case", kwargs={"uuid": c.uuid}) for c in LoketCase.objects.all()]
    pages += [
        reverse("escalation:overbrugging", kwargs={"uuid": o.uuid})
        for o in Overbrugging.objects.all()
    ]
    for url in pages:
        assert client.get(url).status_code == 200, url
    case = LoketCase.objects.get(status=LoketStatus.BIJ_LET)
    client.logout()
    login_verified(client, case.submitted_by)
    page = client.get(reverse("escalation:plan-loket", kwargs={"uuid": case.plan.uuid}))
    assert page.status_code == 200 and "LET" in page.content.decode()
    cjib = User.objects.get(username="cjib.maatwerk")
    client.logout()
    login_verified(client, cjib)
    assert client.get(reverse("escalation:decisions")).context["rows"]
    assert client.get(reverse("escalation:case", kwargs={"uuid": case.uuid})).status_code == 200
