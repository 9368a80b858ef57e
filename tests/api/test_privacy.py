"""Nothing private reaches an anonymous API client: drafts, restricted pages and media, editors."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from cms.core.factories import DocumentFactory, ImageFactory, image_block
from cms.publicity.factories import NewsPageFactory
from cms.publicity.models import NewsPage

pytestmark = pytest.mark.django_db

API_PAGE_URLS = ("/api/v2/pages/{}/", "/api/v3/pages/{}/")


def listed_ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    data = response.json()
    return {item["id"] for item in data["items"]}


def test_draft_page_is_neither_listed_nor_served(client, site_tree):
    draft = NewsPageFactory(parent=site_tree.news_index, title="尚未发布的新闻", live=False)
    draft.save_revision()

    assert draft.pk not in listed_ids(client, "/api/v2/pages/?type=publicity.NewsPage")
    assert draft.pk not in listed_ids(client, "/api/v3/pages/?type=publicity.NewsPage")
    for url in API_PAGE_URLS:
        assert client.get(url.format(draft.pk)).status_code == 404
    assert client.get(f"/api/v3/pages/{draft.pk}/?version=draft").status_code == 404
    assert "尚未发布" not in client.get("/api/v2/pages/?fields=*&limit=100").content.decode()


def test_unpublished_revision_is_not_served(client, site_tree):
    news = NewsPage.objects.get(pk=site_tree.news.pk)
    news.title = "未审核的修改标题"
    news.intro = "草稿导语"
    news.save_revision()

    for url in API_PAGE_URLS:
        data = client.get(url.format(news.pk)).json()
        assert data["title"] == "首批回归项目集中签约"
        assert data["intro"] == "首批回归项目集中签约的简介。"
    draft_view = client.get(f"/api/v3/pages/{news.pk}/?version=draft").json()
    assert draft_view["title"] == "首批回归项目集中签约"
    listing = client.get("/api/v2/pages/?type=publicity.NewsPage&fields=*").content.decode()
    assert "未审核" not in listing and "草稿导语" not in listing


def test_unpublished_page_disappears(client, site_tree):
    site_tree.news.unpublish()
    for url in API_PAGE_URLS:
        assert client.get(url.format(site_tree.news.pk)).status_code == 404


def test_links_to_pages_that_are_not_public_are_dropped(client, site_tree):
    site_tree.campaign.unpublish()
    news = client.get(f"/api/v2/pages/{site_tree.news.pk}/").json()
    assert news["campaign"] is None
    event = client.get(f"/api/v3/pages/{site_tree.event.pk}/").json()
    assert event["campaign"] is None

    PageViewRestriction.objects.create(page=site_tree.merchant, restriction_type="login")
    artifact = client.get(f"/api/v2/pages/{site_tree.artifact.pk}/").json()
    assert artifact["related_merchants"] == []


def test_view_restricted_pages_and_their_children_are_hidden(client, site_tree):
    PageViewRestriction.objects.create(page=site_tree.hall, restriction_type="login")
    hidden = {site_tree.hall.pk, site_tree.exhibit.pk}

    assert not hidden & listed_ids(client, "/api/v2/pages/?limit=100")
    assert not hidden & listed_ids(client, "/api/v3/pages/?limit=100")
    for url in API_PAGE_URLS:
        for pk in hidden:
            assert client.get(url.format(pk)).status_code == 404
    # The museum's collection outside the restricted hall stays public.
    assert client.get(f"/api/v2/pages/{site_tree.artifact.pk}/").status_code == 200


@pytest.fixture
def restricted_media(site_tree):
    """Donor photos and files kept in a collection only signed-in staff may see."""
    root = Collection.get_first_root_node()
    donations = root.add_child(name="捐赠征集（内部）")
    inner = donations.add_child(name="待审核照片")
    restriction = CollectionViewRestriction.objects.create(
        collection=donations, restriction_type="login"
    )
    photo = ImageFactory(title="捐赠者照片", collection=inner)
    document = DocumentFactory(title="捐赠者登记表", collection=donations)
    return {"restriction": restriction, "image": photo, "document": document}


def test_images_and_documents_in_restricted_collections_are_excluded(
    client, site_tree, restricted_media
):
    image, document = restricted_media["image"], restricted_media["document"]
    images = listed_ids(client, "/api/v2/images/?limit=100")
    assert image.pk not in images
    assert site_tree.photo.pk in images
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404
    documents = listed_ids(client, "/api/v2/documents/?limit=100")
    assert document.pk not in documents
    assert site_tree.brochure.pk in documents
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    everything = client.get("/api/v2/images/?fields=*&limit=100").content.decode()
    assert "捐赠者照片" not in everything


def test_restricted_image_in_page_content_is_not_exposed(client, site_tree, restricted_media):
    news = NewsPage.objects.get(pk=site_tree.news.pk)
    news.body = [image_block(restricted_media["image"], "不应公开")]
    news.save_revision().publish()
    for url in API_PAGE_URLS:
        body = client.get(url.format(news.pk)).json()["body"]
        assert body[0]["value"]["image"] is None


def test_no_editor_or_owner_data_anywhere(client, site_tree):
    editor = get_user_model().objects.create_superuser(
        username="zhang.editor", email="zhang.editor@wzmuseum.example", password="x"
    )
    news = NewsPage.objects.get(pk=site_tree.news.pk)
    news.owner = editor
    news.save()
    news.save_revision(user=editor).publish(user=editor)
    site_tree.photo.uploaded_by_user = editor
    site_tree.photo.save()

    responses = [
        client.get(f"/api/v2/pages/{news.pk}/"),
        client.get(f"/api/v3/pages/{news.pk}/"),
        client.get("/api/v2/pages/?fields=*&limit=100"),
        client.get(f"/api/v2/images/{site_tree.photo.pk}/"),
        client.get("/api/v2/images/?fields=*"),
        client.get("/api/v2/documents/?fields=*"),
    ]
    forbidden_keys = {"owner", "latest_revision", "locked_by", "uploaded_by_user", "user", "email"}
    for response in responses:
        assert response.status_code == 200
        text = response.content.decode()
        assert "zhang.editor" not in text
        assert not forbidden_keys & set(all_keys(json.loads(text)))


def all_keys(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from all_keys(value)
    elif isinstance(data, list):
        for item in data:
            yield from all_keys(item)


def test_unknown_fields_cannot_be_requested(client, site_tree):
    response = client.get(f"/api/v2/pages/{site_tree.news.pk}/?fields=owner")
    assert response.status_code == 400


def test_parent_that_is_not_public_is_not_named(client, site_tree):
    site_tree.hall.unpublish()  # the exhibit below it stays live, but is not reachable
    for url in API_PAGE_URLS:
        response = client.get(url.format(site_tree.exhibit.pk))
        assert response.status_code == 404
        assert site_tree.hall.title not in response.content.decode()
    # A public parent is still named.
    artifact = client.get(f"/api/v3/pages/{site_tree.artifact.pk}/").json()
    assert artifact["meta"]["parent"]["title"] == site_tree.collection_index.title
