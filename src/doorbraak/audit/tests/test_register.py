from django.urls import reverse

import pytest

from doorbraak.audit.models import ProcessingActivity
from doorbraak.core.models import OrganisationType
from doorbraak.core.roles import Role
from doorbraak.core.tests.access_harness import login_verified
from doorbraak.core.tests.factories import OrganisationFactory, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform_beheerder(client):
    platform = OrganisationFactory(type=OrganisationType.RIJK, cbs_code=None, manages_platform=True)
    membership = member(role=Role.FUNCTIONEEL_BEHEERDER, organisation=platform)
    login_verified(client, membership.user)
    return membership


def _data(**overrides):
    data = {
        "code": "huishouden-inzien",
        "name": "Huishoudensdossier inzien",
        "purpose": "Uitvoeren van de doorbraakaanpak",
        "legal_basis": "AVG art. 6 lid 1 sub e; Wmo 2015",
        "data_subjects": "Inwoners",
        "data_categories": "NAW, gezinssamenstelling",
        "special_categories": "",
        "recipients": "",
        "retention": "15 jaar (Archiefwet)",
        "retention_days": "5479",
        "active": "on",
    }
    data.update(overrides)
    return data


def test_platform_beheerder_adds_an_activity_and_history_records_who(client, platform_beheerder):
    response = client.post(reverse("audit:activity-create"), _data())
    assert response.status_code == 302
    activity = ProcessingActivity.objects.get(code="huishouden-inzien")
    assert activity.history.first().history_user == platform_beheerder.user
    detail = client.get(reverse("audit:activity-detail", kwargs={"uuid": activity.uuid}))
    assert "Huishoudensdossier inzien" in detail.content.decode()


def test_code_cannot_change_once_made(client, platform_beheerder):
    activity = ProcessingActivity.objects.get(code="verwerkingenlog-inzien")
    client.post(
        reverse("audit:activity-edit", kwargs={"uuid": activity.uuid}),
        _data(code="iets-anders", name="Nieuwe naam"),
    )
    activity.refresh_from_db()
    assert activity.code == "verwerkingenlog-inzien" and activity.name == "Nieuwe naam"


def test_missing_purpose_is_reported_at_the_field_and_nothing_is_stored(client, platform_beheerder):
    response = client.post(reverse("audit:activity-create"), _data(purpose=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true"' in html and 'href="#id_purpose"' in html
    assert not ProcessingActivity.objects.filter(code="huishouden-inzien").exists()
