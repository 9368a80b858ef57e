"""The page chrome (menu, breadcrumbs, language switch, settings) is computed once per run.

A run is one share of a full build or one publish: nothing it keeps may outlive it, so a
publish never renders a menu or title from before the change (test_menus.py publishes
through the whole pipeline). What a page's manifest entry records must not depend on
whether its chrome came from the cache.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from cms.core.factories import StandardPageFactory
from cms.publicity.factories import NewsPageFactory
from frontend.publishing import dependencies
from frontend.publishing.builder import collect_static
from frontend.publishing.renderer import Renderer

pytestmark = pytest.mark.django_db

# Queries for one more news item rendered in a run that has rendered a sibling: its HTML,
# its API JSON and its manifest entry. It took 29 when every page fetched its own menu,
# breadcrumbs, locales and settings; 13 now, none of them for the chrome.
NEWS_PAGE_QUERY_LIMIT = 16


def menu_of(html):
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def fresh(page):
    """The page as a build fetches it."""
    return (
        Page.objects.filter(pk=page.pk)
        .specific()
        .select_related("locale", for_specific_subqueries=True)
        .get()
    )


def is_chrome_query(sql):
    """Site settings, locales by language, the menu's pages and sites: once per run."""
    where = sql.split(" WHERE ", 1)[1] if " WHERE " in sql else ""
    return (
        '"core_sitesettings"' in sql
        or '"wagtailcore_locale"."language_code" =' in where
        or (sql.startswith('SELECT "wagtailcore_locale"') and not where)
        or '"show_in_menus"' in where
        or 'FROM "wagtailcore_site"' in sql
    )


@pytest.fixture
def renderer(small_site, tmp_path):
    root = tmp_path / "build"
    collect_static(root)
    return Renderer(root)


def test_a_renderer_kept_across_a_publish_does_not_serve_its_old_menu(
    renderer, small_site, settings
):
    settings.PUBLISH_ON_SAVE = False
    news = small_site["news"][0]
    _entry, outputs = renderer.render_page(fresh(news))
    assert "温商回归政策" not in menu_of(outputs[dependencies.page_file(news.url)].decode())

    policy = StandardPageFactory(
        parent=small_site["home"], title="温商回归政策", show_in_menus=True, live=False
    )
    policy.save_revision().publish()

    _entry, outputs = renderer.render_page(fresh(news))
    assert "温商回归政策" in menu_of(outputs[dependencies.page_file(news.url)].decode())


def test_cached_chrome_records_the_same_pages_as_rendering_alone(renderer, small_site):
    """Each page's manifest entry and bytes are the same in a warm run and in a run of its own."""
    pages = [
        small_site["news"][0],
        small_site["news"][1],
        small_site["exhibit"],
        small_site["other_exhibit"],
        small_site["artifacts"][1],
        small_site["hall_en"],
        small_site["museum_en"],
    ]
    # Fresh instances, as a build fetches them: a page's loaded StreamField would not
    # instantiate the pages it embeds a second time.
    warm = [renderer.render_page(fresh(page)) for page in pages]
    for page, (entry, outputs) in zip(pages, warm, strict=True):
        alone = Renderer(renderer.root).render_page(fresh(page))
        assert entry == alone[0], page.url
        assert outputs == alone[1], page.url
    # The second news item's chrome came from the cache, and still counts its menu pages.
    second = warm[1][0]
    assert small_site["museum"].pk in second["ldeps"]
    assert small_site["news_index"].pk in second["ldeps"]


def test_a_page_renders_within_a_query_budget_and_repeats_no_chrome(renderer, small_site):
    news = small_site["news"]
    renderer.render_page(fresh(news[0]))

    with CaptureQueriesContext(connection) as queries:
        _entry, outputs = renderer.render_page(fresh(news[1]))

    html = outputs[dependencies.page_file(news[1].url)].decode()
    assert news[1].title in html and "main-nav" in html and "breadcrumbs" in html
    assert len(queries) <= NEWS_PAGE_QUERY_LIMIT, "\n".join(q["sql"] for q in queries)
    repeated = [q["sql"] for q in queries if is_chrome_query(q["sql"])]
    assert repeated == [], "\n".join(repeated)


def test_listing_pages_of_one_index_share_the_chrome(renderer, small_site, monkeypatch):
    from cms.publicity.models import NewsIndexPage

    monkeypatch.setattr(NewsIndexPage, "paginate_by", 1)
    index = small_site["news_index"]
    for n in range(3):
        NewsPageFactory(parent=index, title=f"第{n}期温商简报", slug=f"brief-{n}")
    renderer.render_page(fresh(small_site["news"][0]))

    with CaptureQueriesContext(connection) as queries:
        _entry, outputs = renderer.render_page(fresh(index))

    pages = [name for name in outputs if name.endswith(".html")]
    assert len(pages) == 6
    # Each listing page asks for its items; menu, crumbs, translations and settings are shared.
    assert len(queries) <= 4 * len(pages) + NEWS_PAGE_QUERY_LIMIT


def listing_queries(renderer, index):
    """Queries for a listing page in a run that has rendered the index once already."""
    renderer.render_page(fresh(index))
    with CaptureQueriesContext(connection) as queries:
        renderer.render_page(fresh(index))
    return len(queries)


def test_a_listing_fetches_its_cards_images_together_not_per_card(renderer, small_site):
    from cms.core.factories import ImageFactory
    from museum.factories import ArtifactImageFactory, ArtifactPageFactory

    collection = small_site["collection"]
    three = listing_queries(renderer, collection)
    for n in range(6):
        artifact = ArtifactPageFactory(parent=collection, slug=f"coupon-{n}")
        ArtifactImageFactory(artifact=artifact, image=ImageFactory())
        ArtifactImageFactory(artifact=artifact, image=ImageFactory())

    assert listing_queries(Renderer(renderer.root), collection) == three
