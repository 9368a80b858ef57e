"""Origin check, rate limit, CORS and CSRF: the endpoint takes posts only from the site's own pages."""

import pytest
from django.test import Client

from museum.donations.models import Donation

from .helpers import ORIGIN, image_bytes, upload, valid_fields

pytestmark = pytest.mark.django_db


def _data():
    data = valid_fields()
    data["photos"] = [upload(image_bytes("JPEG"), "a.jpg")]
    return data


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": "https://evil.example/museum/donate/"},
        {"HTTP_ORIGIN": "http://127.0.0.1:8000.evil.example"},
    ],
    ids=["no origin", "foreign origin", "null origin", "foreign referer", "suffix trick"],
)
def test_foreign_or_missing_origin_is_refused(client, headers, counts):
    before = counts()
    response = client.post(
        "/api/donations/", data=_data(), HTTP_ACCEPT="application/json", **headers
    )
    assert response.status_code == 403
    assert "请通过博物馆网站上的捐赠页面提交" in response.json()["errors"]["__all__"][0]
    assert "Access-Control-Allow-Origin" not in response
    assert counts() == before


def test_referer_from_the_site_is_enough(client):
    response = client.post(
        "/api/donations/",
        data=_data(),
        HTTP_ACCEPT="application/json",
        HTTP_REFERER=f"{ORIGIN}/museum/donate/",
    )
    assert response.status_code == 201


def test_same_origin_post_is_allowed(client, settings):
    settings.DONATIONS_ALLOWED_ORIGINS = []
    response = client.post(
        "/api/donations/",
        data=_data(),
        HTTP_ACCEPT="application/json",
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 201


def test_rate_limit_per_address(post_donation, settings, counts):
    settings.DONATIONS_RATE_LIMIT = "2/m"
    assert post_donation().status_code == 201
    assert post_donation().status_code == 201
    before = counts()
    response = post_donation()
    assert response.status_code == 429
    assert "提交过于频繁" in response.json()["errors"]["__all__"][0]
    assert counts() == before
    other = post_donation(REMOTE_ADDR="10.0.0.7")
    assert other.status_code == 201


def test_preflight_from_allowed_origin(client):
    response = client.options("/api/donations/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    assert "POST" in response["Access-Control-Allow-Methods"]


def test_preflight_from_foreign_origin(client):
    response = client.options("/api/donations/", HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response


def test_get_is_not_allowed(client):
    assert client.get("/api/donations/").status_code == 405


def test_csrf_exempt_only_on_the_endpoint(admin_user):
    """The admin keeps Django's CSRF protection."""
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin_user)
    response = strict.post(
        "/admin/donations/transition/1/", {"to_status": "under_review", "note": "x"}
    )
    assert response.status_code == 403
    response = strict.post(
        "/donations/status/", {"reference": "WZM-2026-000001", "contact": "a@b.c"}
    )
    assert response.status_code == 403
    response = strict.post(
        "/api/donations/", data=_data(), HTTP_ORIGIN=ORIGIN, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 201
    assert Donation.objects.count() == 1


def test_html_rejection_for_foreign_origin_renders_page(client):
    response = client.post("/api/donations/", data=_data(), HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "请通过博物馆网站上的捐赠页面提交" in response.content.decode()
