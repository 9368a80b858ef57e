import pytest


@pytest.mark.django_db
def test_home_page_served_in_chinese(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
