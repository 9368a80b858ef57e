"""Every bad upload and bad field is refused with a clear message, and nothing is stored."""

import io
import os

import pytest
from django.utils import translation
from PIL import Image

from museum.donations.models import Donation

from .helpers import (
    image_bytes,
    png_bomb_pillow,
    png_header_bomb,
    upload,
    valid_fields,
)

pytestmark = pytest.mark.django_db
MB = 1024 * 1024


def noise_png(width, height):
    image = Image.frombytes("RGB", (width, height), os.urandom(width * height * 3))
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=0)
    return out.getvalue()


def truncated_jpeg():
    image = Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    data = out.getvalue()
    return data[: len(data) // 2]


def over_pixel_jpeg():
    image = Image.new("L", (8000, 5001), 128)  # 40.008 megapixels
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=50)
    return out.getvalue()


BAD_UPLOADS = {
    "renamed text": (
        lambda: b"These are not the photos you are looking for.\n" * 50,
        "photo.jpg",
        "image/jpeg",
        "不是可接受的图片",
    ),
    "html": (
        lambda: b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
        "photo.png",
        "image/png",
        "不是可接受的图片",
    ),
    "pdf": (
        lambda: b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n",
        "scan.jpg",
        "image/jpeg",
        "不是可接受的图片",
    ),
    "elf": (
        lambda: b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 512,
        "IMG_0003.HEIC",
        "image/heic",
        "不是可接受的图片",
    ),
    "pe": (
        lambda: b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 56 + b"PE\x00\x00" + b"\x00" * 256,
        "photo.webp",
        "image/webp",
        "不是可接受的图片",
    ),
    "svg": (
        lambda: (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
        ),
        "logo.svg",
        "image/svg+xml",
        "不是可接受的图片",
    ),
    "svg renamed": (
        lambda: b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>',
        "logo.png",
        "image/png",
        "不是可接受的图片",
    ),
    "truncated jpeg": (truncated_jpeg, "cut.jpg", "image/jpeg", "已损坏或不完整"),
    "header bomb png": (png_header_bomb, "bomb.png", "image/png", "超过 4000 万像素"),
    "decodable bomb png": (png_bomb_pillow, "bomb2.png", "image/png", "超过 4000 万像素"),
    "over 40 megapixels": (over_pixel_jpeg, "huge.jpg", "image/jpeg", "超过 4000 万像素"),
    "over 20 MB": (lambda: noise_png(2700, 2700), "big.png", "image/png", "超过 20 MB"),
    "empty file": (lambda: b"", "empty.jpg", "image/jpeg", "空文件"),
}


@pytest.mark.parametrize("case", list(BAD_UPLOADS), ids=list(BAD_UPLOADS))
def test_bad_upload_is_refused_and_nothing_is_kept(case, post_donation, counts, settings):
    make, name, content_type, message = BAD_UPLOADS[case]
    data = make()
    if case == "over 20 MB":
        assert len(data) > 20 * MB
    before = counts()
    media_before = (
        sorted(p for p in settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []
    )
    good = upload(image_bytes("JPEG"), "good.jpg")
    response = post_donation(photos=[good, upload(data, name, content_type)])
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert list(errors) == ["photos"]
    assert any(message in m and name in m for m in errors["photos"]), errors
    assert counts() == before
    after = (
        sorted(p for p in settings.MEDIA_ROOT.rglob("*")) if settings.MEDIA_ROOT.exists() else []
    )
    assert after == media_before


def test_too_many_photos(post_donation, counts):
    before = counts()
    photos = [upload(image_bytes("JPEG"), f"{i}.jpg") for i in range(11)]
    response = post_donation(photos=photos)
    assert response.status_code == 400
    assert "最多上传 10 张照片，您选择了 11 张" in response.json()["errors"]["photos"][0]
    assert counts() == before


def test_no_photos(post_donation, counts):
    before = counts()
    response = post_donation(photos=[])
    assert response.status_code == 400
    assert "请至少上传 1 张藏品照片" in response.json()["errors"]["photos"][0]
    assert counts() == before


def test_total_over_limit_checked_by_the_form(post_donation, counts, settings):
    """Under the request cap but over the photo total: the form says so."""
    settings.DONATIONS_MAX_TOTAL_BYTES = 3000
    settings.DONATIONS_REQUEST_OVERHEAD_BYTES = 10 * MB
    before = counts()
    photos = [
        upload(
            image_bytes("PNG", size=(40, 40), mode="RGB", color=(i, i, i), compress_level=0),
            f"{i}.png",
            "image/png",
        )
        for i in range(3)
    ]
    response = post_donation(photos=photos)
    assert response.status_code == 400
    assert "照片合计不能超过" in response.json()["errors"]["photos"][0]
    assert counts() == before


def test_request_over_100_mb_is_refused_before_parsing(post_donation, counts):
    """Six real 17.5 MB photos: 105 MB in all, refused from Content-Length alone."""
    before = counts()
    photo = noise_png(2400, 2550)
    assert 17 * MB < len(photo) < 20 * MB
    photos = [upload(photo, f"{i}.png", "image/png") for i in range(6)]
    response = post_donation(photos=photos)
    assert response.status_code == 413
    assert "照片合计不能超过 100 MB" in response.json()["errors"]["photos"][0]
    assert counts() == before


LONG = "温" * 5001
BAD_FIELDS = {
    "missing name": ({"donor_name": ""}, "donor_name", "请填写“捐赠人姓名”"),
    "missing title": ({"title": ""}, "title", "请填写“藏品名称”"),
    "missing country": ({"country": ""}, "country", "请填写“所在国家或地区”"),
    "missing description": ({"description": ""}, "description", "请填写“藏品描述”"),
    "missing intent": ({"intent": ""}, "intent", "请选择捐赠方式"),
    "bad intent": ({"intent": "sell"}, "intent", "sell"),
    "bad category": ({"category": "weapon"}, "category", "weapon"),
    "title too long": ({"title": "温" * 121}, "title", "120"),
    "description too long": ({"description": LONG}, "description", "5000"),
    "name too long": ({"donor_name": "陈" * 101}, "donor_name", "100"),
    "script in story": ({"story": "<script>alert('x')</script>"}, "story", "HTML 标签或脚本"),
    "script in name": (
        {"donor_name": "陈<img src=x onerror=alert(1)>"},
        "donor_name",
        "HTML 标签或脚本",
    ),
    "script in title": ({"title": "</textarea><script>x</script>"}, "title", "HTML 标签或脚本"),
    "invalid email": ({"email": "chen-at-example"}, "email", None),
    "no contact": (
        {"email": "", "phone": "", "wechat": ""},
        "email",
        "至少填写电子邮箱、电话或微信号",
    ),
    "invalid phone": ({"phone": "call me maybe"}, "phone", "有效的电话号码"),
    "invalid wechat": ({"wechat": "微信"}, "wechat", "微信号为"),
    "unknown chamber": ({"chamber": "987654"}, "chamber", None),
    "no privacy consent": ({"consent_privacy": ""}, "consent_privacy", "请阅读并同意隐私说明"),
    # Django's BooleanField would read any text but "false" and "0" as consent.
    "consent neither ticked nor not": (
        {"consent_privacy": "maybe"},
        "consent_privacy",
        "勾选框的值无效",
    ),
    "control characters": ({"city": "Prato\x00"}, "city", None),
    "honeypot": ({"website": "http://spam.example"}, "__all__", "提交未被接受"),
}


@pytest.mark.parametrize("case", list(BAD_FIELDS), ids=list(BAD_FIELDS))
def test_bad_field_is_refused_and_nothing_is_kept(case, post_donation, counts):
    overrides, field, message = BAD_FIELDS[case]
    before = counts()
    response = post_donation(fields=valid_fields(**overrides))
    assert response.status_code == 400, response.content
    errors = response.json()["errors"]
    assert field in errors, errors
    assert errors[field][0]
    if message:
        assert any(message in m for m in errors[field]), errors
    assert counts() == before


def test_errors_are_in_english_when_posted_from_english_page(post_donation):
    response = post_donation(fields=valid_fields(email="chen-at-example", lang="en"))
    with translation.override("en"):
        from django.core.validators import EmailValidator

        expected = str(EmailValidator.message)
    assert response.json()["errors"]["email"] == [expected]


def test_english_from_referer_without_lang_field(post_donation):
    fields = valid_fields(email="chen-at-example")
    fields.pop("lang")
    response = post_donation(fields=fields, HTTP_REFERER="http://127.0.0.1:8000/en/museum/donate/")
    with translation.override("en"):
        from django.core.validators import EmailValidator

        assert response.json()["errors"]["email"] == [str(EmailValidator.message)]


def test_errors_default_to_chinese(post_donation):
    response = post_donation(fields=valid_fields(email="chen-at-example"))
    with translation.override("zh-hans"):
        from django.core.validators import EmailValidator

        expected = str(EmailValidator.message)
    assert response.json()["errors"]["email"] == [expected]
    assert expected != "Enter a valid email address."


def test_html_rejection_shows_form_with_message_beside_field(post_donation, counts):
    before = counts()
    response = post_donation(fields=valid_fields(title="", city="温州"), json=False)
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_title_errors"' in html
    errors_block = html.split('id="id_title_errors"', 1)[1].split("</ul>", 1)[0]
    assert "请填写“藏品名称”" in errors_block
    assert 'value="温州"' in html  # what the donor typed is kept
    assert 'action="/api/donations/?lang=zh-hans"' in html
    assert counts() == before
    assert Donation.objects.count() == 0


def test_own_messages_are_translated_to_english(post_donation, counts):
    before = counts()
    fields = valid_fields(lang="en", title="", email="", phone="", wechat="")
    response = post_donation(fields=fields, photos=[upload(b"plain text", "photo.jpg")])
    errors = response.json()["errors"]
    assert errors["title"] == ["Please fill in “Name of the artifact”."]
    assert errors["email"] == ["Please give at least one of email, phone or WeChat ID."]
    assert errors["photos"] == [
        "“photo.jpg” is not an accepted image. Only JPEG, PNG, WebP or HEIC photos are accepted."
    ]
    assert counts() == before


def test_missing_category(post_donation, counts):
    before = counts()
    response = post_donation(fields=valid_fields(category=""))
    assert response.json()["errors"]["category"] == ["请选择藏品类别。"]
    assert counts() == before
