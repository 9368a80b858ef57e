"""The v2 images and documents endpoints: rendition URLs and download details."""

import pytest

pytestmark = pytest.mark.django_db


def test_image_detail_has_renditions_and_alt(client, site_tree):
    response = client.get(f"/api/v2/images/{site_tree.photo.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "桥头纽扣市场"
    assert data["alt"] == "桥头纽扣市场"
    assert (data["width"], data["height"]) == (640, 480)
    assert ".fill-400x300.format-webp" in data["thumbnail"]["url"]
    assert (data["thumbnail"]["width"], data["thumbnail"]["height"]) == (400, 300)
    assert ".max-1600x1600.format-webp" in data["large"]["url"]


def test_image_listing_offers_thumbnails_on_request(client, site_tree):
    plain = client.get("/api/v2/images/").json()
    assert "large" not in plain["items"][0]
    with_thumbnails = client.get("/api/v2/images/?fields=thumbnail").json()
    assert all(".webp" in item["thumbnail"]["url"] for item in with_thumbnails["items"])


def test_document_detail(client, site_tree):
    data = client.get(f"/api/v2/documents/{site_tree.brochure.pk}/").json()
    assert data["title"] == "宣传手册"
    assert data["file_extension"] == "txt"
    assert data["file_size"] > 0
    assert data["meta"]["download_url"].endswith(".txt")
