"""Publishing re-renders the listing pages that show the item, not the whole listing."""

import datetime

import pytest

from cms.publicity.factories import NewsPageFactory
from cms.publicity.models import NewsIndexPage
from frontend.publishing import dependencies
from frontend.publishing.builder import build_site

from .test_incremental import changed, snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def paginated_news(settings, small_site, site_dir, monkeypatch):
    """Eight news items, two per listing page, newest first: four listing pages."""
    monkeypatch.setattr(NewsIndexPage, "paginate_by", 2)
    settings.PUBLISH_ON_SAVE = True
    index = small_site["news_index"]
    for n in range(5):
        NewsPageFactory(
            parent=index,
            title=f"第{n}期温商简报",
            slug=f"brief-{n}",
            date=datetime.date(2025, 1, 1 + n),
        )
    build_site(workers=1)
    ordered = list(index.specific.get_listing())
    assert len(ordered) == 8
    return index, ordered


def listing_file(index, number):
    return dependencies.page_file(index.url, "" if number == 1 else f"page/{number}/")


def test_an_edit_rewrites_only_the_listing_page_that_shows_it(
    paginated_news, site_dir, django_capture_on_commit_callbacks
):
    index, ordered = paginated_news
    root = site_dir.resolve()
    item = ordered[6].specific  # the fourth listing page
    before = snapshot(root)

    item.title = "温商简报（更正）"
    with django_capture_on_commit_callbacks(execute=True):
        item.save_revision().publish()

    touched = changed(before, snapshot(root))
    assert listing_file(index, 4) in touched
    assert "温商简报（更正）" in (root / listing_file(index, 4)).read_text("utf-8")
    for number in (1, 2, 3):
        assert listing_file(index, number) not in touched


def test_a_new_item_shifts_the_listing_pages_after_it(
    paginated_news, site_dir, django_capture_on_commit_callbacks
):
    index, ordered = paginated_news
    root = site_dir.resolve()
    before = snapshot(root)
    oldest_date = ordered[-1].specific.date

    # It sorts among the oldest, at the end of the listing.
    newcomer = NewsPageFactory(
        parent=index, title="补发的旧闻", slug="late-news", live=False, date=oldest_date
    )
    with django_capture_on_commit_callbacks(execute=True):
        newcomer.save_revision().publish()

    touched = changed(before, snapshot(root))
    assert (root / listing_file(index, 5)).is_file()  # nine items: a fifth listing page
    assert "补发的旧闻" in "".join(
        (root / listing_file(index, n)).read_text("utf-8") for n in (4, 5)
    )
    # The number of listing pages changed, so every page's pagination links changed too.
    assert all(listing_file(index, n) in touched for n in (1, 2, 3, 4))


def test_an_item_leaving_updates_the_total_on_every_listing_page(
    paginated_news, site_dir, django_capture_on_commit_callbacks
):
    index, ordered = paginated_news
    root = site_dir.resolve()
    assert "共 8 条" in (root / listing_file(index, 1)).read_text("utf-8")

    # From the third listing page; seven items still make four pages.
    with django_capture_on_commit_callbacks(execute=True):
        ordered[4].specific.unpublish()

    for number in (1, 2, 3, 4):
        html = (root / listing_file(index, number)).read_text("utf-8")
        assert "共 7 条" in html and "共 8 条" not in html, number
