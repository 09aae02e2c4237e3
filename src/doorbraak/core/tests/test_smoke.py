import pytest

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_of_home_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")
