"""API v3: OpenAPI schema, type registry, and writes refused without a token."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken, Page

from cms.api.v3 import missing_page_types
from cms.publicity.models import NewsPage

from .test_page_detail import PAGE_TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser():
    return get_user_model().objects.create_superuser(
        username="api-admin", email="api-admin@wzmuseum.example", password="x"
    )


@pytest.fixture
def token(superuser):
    _, plaintext = APIToken.create_token(user=superuser, name="测试")
    return plaintext


def test_openapi_schema_is_served(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v3/pages/" in schema["paths"]
    assert "/api/v3/pages/{page_id}/" in schema["paths"]
    components = json.dumps(schema["components"])
    assert "ArtifactPageSchema" in components and "ProjectPageSchema" in components


def test_docs_page_uses_no_cdn(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "cdn." not in html and "unpkg" not in html


def test_every_page_type_is_registered(client, token):
    assert missing_page_types() == []
    response = client.get("/api/v3/schema/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    names = {entry["name"] for entry in response.json()["types"]}
    assert set(PAGE_TYPES) <= names
    detail = client.get(
        "/api/v3/schema/projects.ProjectPage/", HTTP_AUTHORIZATION=f"Bearer {token}"
    ).json()
    assert {"stage", "county", "progress_updates"} <= set(detail["read"]["properties"])


def test_schema_registry_needs_a_token(client):
    assert client.get("/api/v3/schema/").status_code == 401


def test_writes_are_refused_anonymously(client, site_tree):
    news = site_tree.news
    before = Page.objects.count()
    attempts = [
        client.post(
            "/api/v3/pages/",
            data={
                "meta": {"type": "publicity.NewsPage", "parent_id": site_tree.news_index.pk},
                "title": "匿名创建",
                "date": "2026-05-01",
                "body": [],
            },
            content_type="application/json",
        ),
        client.patch(
            f"/api/v3/pages/{news.pk}/",
            data={"title": "匿名修改"},
            content_type="application/json",
        ),
        client.delete(f"/api/v3/pages/{news.pk}/"),
        client.post(f"/api/v3/pages/{news.pk}/actions/publish/"),
        client.post(f"/api/v3/pages/{news.pk}/actions/unpublish/"),
        client.delete(f"/api/v3/pages/{news.pk}/actions/delete/"),
        client.get(f"/api/v3/pages/{news.pk}/revisions/"),
        client.get("/api/v3/sites/"),
        client.get("/api/v3/whoami/"),
    ]
    assert [response.status_code for response in attempts] == [401] * len(attempts)
    news.refresh_from_db()
    assert news.title == "首批回归项目集中签约" and news.live
    assert Page.objects.count() == before


def test_a_session_cookie_does_not_open_writes(client, site_tree, superuser):
    client.force_login(superuser)
    response = client.patch(
        f"/api/v3/pages/{site_tree.news.pk}/",
        data={"title": "会话修改"},
        content_type="application/json",
    )
    assert response.status_code == 401
    # Reads through a session stay anonymous too: drafts are not shown.
    news = NewsPage.objects.get(pk=site_tree.news.pk)
    news.title = "草稿标题"
    news.save_revision()
    data = client.get(f"/api/v3/pages/{news.pk}/?version=draft").json()
    assert data["title"] == "首批回归项目集中签约"


def test_a_token_holder_with_rights_can_write(client, site_tree, token):
    response = client.patch(
        f"/api/v3/pages/{site_tree.news.pk}/",
        data={"title": "令牌修改的标题"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200, response.content
    # Saved as a draft revision: the public API still shows the live title.
    public = client.get(f"/api/v3/pages/{site_tree.news.pk}/").json()
    assert public["title"] == "首批回归项目集中签约"
