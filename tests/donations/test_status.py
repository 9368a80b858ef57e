"""The donor's status page and certificate: reference plus email, phone or WeChat ID."""

import re
import zlib

import pytest
from django.utils import timezone

from museum.donations.certificate import CertificateFontMissing, render_certificate
from museum.donations.models import Donation, DonationStatus

pytestmark = pytest.mark.django_db

NOT_FOUND = "未找到与该编号和联系方式相符的捐赠"


@pytest.fixture
def donation(post_donation):
    response = post_donation()
    return Donation.objects.get(reference=response.json()["reference"])


def lookup(client, reference, contact, prefix=""):
    return client.post(f"{prefix}/donations/status/", {"reference": reference, "contact": contact})


def test_status_page_renders(client):
    response = client.get("/donations/status/")
    assert response.status_code == 200
    assert 'name="reference"' in response.content.decode()


@pytest.mark.parametrize(
    "contact",
    ["chen.guohua@example.com", " Chen.GuoHua@Example.com ", "+39 055 123 4567", "0551234567"],
)
def test_reference_with_email_or_phone_shows_status_not_donor(client, donation, contact):
    response = lookup(client, donation.reference.lower(), contact)
    assert response.status_code == 200
    html = response.content.decode()
    assert donation.reference in html
    assert 'data-status="received"' in html
    assert str(DonationStatus.RECEIVED.label) in html
    # The donor's own item title is shown back to them; who they are and where they live is not.
    assert donation.title in html
    for private in (
        "陈国华",
        "佛罗伦萨",
        "example.com" if "@" not in contact else "+39",
    ):
        assert private not in html


@pytest.mark.parametrize(
    ("reference", "contact"),
    [
        ("WZM-2026-999999", "chen.guohua@example.com"),  # no such reference
        (None, "someone.else@example.com"),  # wrong email
        (None, "+39 055 999 9999"),  # wrong phone
        (None, "4567"),  # too short a phone tail
    ],
)
def test_not_found_and_mismatch_look_the_same(client, donation, reference, contact):
    response = lookup(client, reference or donation.reference, contact)
    assert response.status_code == 404
    html = response.content.decode()
    assert NOT_FOUND in html
    assert "data-status=" not in html


def test_status_in_english(client, donation):
    response = lookup(client, donation.reference, "chen.guohua@example.com", prefix="/en")
    assert response.status_code == 200
    assert '<html lang="en"' in response.content.decode()


def test_status_lookups_are_rate_limited(client, donation, settings):
    settings.DONATIONS_STATUS_RATE_LIMIT = "3/m"
    for _ in range(3):
        lookup(client, "WZM-2026-000000", "x@example.com")
    response = lookup(client, donation.reference, "chen.guohua@example.com")
    assert response.status_code == 429
    assert "data-status=" not in response.content.decode()


def test_certificate_only_after_accession(client, donation):
    response = lookup(client, donation.reference, "chen.guohua@example.com")
    assert "certificate" not in response.content.decode()
    Donation.objects.filter(pk=donation.pk).update(
        status=DonationStatus.ACCESSIONED,
        accession_number="WZM-2026-D000001",
        accessioned_at=timezone.now(),
    )
    response = lookup(client, donation.reference, "chen.guohua@example.com")
    url = re.search(r'href="(/donations/certificate/\?t=[^"]+)"', response.content.decode()).group(
        1
    )
    pdf = client.get(url.replace("&amp;", "&"))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    body = pdf.content
    assert body.startswith(b"%PDF-")
    assert b"NotoSerifCJK" in body or b"NotoSansCJK" in body
    text = _pdf_unicode(body)
    for expected in (
        "捐赠证书",
        "陈国华",
        donation.title,
        "WZM-2026-D000001",
        str(timezone.localdate().year),
    ):
        assert all(char in text for char in expected), expected
    # A changed signature is refused. Changed, not overwritten with fixed text: CI once drew a
    # signature that really ended in "abc".
    url = url.replace("&amp;", "&")
    assert client.get(url[:-1] + ("B" if url.endswith("A") else "A")).status_code == 404


def test_certificate_fails_clearly_without_font(donation, settings):
    settings.DONATIONS_CERTIFICATE_FONT = "/nonexistent/font.ttf"
    donation.status = DonationStatus.ACCESSIONED
    with pytest.raises(CertificateFontMissing, match="fonts-noto-cjk"):
        render_certificate(donation)


def _pdf_unicode(pdf):
    """Characters the PDF's ToUnicode maps cover: every glyph the certificate shows."""
    chars = set()
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        data = match.group(1)
        try:
            data = zlib.decompress(data)
        except zlib.error:
            pass
        for hexcode in re.findall(rb"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]{4,8})>", data):
            try:
                chars.add(bytes.fromhex(hexcode.decode()).decode("utf-16-be"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def test_system_check_warns_when_the_font_is_missing(settings):
    from museum.donations.checks import certificate_font

    assert certificate_font(None) == []
    settings.DONATIONS_CERTIFICATE_FONT = "/nonexistent/font.ttf"
    warnings = certificate_font(None)
    assert [w.id for w in warnings] == ["donations.W001"]
    assert "fonts-noto-cjk" in warnings[0].msg
