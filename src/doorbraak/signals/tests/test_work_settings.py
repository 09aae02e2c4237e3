"""The gemeente's vroegsignalering settings and legal-check overrides."""

from django.urls import reverse

import pytest

from doorbraak.audit.models import ProcessingLogEntry
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member
from doorbraak.signals.models import CheckRule, SignalSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def gemeente():
    return OrganisationFactory(name="Gemeente Instellingen")


@pytest.fixture
def beheerder(gemeente, client):
    membership = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=gemeente)
    login_verified(client, membership.user)
    return membership


def _post(client, **changes):
    page = client.get(reverse("signals:settings"))
    form = page.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(reverse("signals:settings"), data, HTTP_ACCEPT_LANGUAGE="nl")


def test_defaults_are_shown_and_saving_creates_the_row(client, beheerder, gemeente):
    response = _post(
        client,
        matching_period_days=45,
        type_Energie=7,
        weight_crisis=80,
        **{"check_termijn-30-100_min_days": 20, "check_aanmaning-verstuurd_active": None},
    )
    assert response.status_code == 302
    settings = SignalSettings.objects.get(organisation=gemeente)
    assert settings.matching_period_days == 45
    assert settings.deadline_per_type == {"Energie": 7}
    assert settings.priority_weights == {"crisis": 80}
    assert settings.updated_by == beheerder.user
    own = {r.code: r for r in CheckRule.objects.filter(organisation=gemeente)}
    assert own["termijn-30-100"].parameters == {"max_days": 100, "min_days": 20}
    assert own["aanmaning-verstuurd"].active is False
    # the platform defaults stay as they were
    assert CheckRule.objects.get(code="termijn-30-100", organisation=None).parameters == {
        "min_days": 30,
        "max_days": 100,
    }
    assert ProcessingLogEntry.objects.filter(activity__code="vroegsignalering-uitvoeren").exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"matching_period_days": 0}, "matching_period_days"),
        ({"matching_period_days": 400}, "matching_period_days"),
        ({"crisis_deadline_days": 40, "deadline_days": 28}, "crisis_deadline_days"),
        ({"weight_crisis": -1}, "weight_crisis"),
        ({"type_Huur": 0}, "type_Huur"),
        (
            {"check_termijn-30-100_min_days": 100, "check_termijn-30-100_max_days": 30},
            "check_termijn-30-100_max_days",
        ),
    ],
)
def test_bad_values_are_refused_with_a_message_at_the_field(client, beheerder, changes, field):
    response = _post(client, **changes)
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert f'href="#id_{field}"' in response.content.decode()
    assert not SignalSettings.objects.exists()


def test_the_vroegsignalering_team_cannot_change_settings(client, gemeente):
    login_verified(client, member(role=Role.VROEGSIGNALERING, organisation=gemeente).user)
    assert client.get(reverse("signals:settings")).status_code == 403
