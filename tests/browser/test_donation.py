"""Donating from the static site in a real Chromium: fill the form, attach photos, get a reference.

The donation page is published by the static builder and served by a plain file server on
one origin; the backend (pytest-django's live server) is another origin, as in production.
"""

import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from PIL import Image
from wagtail.models import Locale, Page

from cms.core.factories import HomePageFactory, make_default_site
from frontend.publishing.builder import build_site
from museum.donations.models import Donation, DonationStatus
from museum.factories import DonationPageFactory, MuseumPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCE = re.compile(r"WZM-\d{4}-\d{6}")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def photos(tmp_path):
    paths = []
    for name, fmt, color in (
        ("front.jpg", "JPEG", (160, 60, 40)),
        ("back.png", "PNG", (40, 90, 160)),
    ):
        path = tmp_path / name
        Image.new("RGB", (640, 480), color).save(path, format=fmt)
        paths.append(str(path))
    return paths


@pytest.fixture
def static_site(live_server, settings, tmp_path):
    """The donation page built as static files, served on its own origin, posting to the backend."""
    Locale.objects.get_or_create(language_code="zh-hans")
    Locale.objects.get_or_create(language_code="en")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    museum = MuseumPageFactory(parent=home)
    page = DonationPageFactory(parent=museum, intro="欢迎捐赠见证温商奋斗历程的物件。")

    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    settings.BACKEND_URL = live_server.url
    settings.DONATIONS_ALLOWED_ORIGINS = [origin]
    settings.DONATIONS_RATE_LIMIT = "100/m"
    settings.STATIC_SITE_DIR = tmp_path / "public" / "site"
    build_site(workers=1)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(settings.STATIC_SITE_DIR.resolve()),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(origin + page.url, timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield {"url": origin + page.url, "backend": live_server.url}
    server.terminate()
    server.wait(timeout=10)


def fill(tab, photos):
    tab.fill("#id_donor_name", "林海燕")
    tab.fill("#id_email", "lin.haiyan@example.com")
    tab.fill("#id_country", "法国")
    tab.fill("#id_city", "巴黎")
    tab.fill("#id_title", "1992年巴黎温州餐馆的第一块招牌")
    tab.select_option("#id_category", "signboard")
    tab.fill("#id_era", "1990年代")
    tab.fill("#id_description", "木质招牌，手写“温州饭店”四字。")
    tab.fill("#id_story", "父母在巴黎美丽城开的第一家店。")
    tab.check("input[name='intent'][value='donate']")
    tab.set_input_files("#id_photos", photos)
    tab.check("#id_consent_privacy")


def test_donate_from_static_page_then_check_status(page_in_browser, static_site, photos):
    tab = page_in_browser
    tab.goto(static_site["url"])
    form = tab.locator("form.donation-form")
    assert form.get_attribute("action") == static_site["backend"] + "/api/donations/?lang=zh-hans"

    # Inline validation catches an empty form before anything is sent.
    tab.click("button.donation-submit")
    assert tab.locator("[data-field='donor_name'] .donation-errors li").inner_text()
    assert (
        "至少填写电子邮箱、电话或微信号"
        in tab.locator("[data-field='email'] .donation-errors").inner_text()
    )
    assert Donation.objects.count() == 0

    fill(tab, photos)
    assert tab.locator("[data-previews] img").count() == 2  # previews of both photos
    tab.click("button.donation-submit")
    reference_box = tab.locator("[data-result] [data-reference]")
    reference_box.wait_for(state="visible", timeout=30_000)
    reference = reference_box.inner_text().strip()
    assert REFERENCE.fullmatch(reference)

    donation = Donation.objects.get(reference=reference)
    assert donation.donor_name == "林海燕"
    assert donation.photos.count() == 2
    assert donation.status == DonationStatus.RECEIVED

    # The status page on the backend: reference plus email shows the status and nothing else.
    tab.click("[data-result] [data-status-link]")
    tab.wait_for_url(static_site["backend"] + f"/donations/status/?reference={reference}")
    assert tab.input_value("#id_reference") == reference
    tab.fill("#id_contact", "lin.haiyan@example.com")
    tab.click("form.donation-form button[type='submit']")
    status = tab.locator("[data-status-result] [data-status]")
    status.wait_for(timeout=15_000)
    assert status.get_attribute("data-status") == "received"
    assert status.inner_text() == "已收到"
    assert "林海燕" not in tab.content()

    # A wrong contact gets the same answer as an unknown reference.
    tab.fill("#id_contact", "someone@example.com")
    tab.click("form.donation-form button[type='submit']")
    assert "未找到与该编号和联系方式相符的捐赠" in tab.locator("[role='alert']").inner_text()


def test_donate_without_javascript(browser, static_site, photos):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    tab = context.new_page()
    try:
        tab.goto(static_site["url"])
        fill(tab, photos)
        tab.click("button.donation-submit")
        tab.wait_for_url(re.compile(re.escape(static_site["backend"]) + r"/donations/thanks/.*"))
        reference = tab.locator(".donation-reference").inner_text().strip()
        assert REFERENCE.fullmatch(reference)
        assert Donation.objects.get(reference=reference).photos.count() == 2
    finally:
        context.close()


def test_server_side_errors_show_beside_the_field(page_in_browser, static_site, tmp_path):
    """A renamed text file passes the browser's checks by its name; the backend refuses it."""
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a photo at all")
    tab = page_in_browser
    tab.goto(static_site["url"])
    fill(tab, [str(fake)])
    tab.click("button.donation-submit")
    errors = tab.locator("[data-field='photos'] .donation-errors li")
    errors.first.wait_for(timeout=15_000)
    assert "不是可接受的图片" in errors.first.inner_text()
    assert Donation.objects.count() == 0


@pytest.mark.parametrize("width", [1280, 390])
def test_donor_chooses_the_credit(browser, static_site, photos, tmp_path, width):
    """The credit choice sits with the consents, fits a phone screen, and is stored as chosen."""
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(static_site["url"])
        fill(tab, photos)
        choices = tab.locator("input[name='credit']")
        assert choices.count() == 3
        assert tab.locator("input[name='credit'][value='full_name']").is_checked()  # the default
        tab.check("input[name='credit'][value='surname']")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        fieldset = tab.locator("[data-field='credit']")
        fieldset.scroll_into_view_if_needed()
        tab.screenshot(path=str(tmp_path / f"credit-{width}.png"), full_page=False)
        tab.click("button.donation-submit")
        reference_box = tab.locator("[data-result] [data-reference]")
        reference_box.wait_for(state="visible", timeout=30_000)
        donation = Donation.objects.get(reference=reference_box.inner_text().strip())
        assert donation.credit == "surname"
        assert donation.credit_line() == "林氏"
    finally:
        context.close()
