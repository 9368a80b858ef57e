"""The static-site state in a real Chromium: the page editor's header and the publishing
queue, on a desktop and a phone width (screenshots under build/screenshots/)."""

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from cms.core.factories import HomePageFactory, make_default_site, publish
from cms.publicity.factories import NewsIndexPageFactory, NewsPageFactory
from frontend.models import StaticPublish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SHOTS = Path(settings.BASE_DIR) / "build" / "screenshots"


@pytest.fixture
def failed_news(live_server):
    Locale.objects.get_or_create(language_code="zh-hans")
    home = publish(HomePageFactory(parent=Page.get_first_root_node()))
    make_default_site(home)
    news_index = publish(NewsIndexPageFactory(parent=home))
    news = publish(NewsPageFactory(parent=news_index, title="温商回归项目签约"))
    done = publish(NewsPageFactory(parent=news_index, title="温商大会开幕"))
    StaticPublish.objects.create(
        batch=uuid.uuid4(), action="publish", page_id=done.pk, page_title=done.title, status="done"
    )
    StaticPublish.objects.create(
        batch=uuid.uuid4(),
        action="publish",
        page_id=news.pk,
        page_title=news.title,
        status="failed",
        attempts=1,
        error="OSError: [Errno 28] No space left on device",
        next_attempt_at=timezone.now() + timedelta(seconds=30),
    )
    get_user_model().objects.create_superuser("admin", password="pw")
    return news, done


def log_in(tab, live_server):
    tab.goto(f"{live_server.url}/admin/login/")
    tab.fill("input[name=username]", "admin")
    tab.fill("input[name=password]", "pw")
    tab.click("button[type=submit]")
    tab.wait_for_url(f"{live_server.url}/admin/")


@pytest.mark.parametrize("width", [1280, 390])
def test_header_and_queue_show_the_static_site_state(
    page_in_browser, live_server, failed_news, width
):
    news, done = failed_news
    tab = page_in_browser
    tab.set_viewport_size({"width": width, "height": 800})
    log_in(tab, live_server)
    SHOTS.mkdir(parents=True, exist_ok=True)

    tab.goto(f"{live_server.url}/admin/pages/{news.pk}/edit/")
    state = tab.locator("[data-static-site-state]")
    expect(state).to_have_attribute("data-static-site-state", "failed")
    expect(state).to_contain_text("失败，将重试")
    expect(state).to_be_visible()
    tab.screenshot(path=SHOTS / f"static-site-state-failed-{width}.png")

    tab.goto(f"{live_server.url}/admin/pages/{done.pk}/edit/")
    expect(tab.locator("[data-static-site-state]")).to_contain_text("已同步")

    tab.goto(f"{live_server.url}/admin/static-publishes/")
    expect(tab.get_by_text("温商回归项目签约")).to_be_visible()
    expect(tab.get_by_role("link", name="重试")).to_be_visible()
    expect(tab.get_by_text("温商大会开幕")).to_have_count(0)
    tab.screenshot(path=SHOTS / f"static-publish-queue-{width}.png", full_page=True)
