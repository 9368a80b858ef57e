"""A change to a menu page re-renders every page whose menu lists it, in every locale."""

import re

import pytest

from cms.core.factories import StandardPageFactory
from frontend.publishing import dependencies
from frontend.publishing.builder import build_site

pytestmark = pytest.mark.django_db


def menu_of(html):
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def page_html(root, page):
    return (root / dependencies.page_file(page.url)).read_text("utf-8")


@pytest.fixture
def publishing(settings, small_site, site_dir):
    settings.PUBLISH_ON_SAVE = True
    build_site(workers=1)
    return site_dir.resolve()


def test_a_new_menu_page_is_in_the_menu_of_the_next_publish(
    publishing, small_site, django_capture_on_commit_callbacks
):
    root = publishing
    home, news = small_site["home"], small_site["news"]
    # A first publish: its run computes the menu without the new page.
    news[0].title = "温商回归项目签约（更新）"
    with django_capture_on_commit_callbacks(execute=True):
        news[0].save_revision().publish()
    assert "温商回归政策" not in menu_of(page_html(root, news[0]))

    policy = StandardPageFactory(
        parent=home, title="温商回归政策", slug="policy", show_in_menus=True, live=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        policy.save_revision().publish()
    for page in (news[1], small_site["exhibit"], small_site["hall_en"]):
        assert "温商回归政策" in menu_of(page_html(root, page)), page.url

    # The next publish of an unrelated page renders the menu as it is now, not as cached.
    policy.refresh_from_db()
    policy.title = "温商回归政策解读"
    with django_capture_on_commit_callbacks(execute=True):
        policy.save_revision().publish()
    news[2].title = "温商回归项目签约（终稿）"
    with django_capture_on_commit_callbacks(execute=True):
        news[2].save_revision().publish()
    for page in (news[1], news[2], small_site["museum_en"]):
        menu = menu_of(page_html(root, page))
        assert "温商回归政策解读" in menu and "温商回归政策<" not in menu, page.url


def test_a_new_translation_of_a_menu_page_takes_its_place_in_that_locale_s_menu(
    publishing, small_site, django_capture_on_commit_callbacks
):
    from cms.core.factories import translate

    root = publishing
    assert "新闻动态" in menu_of(page_html(root, small_site["hall_en"]))

    # Its own menu flag is off; the menu shows it in place of the page it translates.
    with django_capture_on_commit_callbacks(execute=True):
        translate(small_site["news_index"], "en", title="News", show_in_menus=False)

    for page in (small_site["hall_en"], small_site["museum_en"], small_site["home_en"]):
        menu = menu_of(page_html(root, page))
        assert ">News</a>" in menu and "新闻动态" not in menu, page.url
    assert "新闻动态" in menu_of(page_html(root, small_site["hall"]))
