"""API v2's 400 and 404 messages follow Accept-Language: zh-hans by default, English for en."""

import pytest

from cms.api.v2_messages import translate

pytestmark = pytest.mark.django_db

CASES = [
    (
        "/api/v2/pages/?offset=abc",
        400,
        "参数 offset 须为正整数。",
        "offset must be a positive integer",
    ),
    (
        "/api/v2/images/?limit=-5",
        400,
        "参数 limit 须为正整数。",
        "limit must be a positive integer",
    ),
    (
        "/api/v2/pages/?fields=colour",
        400,
        "未知的字段：colour。",
        "unknown fields: colour",
    ),
    (
        "/api/v2/documents/?colour=red",
        400,
        "未知的查询参数：colour。",
        "query parameter is not an operation or a recognised field: colour",
    ),
    ("/api/v2/pages/?type=nope.Nope", 400, "没有这个页面类型。", "type doesn't exist"),
    (
        "/api/v2/pages/?order=random&offset=1",
        400,
        "random 排序不能与 offset 同用。",
        "random ordering with offset is not supported",
    ),
    ("/api/v2/pages/999999/", 404, "没有找到。", None),
]


@pytest.mark.parametrize(("url", "status", "chinese", "english"), CASES)
def test_messages_are_chinese_by_default(client, site_tree, url, status, chinese, english):
    response = client.get(url)
    assert response.status_code == status
    assert response.json() == {"message": chinese}


@pytest.mark.parametrize(("url", "status", "chinese", "english"), CASES)
def test_messages_are_english_for_english_readers(client, site_tree, url, status, chinese, english):
    response = client.get(url, headers={"accept-language": "en"})
    assert response.status_code == status
    message = response.json()["message"]
    assert message == english if english else message.isascii()


def test_a_message_not_listed_keeps_wagtails_text_after_a_lead_in(settings):
    from django.utils.translation import override

    with override("zh-hans"):
        assert translate("something new") == "请求有误：something new"
    with override("en"):
        assert translate("something new") == "something new"
