"""Each page type's API detail carries its own fields, in v2 (snapshots) and v3."""

import pytest
from wagtail.api import APIField

from .snapshots import assert_matches_snapshot

# Fixture attribute for every page type of the foundation.
PAGE_TYPES = {
    "core.HomePage": "home",
    "core.StandardPage": "standard",
    "publicity.NewsIndexPage": "news_index",
    "publicity.NewsPage": "news",
    "publicity.CampaignIndexPage": "campaign_index",
    "publicity.CampaignPage": "campaign",
    "projects.ProjectIndexPage": "projects_index",
    "projects.ProjectPage": "project",
    "chambers.ChamberIndexPage": "chambers_index",
    "chambers.ChamberPage": "chamber",
    "events.EventIndexPage": "events_index",
    "events.EventPage": "event",
    "museum.MuseumPage": "museum",
    "museum.HallPage": "hall",
    "museum.ExhibitPage": "exhibit",
    "museum.CollectionIndexPage": "collection_index",
    "museum.ArtifactPage": "artifact",
    "museum.MerchantIndexPage": "merchants_index",
    "museum.MerchantHistoryPage": "merchant",
    "museum.TimelinePage": "timeline",
}

pytestmark = pytest.mark.django_db


def api_field_names(model):
    return [field.name for field in APIField.get_fields_for_model(model)]


# Body-like fields whose nested timestamps or ordering are not compared across versions.
NOT_COMPARED = {"last_published_at"}


@pytest.mark.parametrize("label", sorted(PAGE_TYPES))
def test_detail_carries_the_type_fields(client, site_tree, label):
    """v2 matches the expected JSON file; v3 carries the same fields and values."""
    page = getattr(site_tree, PAGE_TYPES[label])
    fields = api_field_names(type(page.specific))

    v2 = client.get(f"/api/v2/pages/{page.pk}/")
    assert v2.status_code == 200
    v2 = v2.json()
    assert v2["meta"]["type"] == label
    for name in fields:
        assert name in v2, f"{label} v2 detail lacks its field {name!r}"
    assert_matches_snapshot(label, v2)

    v3 = client.get(f"/api/v3/pages/{page.pk}/")
    assert v3.status_code == 200
    v3 = v3.json()
    assert v3["meta"]["type"] == label
    for name in fields:
        assert name in v3, f"{label} v3 detail lacks its field {name!r}"
        if name not in NOT_COMPARED and not isinstance(v2[name], list):
            # One serializer per field serves both versions.
            assert v3[name] == v2[name], name


def test_choices_carry_value_and_label(client, site_tree):
    data = client.get(f"/api/v2/pages/{site_tree.project.pk}/").json()
    assert data["stage"] == {"value": "signed", "label": "签约"}
    assert data["county"] == {"value": "longwan", "label": "龙湾区"}
    assert data["investor_origin"] == {"value": "overseas_wenzhou", "label": "海外温商"}
    assert [update["stage"]["label"] for update in data["progress_updates"]] == ["签约", "洽谈"]
    chamber = client.get(f"/api/v2/pages/{site_tree.national_chamber.pk}/").json()
    assert chamber["province"] is None  # blank choice


def test_relations_to_pages_are_links_not_ids(client, site_tree):
    artifact = client.get(f"/api/v2/pages/{site_tree.artifact.pk}/").json()
    assert artifact["hall"]["id"] == site_tree.hall.pk
    assert artifact["hall"]["title"] == site_tree.hall.title
    assert artifact["hall"]["url"] == "/museum/hall-1/"
    assert artifact["hall"]["html_url"].endswith("/museum/hall-1/")
    assert [m["title"] for m in artifact["related_merchants"]] == ["王建国"]

    event = client.get(f"/api/v2/pages/{site_tree.event.pk}/").json()
    assert [p["id"] for p in event["signed_projects"]] == [site_tree.project.pk]
    assert event["campaign"]["title"] == site_tree.campaign.title

    chamber = client.get(f"/api/v2/pages/{site_tree.chamber.pk}/").json()
    assert chamber["parent_chamber"]["id"] == site_tree.national_chamber.pk

    timeline = client.get(f"/api/v2/pages/{site_tree.timeline.pk}/").json()
    first, second = timeline["milestones"]
    assert first["link"]["id"] == site_tree.artifact.pk
    assert first["image"]["url"].endswith(".webp")
    assert second["link"] is None and second["image"] is None


def test_streamfield_images_and_choosers_are_expanded(client, site_tree):
    body = client.get(f"/api/v2/pages/{site_tree.exhibit.pk}/").json()["body"]
    blocks = {block["type"]: block["value"] for block in body}
    image = blocks["image"]["image"]
    assert image["id"] == site_tree.photo.pk
    assert image["alt"] == "市场里挑选纽扣的商户"
    assert ".max-1200x1200.format-webp" in image["url"]
    assert (image["width"], image["height"]) == (640, 480)
    assert blocks["gallery"]["images"][0]["image"]["id"] == site_tree.portrait.pk
    assert blocks["artifact"]["artifact"] == {
        "id": site_tree.artifact.pk,
        "type": "museum.ArtifactPage",
        "title": site_tree.artifact.title,
        "url": "/museum/collection/first-licence/",
        "html_url": blocks["artifact"]["artifact"]["html_url"],
    }
    assert blocks["document"]["document"]["url"].startswith(f"/documents/{site_tree.brochure.pk}/")


def test_orderables_are_nested_objects(client, site_tree):
    merchant = client.get(f"/api/v2/pages/{site_tree.merchant.pk}/").json()
    assert [(loc["country"], loc["city"]) for loc in merchant["business_locations"]] == [
        ("意大利", "米兰"),
        ("法国", "巴黎"),
    ]
    assert [event["year"] for event in merchant["life_events"]] == [1979, 1995]
    assert merchant["portrait"]["url"].endswith(".webp")
    assert merchant["chamber"]["title"] == "江苏省温州商会"

    artifact = client.get(f"/api/v2/pages/{site_tree.artifact.pk}/").json()
    (gallery_image,) = artifact["gallery_images"]
    assert gallery_image["caption"] == "正面"
    assert ".max-1600x1600.format-webp" in gallery_image["image"]["url"]

    campaign = client.get(f"/api/v2/pages/{site_tree.campaign.pk}/").json()
    assert [item["page"]["title"] for item in campaign["related_pages"]] == [
        site_tree.exhibit.title,
        site_tree.artifact.title,
    ]
    # Channels, audience and attachments are planning notes, not part of the public API.
    assert not {"channels", "audience", "assets", "talking_points"} & campaign.keys()


def test_english_page_gets_english_choice_labels(client, site_tree, locales):
    project_en = site_tree.project.copy_for_translation(locales["en"], copy_parents=True)
    project_en.save_revision().publish()
    data = client.get(f"/api/v2/pages/{project_en.pk}/").json()
    assert data["meta"]["locale"] == "en"
    assert data["stage"]["value"] == "signed"
    # The label follows the page's language, not the request's.
    zh = client.get(f"/api/v2/pages/{site_tree.project.pk}/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert zh["stage"]["label"] == "签约"
