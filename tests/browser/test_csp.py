"""The Content-Security-Policy holds in a real Chromium: no violation in the admin's page editor,
on the public pages the backend serves, or on the static site (which carries it in <meta>)."""

import socket
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page, Site

from cms.core.factories import HomePageFactory, make_default_site, publish
from cms.publicity.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from frontend.publishing.builder import build_site
from museum.factories import DonationPageFactory, MuseumPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "Csp-Check-2026"

# Every violation is reported to the page as an event and to the console as "Refused to ...".
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def site(live_server):
    for code in ("zh-hans", "en"):
        Locale.objects.get_or_create(language_code=code)
    Page.objects.filter(depth=2).delete()  # Wagtail's welcome page
    home = publish(HomePageFactory(parent=Page.get_first_root_node()))
    make_default_site(home)
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)
    news_index = publish(NewsIndexPageFactory(parent=home))
    news = publish(NewsPageFactory(parent=news_index))
    campaigns = publish(CampaignIndexPageFactory(parent=home))
    campaign = publish(CampaignPageFactory(parent=campaigns))
    museum = publish(MuseumPageFactory(parent=home))
    donate = publish(DonationPageFactory(parent=museum))
    get_user_model().objects.create_superuser("editor", "editor@example.com", PASSWORD)
    return {"home": home, "news": news, "campaign": campaign, "donate": donate}


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="zh-CN")
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.console_refusals = []
    page.on(
        "console",
        lambda message: "Refused to" in message.text and page.console_refusals.append(message.text),
    )
    yield page
    context.close()


def visit(tab, url):
    response = tab.goto(url, wait_until="networkidle")
    assert response.ok, url
    tab.wait_for_timeout(300)  # late scripts (the editor's widgets) report violations too
    violations = tab.evaluate("window.__cspViolations")
    assert violations == [], f"{url}: {violations}"
    assert tab.console_refusals == [], f"{url}: {tab.console_refusals}"
    return response


def test_admin_page_editor_and_public_pages_pass_the_policy(tab, site, live_server):
    base = live_server.url
    login = visit(tab, base + "/admin/login/")
    assert "script-src 'self'" in login.header_value("content-security-policy")
    tab.fill("#id_username", "editor")
    tab.fill("#id_password", PASSWORD)
    tab.click("button[type='submit']")
    tab.wait_for_url(base + "/admin/")

    for path in (
        "/admin/",
        f"/admin/pages/{site['news'].pk}/edit/",
        f"/admin/pages/{site['campaign'].pk}/edit/",
        f"/admin/pages/{site['news'].get_parent().pk}/",
        reverse("wagtailusers_users:add"),
        "/admin/images/",
    ):
        visit(tab, base + path)
    # The editor really ran its scripts (the date picker was set up by an inline script).
    tab.goto(base + f"/admin/pages/{site['campaign'].pk}/edit/", wait_until="networkidle")
    assert tab.locator("[data-controller]").count() > 0

    for page in (site["home"], site["news"], site["donate"]):
        response = visit(tab, base + page.url)
        policy = response.header_value("content-security-policy")
        assert "'unsafe-inline'" not in policy.split("style-src-attr")[0]  # no inline scripts
    visit(tab, base + "/search/?q=温商")


def test_static_site_carries_the_policy_in_meta(tab, site, live_server, settings, tmp_path):
    port = free_port()
    origin = f"http://127.0.0.1:{port}"
    settings.BACKEND_URL = live_server.url
    settings.STATIC_SITE_DIR = tmp_path / "public" / "site"
    build_site(workers=1)
    html = (settings.STATIC_SITE_DIR / "index.html").read_text()
    assert '<meta http-equiv="Content-Security-Policy"' in html
    assert f"form-action &#x27;self&#x27; {live_server.url}" in html  # forms post to the backend
    assert "frame-ancestors" not in html  # header-only: a browser warns about it in <meta>
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
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(origin + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        for page in (site["home"], site["news"], site["campaign"], site["donate"]):
            response = visit(tab, origin + page.url)
            assert response.header_value("content-security-policy") is None  # meta only
        # The policy is enforced: an injected inline script is refused.
        tab.evaluate(
            """() => { const s = document.createElement('script');
                       s.textContent = 'window.__ran = 1'; document.head.appendChild(s); }"""
        )
        tab.wait_for_timeout(200)
        assert tab.evaluate("window.__ran") is None
        assert tab.evaluate("window.__cspViolations.length") == 1
    finally:
        server.terminate()
        server.wait(timeout=10)
