"""Listing pages by type and filtering by fields (v2), listing by type (v3)."""

import pytest
from django.conf import settings

from museum.factories import ArtifactPageFactory
from museum.models import ArtifactPage

pytestmark = pytest.mark.django_db


def test_listing_by_type_returns_every_live_page_of_that_type(client, site_tree):
    ArtifactPageFactory.create_batch(4, parent=site_tree.collection_index)
    response = client.get("/api/v2/pages/?type=museum.ArtifactPage&limit=100")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 5
    assert {item["meta"]["type"] for item in data["items"]} == {"museum.ArtifactPage"}
    assert {item["id"] for item in data["items"]} == set(
        ArtifactPage.objects.live().values_list("pk", flat=True)
    )
    # Listings carry the summary the public site and apps show in cards.
    assert "intro" in data["items"][0]


def test_limit_allows_the_whole_collection_in_one_request(client, site_tree):
    assert settings.WAGTAILAPI_LIMIT_MAX >= 200
    ok = client.get(
        f"/api/v2/pages/?type=museum.ArtifactPage&limit={settings.WAGTAILAPI_LIMIT_MAX}"
    )
    assert ok.status_code == 200
    too_many = client.get(
        f"/api/v2/pages/?type=museum.ArtifactPage&limit={settings.WAGTAILAPI_LIMIT_MAX + 1}"
    )
    assert too_many.status_code == 400


def test_filter_by_choice_field_with_all_fields(client, site_tree):
    response = client.get("/api/v2/pages/?type=projects.ProjectPage&stage=signed&fields=*")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [site_tree.project.pk]
    assert items[0]["stage"] == {"value": "signed", "label": "签约"}
    assert items[0]["officer_name"] == "陈晓东"

    negotiating = client.get("/api/v2/pages/?type=projects.ProjectPage&stage=negotiating")
    assert [item["id"] for item in negotiating.json()["items"]] == [site_tree.other_project.pk]


def test_filter_by_other_fields(client, site_tree):
    by_county = client.get("/api/v2/pages/?type=projects.ProjectPage&county=yueqing").json()
    assert [item["id"] for item in by_county["items"]] == [site_tree.other_project.pk]
    by_flag = client.get(
        "/api/v2/pages/?type=museum.MerchantHistoryPage&is_leading_merchant=true"
    ).json()
    assert [item["id"] for item in by_flag["items"]] == [site_tree.merchant.pk]
    by_level = client.get("/api/v2/pages/?type=chambers.ChamberPage&level=provincial").json()
    assert [item["id"] for item in by_level["items"]] == [site_tree.chamber.pk]


def test_unknown_filter_is_a_clear_400(client, site_tree):
    response = client.get("/api/v2/pages/?type=projects.ProjectPage&colour=red")
    assert response.status_code == 400
    assert "colour" in response.json()["message"]


def test_ordering_by_a_field(client, site_tree):
    data = client.get("/api/v2/pages/?type=projects.ProjectPage&order=-amount").json()
    assert [item["id"] for item in data["items"]] == [
        site_tree.project.pk,
        site_tree.other_project.pk,
    ]


def test_v3_lists_by_type(client, site_tree):
    response = client.get("/api/v3/pages/?type=projects.ProjectPage")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert {item["meta"]["type"] for item in data["items"]} == {"projects.ProjectPage"}
