"""Publishing re-renders only what a change touches; a failed build leaves the site serving."""

import hashlib
import json

import pytest
from wagtail.contrib.redirects.models import Redirect

from frontend.publishing import dependencies
from frontend.publishing.builder import build_site
from frontend.publishing.renderer import Renderer

pytestmark = pytest.mark.django_db


def snapshot(root):
    """(mtime_ns, sha1) of every file of the build, by relative path."""
    return {
        str(path.relative_to(root)): (
            path.stat().st_mtime_ns,
            hashlib.sha1(path.read_bytes()).hexdigest(),  # noqa: S324 - change detection only
        )
        for path in root.rglob("*")
        if path.is_file()
    }


def changed(before, after):
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


@pytest.fixture
def publishing(settings, small_site, site_dir, django_capture_on_commit_callbacks):
    settings.PUBLISH_ON_SAVE = True
    build_site(workers=1)
    root = site_dir.resolve()
    return root


def page_html(root, page):
    return (root / dependencies.page_file(page.url)).read_text("utf-8")


def test_publishing_an_edit_updates_the_page_and_its_listing_only(
    publishing, small_site, django_capture_on_commit_callbacks
):
    root = publishing
    news = small_site["news"][1]
    before = snapshot(root)

    news.title = "温商回归项目签约仪式举行"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()

    after = snapshot(root)
    touched = changed(before, after)
    news_file = dependencies.page_file(news.url)
    index_file = dependencies.page_file(small_site["news_index"].url)
    assert news_file in touched and index_file in touched
    assert "温商回归项目签约仪式举行" in page_html(root, news)
    assert "温商回归项目签约仪式举行" in page_html(root, small_site["news_index"])
    assert dependencies.api_detail_file(news.pk) in touched
    assert "feeds/news.rss" in touched
    # Unrelated pages keep their bytes and their modification times.
    for unrelated in (
        small_site["other_exhibit"],
        small_site["hall"],
        small_site["artifacts"][2],
        small_site["news"][0],
        small_site["museum_en"],
    ):
        assert dependencies.page_file(unrelated.url) not in touched
    # Existing images and assets are left alone; the page's card changes with its title.
    own_card = f"media/share-cards/{news.pk}/"
    assert not [
        n
        for n in touched
        if n.startswith(("media/", "static/")) and n in before and not n.startswith(own_card)
    ]


def test_unpublishing_removes_the_file_and_the_listing_entry(
    publishing, small_site, django_capture_on_commit_callbacks
):
    root = publishing
    news = small_site["news"][2]
    news_file = root / dependencies.page_file(news.url)
    assert news_file.is_file()
    assert news.title in page_html(root, small_site["news_index"])
    before = snapshot(root)

    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()

    assert not news_file.exists()
    assert not (root / dependencies.api_detail_file(news.pk)).exists()
    assert news.title not in page_html(root, small_site["news_index"])
    assert news.title not in (root / "sitemap.xml").read_text()
    listing = json.loads(
        (root / dependencies.api_listing_file("zh-hans", "publicity.NewsPage")).read_text()
    )
    assert news.pk not in [item["id"] for item in listing["items"]]
    touched = changed(before, snapshot(root))
    assert dependencies.page_file(small_site["other_exhibit"].url) not in touched
    assert dependencies.page_file(small_site["hall"].url) not in touched


def test_publishing_an_artifact_updates_the_exhibit_that_embeds_it(
    publishing, small_site, django_capture_on_commit_callbacks
):
    root = publishing
    artifact = small_site["artifacts"][0]
    before = snapshot(root)

    artifact.title = "温州供销员的账本"
    with django_capture_on_commit_callbacks(execute=True):
        artifact.save_revision().publish()

    touched = changed(before, snapshot(root))
    assert dependencies.page_file(artifact.url) in touched
    assert dependencies.page_file(small_site["exhibit"].url) in touched
    assert "温州供销员的账本" in page_html(root, small_site["exhibit"])
    assert dependencies.page_file(small_site["other_exhibit"].url) not in touched


def test_a_new_page_appears_in_its_listing_and_the_sitemap(
    publishing, small_site, django_capture_on_commit_callbacks
):
    root = publishing
    draft = small_site["draft_news"]

    with django_capture_on_commit_callbacks(execute=True):
        draft.save_revision().publish()

    draft.refresh_from_db()
    assert draft.title in page_html(root, draft)
    assert draft.title in page_html(root, small_site["news_index"])
    assert draft.full_url in (root / "sitemap.xml").read_text()


def test_moving_a_page_removes_the_old_path_and_redirects(
    publishing, small_site, django_capture_on_commit_callbacks
):
    root = publishing
    exhibit = small_site["other_exhibit"]
    old_file = root / dependencies.page_file(exhibit.url)
    old_path = exhibit.url

    exhibit.slug = "shoe-capital"
    with django_capture_on_commit_callbacks(execute=True):
        exhibit.save_revision().publish()
        Redirect.add_redirect(old_path, redirect_to=exhibit, is_permanent=True)

    exhibit.refresh_from_db()
    assert (root / dependencies.page_file(exhibit.url)).is_file()
    assert exhibit.url in (root / "_redirects").read_text()
    assert exhibit.url in (root.parent / "redirects.nginx.conf").read_text()
    # The old address now holds a redirect page instead of the old content.
    assert f'url={exhibit.url}"' in old_file.read_text() or exhibit.url in old_file.read_text()
    assert "鹿城鞋业" not in old_file.read_text()


def test_redirects_are_emitted_by_a_full_build(small_site, site_dir):
    Redirect.add_redirect("/old-museum", redirect_to=small_site["museum"], is_permanent=True)
    Redirect.add_redirect("/campaign-2025", redirect_to="https://example.org/", is_permanent=False)

    build_site(workers=1)

    netlify = (site_dir / "_redirects").read_text().splitlines()
    assert f"/old-museum  {small_site['museum'].url}  301" in netlify
    assert "/campaign-2025  https://example.org/  302" in netlify
    nginx = (site_dir.parent / "redirects.nginx.conf").read_text()
    assert f'"/old-museum/" "{small_site["museum"].url}";' in nginx
    stub = (site_dir / "old-museum/index.html").read_text()
    assert f'url={small_site["museum"].url}"' in stub


def test_an_interrupted_build_leaves_the_previous_site_intact(small_site, site_dir, monkeypatch):
    build_site(workers=1)
    serving = site_dir.resolve()
    before = snapshot(serving)
    small_site["hall"].title = "改名后的展厅"
    small_site["hall"].save_revision().publish()

    calls = {"n": 0}
    original = Renderer.render_page

    def failing(self, page):
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("injected failure on the fifth page")
        return original(self, page)

    monkeypatch.setattr(Renderer, "render_page", failing)
    with pytest.raises(RuntimeError, match="injected"):
        build_site(workers=1)

    assert site_dir.resolve() == serving
    assert snapshot(serving) == before
    assert "改名后的展厅" not in page_html(serving, small_site["hall"])
    leftovers = [p for p in site_dir.parent.iterdir() if p.name.endswith(".partial")]
    assert leftovers == []

    monkeypatch.setattr(Renderer, "render_page", original)
    build_site(workers=1)
    assert site_dir.resolve() != serving
    assert "改名后的展厅" in page_html(site_dir.resolve(), small_site["hall"])


def test_a_new_project_re_renders_the_progress_page_and_home(
    publishing, small_site, site_dir, django_capture_on_commit_callbacks
):
    from cms.projects.factories import (
        ProgressPageFactory,
        ProjectIndexPageFactory,
        ProjectPageFactory,
    )
    from frontend.publishing.builder import build_site as rebuild

    home = small_site["home"]
    projects = ProjectIndexPageFactory(parent=home)
    ProjectPageFactory(parent=projects, amount=40, stage="signed")
    progress = ProgressPageFactory(parent=home)
    rebuild(workers=1)
    root = site_dir.resolve()
    progress_file = dependencies.page_file(progress.url)
    assert "<strong>40</strong>" in (root / progress_file).read_text("utf-8")
    unrelated = dependencies.page_file(small_site["news"][0].url)
    before = snapshot(root)

    project = ProjectPageFactory(parent=projects, amount=60, stage="construction", live=False)
    with django_capture_on_commit_callbacks(execute=True):
        project.save_revision().publish()

    touched = changed(before, snapshot(root))
    assert progress_file in touched
    assert dependencies.page_file(home.url) in touched
    assert unrelated not in touched
    assert "<strong>100</strong>" in (root / progress_file).read_text("utf-8")


def test_a_page_made_private_leaves_the_static_site_with_its_children(
    publishing, small_site, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    root = publishing
    hall, exhibit = small_site["hall"], small_site["exhibit"]
    hall_file = root / dependencies.page_file(hall.url)
    exhibit_file = root / dependencies.page_file(exhibit.url)
    assert hall_file.is_file() and exhibit_file.is_file()

    with django_capture_on_commit_callbacks(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=hall, restriction_type=PageViewRestriction.PASSWORD, password="preview"
        )
    assert not hall_file.exists() and not exhibit_file.exists()

    with django_capture_on_commit_callbacks(execute=True):
        restriction.delete()
    assert hall_file.is_file() and exhibit_file.is_file()


def test_an_unpublished_page_takes_its_renditions_and_share_cards_with_it(
    publishing, small_site, settings, django_capture_on_commit_callbacks
):
    from frontend import share_cards
    from frontend.publishing.manifest import Manifest

    root = publishing
    # A page without images has a drawn share card; title edits replace it, one at a time.
    news = small_site["news"][0]
    card_dir = f"media/{share_cards.card_directory(news.pk)}"
    assert list((root / card_dir).glob("*.png"))
    for title in ("温商回归（一）", "温商回归（二）"):
        news.title = title
        with django_capture_on_commit_callbacks(execute=True):
            news.save_revision().publish()
    cards = [p.name for p in (root / card_dir).glob("*.png")]
    stored = list((settings.MEDIA_ROOT / share_cards.card_directory(news.pk)).iterdir())
    assert len(cards) == 1 and len(stored) == 1
    assert cards[0] in page_html(root, news)

    # An artifact's renditions that no other page shows leave the site with it.
    artifact = small_site["artifacts"][2]
    pages = Manifest.load(root).pages
    others = set().union(
        *(dependencies.page_assets(e) for pk, e in pages.items() if pk != artifact.pk)
    )
    only_its_own = dependencies.page_assets(pages[artifact.pk]) - others
    assert any(name.startswith("media/images/") for name in only_its_own)
    assert all((root / name).is_file() for name in only_its_own)

    with django_capture_on_commit_callbacks(execute=True):
        artifact.unpublish()

    for name in only_its_own:
        assert not (root / name).exists(), name
    with django_capture_on_commit_callbacks(execute=True):
        news.unpublish()
    assert not (root / card_dir).exists()
