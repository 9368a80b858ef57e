"""API v3 writes that Wagtail answers with a 500 upstream answer 409 or 422 with a message.

Each was found by schemathesis run with a token on the v3 write operations.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken, Page

from cms.publicity.models import Channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def token():
    user = get_user_model().objects.create_superuser("api-writer", "writer@example.com", "x")
    return APIToken.create_token(user=user, name="写入测试")[1]


def send(client, token, method, url, body=None, language="zh-hans"):
    return getattr(client, method)(
        url,
        data=json.dumps(body) if body is not None else None,
        content_type="application/json",
        headers={"authorization": f"Bearer {token}", "accept-language": language},
    )


def test_converting_a_page_that_is_no_alias_is_a_422(client, home_page, token):
    response = send(client, token, "post", f"/api/v3/pages/{home_page.pk}/actions/convert_alias/")
    assert response.status_code == 422
    assert response.json()["errors"][0]["msg"] == "Page must be an alias to be converted."


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("post", "/api/v3/pages/"),
        ("patch", "/api/v3/pages/{home}/"),
        ("post", "/api/v3/pages/{home}/actions/copy/"),
        ("post", "/api/v3/pages/{home}/actions/create_alias/"),
    ],
)
def test_a_body_that_is_not_an_object_is_a_422(client, home_page, token, method, url):
    url = url.format(home=home_page.pk)
    response = send(client, token, method, url, [None, None])
    assert response.status_code == 422
    assert response.json()["detail"] == "请求体须为 JSON 对象。"
    english = send(client, token, method, url, [None, None], language="en")
    assert english.json()["detail"] == "The request body must be a JSON object."


def test_an_integer_beyond_64_bits_in_a_body_is_a_422(client, home_page, token):
    url = f"/api/v3/pages/{home_page.pk}/actions/move/"
    response = send(client, token, "post", url, {"destination_id": 2**63})
    assert response.status_code == 422
    assert "9223372036854775807" in response.json()["detail"]
    assert Page.objects.get(pk=home_page.pk).depth == 2


@pytest.mark.parametrize("action", ["copy", "create_alias"])
def test_copying_or_moving_the_root_page_is_a_422(client, home_page, token, action):
    root = Page.get_first_root_node()
    copy = send(client, token, "post", f"/api/v3/pages/{root.pk}/actions/{action}/", {})
    move = send(
        client,
        token,
        "post",
        f"/api/v3/pages/{root.pk}/actions/move/",
        {"destination_id": home_page.pk},
    )
    assert (copy.status_code, move.status_code) == (422, 422)
    assert Page.objects.count() == 2


@pytest.mark.parametrize("position", ["left", "last-sibling"])
def test_moving_a_page_beside_the_root_is_a_422(client, home_page, token, position):
    root = Page.get_first_root_node()
    url = f"/api/v3/pages/{home_page.pk}/actions/move/"
    response = send(client, token, "post", url, {"destination_id": root.pk, "position": position})
    assert response.status_code == 422
    assert response.json()["detail"] == "根页面不能复制或移动，页面也不能移到根页面的同级。"
    assert Page.objects.get(pk=home_page.pk).depth == 2


def test_moving_a_page_under_the_root_is_still_allowed(client, home_page, token):
    root = Page.get_first_root_node()
    url = f"/api/v3/pages/{home_page.pk}/actions/move/"
    response = send(
        client, token, "post", url, {"destination_id": root.pk, "position": "last-child"}
    )
    assert response.status_code == 200


def test_a_duplicate_unique_field_is_a_409(client, token):
    # Wagtail's v3 snippet create fills Channel.code with "" when the body leaves it out.
    Channel.objects.create(code="", name="空代码", name_en="Empty code")
    url = "/api/v3/snippets/publicity.Channel/"
    response = send(client, token, "post", url, {})
    assert response.status_code == 409
    assert response.json()["detail"] == "与已有记录冲突（例如重复的代码或地址）。"
    english = send(client, token, "post", url, {}, language="en")
    assert english.json()["detail"].startswith("This conflicts with an existing record")
    assert Channel.objects.filter(code="").count() == 1


def test_the_document_declares_these_answers(client):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    assert "422" in paths["/api/v3/locales/{locale_id}/"]["delete"]["responses"]
    assert "409" in paths["/api/v3/snippets/{type}/"]["post"]["responses"]
    assert paths["/api/v3/snippets/{type}/"]["post"]["requestBody"]["required"] is False
