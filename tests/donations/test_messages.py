"""Messages a donor reads: each names its field and its limit in the donor's language."""

import pytest

from .helpers import valid_fields

pytestmark = pytest.mark.django_db


def test_too_long_text_names_the_field(post_donation):
    response = post_donation(fields=valid_fields(description="长" * 5001, title="名" * 121))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["description"] == ["“藏品描述”最多 5000 个字符，当前为 5001 个，请删减后再提交。"]
    assert errors["title"] == ["“藏品名称”最多 120 个字符，当前为 121 个，请删减后再提交。"]
    assert "确保该变量" not in response.content.decode()


def test_too_long_text_in_english(post_donation):
    response = post_donation(fields=valid_fields(description="x" * 5001, lang="en"))
    assert response.status_code == 400
    assert response["Content-Language"] == "en"
    assert response.json()["errors"]["description"] == [
        "“Description” can be at most 5000 characters long (it has 5001). "
        "Please shorten it and send again."
    ]


def test_a_ten_megabyte_description_names_the_field(post_donation):
    response = post_donation(fields=valid_fields(description="长" * (10 * 1024 * 1024 // 3)))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "description" in errors, errors
    assert "藏品描述" in errors["description"][0]


@pytest.mark.parametrize(("lang", "expected"), [("zh-hans", "zh-hans"), ("en", "en")])
def test_answers_carry_their_language(post_donation, lang, expected):
    accepted = post_donation(fields=valid_fields(lang=lang))
    assert accepted.status_code == 201
    assert accepted["Content-Language"] == expected
    refused = post_donation(fields=valid_fields(lang=lang, title=""))
    assert refused["Content-Language"] == expected
    page = post_donation(fields=valid_fields(lang=lang, title=""), json=False)
    assert page["Content-Language"] == expected
