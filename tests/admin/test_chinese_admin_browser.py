"""The admin in a real Chromium, as a zh-hans user of every group: Chinese text, no outside host."""

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.urls import reverse

from .conftest import PASSWORD
from .latin import latin_words
from .test_chinese_admin import field_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = (
    Path(settings.BASE_DIR) / "build" / "screenshots" / os.environ.get("TEST_DB_SUFFIX", "main")
)


def sign_in(tab, base, user):
    tab.goto(base + reverse("wagtailadmin_login"))
    tab.fill("input[name=username]", user.username)
    tab.fill("input[name=password]", PASSWORD)
    tab.click("button[type=submit]")
    tab.wait_for_url(base + reverse("wagtailadmin_home"))


def visible_text(tab):
    """What the user sees: rendered text, the tab's title and the labels screen readers read."""
    return tab.evaluate(
        """() => [document.title, document.body.innerText,
                 ...[...document.querySelectorAll('[aria-label],[placeholder],[title]')]
                    .filter(el => el.getClientRects().length)
                    .flatMap(el => ['aria-label', 'placeholder', 'title']
                        .map(name => el.getAttribute(name)).filter(Boolean))]"""
    )


def test_every_group_sees_chinese_and_the_admin_calls_no_outside_host(
    live_server, browser, admin_world
):
    base = live_server.url
    site_host = urlparse(base).hostname
    news = admin_world.builder.news
    pages = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[admin_world.builder.news_index.pk]),
        "news-editor": reverse("wagtailadmin_pages:edit", args=[news.pk]),
        "project-editor": reverse("wagtailadmin_pages:edit", args=[admin_world.builder.project.pk]),
    }
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    offenders, outside, opened = {}, set(), []
    for group, user in admin_world.users.items():
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        tab = context.new_page()
        tab.on(
            "request",
            lambda request: (
                urlparse(request.url).scheme in ("http", "https", "ws", "wss")
                and urlparse(request.url).hostname != site_host
                and outside.add(request.url)
            ),
        )
        sign_in(tab, base, user)
        allowed = field_values(admin_world, user)
        for name, path in pages.items():
            response = tab.goto(base + path)
            if response.status != 200:
                continue
            tab.wait_for_load_state("networkidle")
            opened.append((group, name))
            for word, text in latin_words(visible_text(tab), allowed).items():
                offenders.setdefault((name, word), (group, text))
            if group == "宣传编辑" and name in ("dashboard", "news-editor"):
                tab.screenshot(path=SCREENSHOTS / f"{name}-1280.png", full_page=False)
                tab.set_viewport_size({"width": 390, "height": 844})
                tab.screenshot(path=SCREENSHOTS / f"{name}-390.png", full_page=False)
                tab.set_viewport_size({"width": 1280, "height": 900})
        context.close()

    report = "\n".join(
        f"{name} [{group}] {word!r} in {text!r}"
        for (name, word), (group, text) in sorted(offenders.items())
    )
    hosts = sorted(outside)
    assert not offenders and not outside, (
        f"{len(offenders)} English words:\n{report}\nrequests to other hosts: {hosts}"
    )
    # Each group opened its dashboard and the explorer; publicity groups also the news editor.
    assert {name for group, name in opened if group == "宣传编辑"} >= {"dashboard", "news-editor"}
    assert len({group for group, _name in opened}) == len(admin_world.users)
