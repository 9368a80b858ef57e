"""The built site, served by a plain static file server, in a real Chromium."""

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from cms.core.factories import translate
from frontend.publishing.builder import build_site
from tests.frontend.publishing.conftest import _fresh_caches, site_dir, small_site  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def static_server(small_site, site_dir):  # noqa: F811
    translate(small_site["exhibit"], "en", title="Qiaotou Button Market")
    translate(small_site["artifacts"][0], "en", title="A salesman's ledger")
    build_site(workers=1)
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "http.server",
            str(port),
            "--bind",
            "127.0.0.1",
            "--directory",
            str(site_dir.resolve()),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    server.terminate()
    server.wait(timeout=10)


def assert_images_loaded(tab):
    tab.wait_for_load_state("load")
    # Lazy images load once scrolled into view.
    tab.evaluate("""async () => {
        for (const img of document.images) { img.loading = 'eager'; img.scrollIntoView(); }
        await Promise.all([...document.images].map(img => img.complete ? null :
            new Promise(done => { img.onload = img.onerror = done; })));
    }""")
    broken = tab.evaluate(
        "[...document.images].filter(img => !(img.complete && img.naturalWidth > 0))"
        ".map(img => img.currentSrc || img.src)"
    )
    assert broken == []
    return tab.evaluate("document.images.length")


def test_home_hall_exhibit_artifact_and_language_switch(
    page_in_browser,
    static_server,
    small_site,  # noqa: F811 - the fixture imported above
):
    tab = page_in_browser
    requests = []
    tab.on("request", lambda request: requests.append(request.url))

    tab.goto(static_server + "/")
    assert tab.locator("html").get_attribute("lang") == "zh-Hans"
    assert_images_loaded(tab)

    hall = small_site["hall"]
    tab.locator(f'main a[href="{hall.url}"]').first.click()
    tab.wait_for_url(static_server + hall.url)
    assert tab.locator("h1").first.inner_text().strip() == hall.title
    assert assert_images_loaded(tab) >= 1

    exhibit = small_site["exhibit"]
    tab.locator(f'main a[href="{exhibit.url}"]').first.click()
    tab.wait_for_url(static_server + exhibit.url)
    assert exhibit.title in tab.locator("h1").first.inner_text()
    assert assert_images_loaded(tab) >= 2

    artifact = small_site["artifacts"][0]
    tab.locator(f'main a.artifact-title[href="{artifact.url}"]').click()
    tab.wait_for_url(static_server + artifact.url)
    assert artifact.title in tab.locator("h1").first.inner_text()
    assert assert_images_loaded(tab) >= 1

    tab.locator('.language-switch a[data-language="en"]').click()
    tab.wait_for_url(static_server + "/en/**")
    assert tab.locator("html").get_attribute("lang") == "en"
    assert "A salesman's ledger" in tab.locator("h1").first.inner_text()
    assert_images_loaded(tab)

    # Every request went to the static server: no page needed Django.
    assert all(url.startswith(static_server) for url in requests)
