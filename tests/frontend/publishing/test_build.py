"""A full build writes every live page in every locale, and nothing for drafts."""

from xml.etree import ElementTree

import pytest

from frontend.publishing import dependencies
from frontend.publishing.builder import build_site
from frontend.publishing.dependencies import publishable_pages
from frontend.publishing.linkcheck import check_links

pytestmark = pytest.mark.django_db


def test_every_live_page_in_every_locale_and_no_drafts(small_site, site_dir):
    report = build_site(workers=1)

    assert site_dir.is_symlink()
    live = list(publishable_pages().specific())
    assert report.pages == len(live)
    assert {page.locale.language_code for page in live} == {"zh-hans", "en"}
    for page in live:
        html = (site_dir / dependencies.page_file(page.url)).read_text("utf-8")
        assert page.title in html
        assert (site_dir / dependencies.api_detail_file(page.pk)).is_file()
    assert (site_dir / "en/museum/index.html").is_file()
    for draft in (small_site["draft_artifact"], small_site["draft_news"]):
        assert not (site_dir / dependencies.page_file(draft.url or f"/{draft.slug}/")).exists()
        assert not (site_dir / dependencies.api_detail_file(draft.pk)).exists()
        assert not any(draft.title in p.read_text("utf-8") for p in site_dir.rglob("*.html"))
    assert (site_dir / "404.html").is_file() and (site_dir / "en/404.html").is_file()
    assert (site_dir / "robots.txt").read_text().count("Sitemap: ") == 1
    assert (site_dir / "feeds/news.rss").is_file() and (site_dir / "en/feeds/news.atom").is_file()
    # RFC 4287 4.1.1: a feed names an author unless each of its entries does.
    atom = ElementTree.parse(site_dir / "feeds/news.atom").getroot()  # noqa: S314 - our build
    assert (
        atom.find("{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name")
        is not None
    )


def test_link_check_passes_on_a_full_build(small_site, site_dir):
    build_site(workers=1)

    problems, checked = check_links(site_dir)

    assert problems == []
    assert checked > 50


def test_link_check_reports_a_missing_image(small_site, site_dir):
    build_site(workers=1)
    html = "".join(path.read_text() for path in site_dir.rglob("*.html"))
    # A rendition that some page's HTML references (others serve only the JSON API).
    rendition = next(path for path in (site_dir / "media").rglob("*.webp") if path.name in html)
    rendition.unlink()

    problems, _checked = check_links(site_dir)

    assert problems
    assert all(rendition.name in problem.url for problem in problems)


def test_static_assets_are_hashed_and_only_public(small_site, site_dir):
    build_site(workers=1)
    static = site_dir / "static"

    assert (static / "staticfiles.json").is_file()
    assert not (static / "wagtailadmin").exists() and not (static / "admin").exists()
    home = (site_dir / "index.html").read_text("utf-8")
    css = [p for p in static.rglob("main.*.css")]
    assert css and f"/static/{css[0].relative_to(static)}" in home


def test_images_are_in_the_build(small_site, site_dir):
    build_site(workers=1)
    exhibit = (site_dir / dependencies.page_file(small_site["exhibit"].url)).read_text("utf-8")

    media = list((site_dir / "media").rglob("*"))
    assert any(p.is_file() for p in media)
    for path in (p for p in media if p.is_file()):
        assert path.stat().st_size > 0
    assert "/media/images/" in exhibit


def test_sitemap_lists_every_page_with_alternates(small_site, site_dir):
    build_site(workers=1)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    tree = ElementTree.parse(site_dir / "sitemap.xml")  # noqa: S314 - our own build output

    urls = {u.find("s:loc", ns).text: u for u in tree.getroot().findall("s:url", ns)}
    live = list(publishable_pages())
    assert len(urls) == len(live)
    for page in live:
        assert page.full_url in urls
    hall = urls[small_site["hall"].full_url]
    alternates = {link.get("hreflang"): link.get("href") for link in hall.findall("x:link", ns)}
    assert alternates == {
        "zh-Hans": small_site["hall"].full_url,
        "en": small_site["hall_en"].full_url,
        "x-default": small_site["hall"].full_url,
    }
    assert urls[small_site["other_exhibit"].full_url].findall("x:link", ns) == []


def test_build_in_one_transaction_renders_in_process(small_site, site_dir):
    """Forked workers cannot see a caller's uncommitted data, so the build stays in-process."""
    report = build_site(workers=2)

    assert report.workers == 1
    assert report.pages == publishable_pages().count()


@pytest.mark.django_db(transaction=True)
def test_two_processes_build_the_same_site_as_one(transactional_db, small_site, site_dir, tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory SQLite database is not shared with forked workers")
    serial = build_site(tmp_path / "serial" / "site", workers=1)
    parallel = build_site(workers=2)

    assert parallel.workers == 2
    assert parallel.pages == serial.pages == publishable_pages().count()

    def files(root):
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())

    assert files(site_dir.resolve()) == files(serial.directory)
    home = (site_dir / "index.html").read_text("utf-8")
    assert home == (serial.directory / "index.html").read_text("utf-8")


def test_a_second_full_build_rewrites_no_file(small_site, site_dir):
    """Same content, same bytes and modification times: ETags and Last-Modified hold."""
    import json

    from .test_incremental import snapshot

    first = build_site(workers=1).directory
    before = snapshot(first)

    second = build_site(workers=1).directory

    assert second != first
    assert snapshot(second) == before
    # Only the content-hashed names of static files are published.
    hashed = json.loads((second / "static/staticfiles.json").read_text())["paths"]
    originals = [name for name, target in hashed.items() if target != name]
    assert originals
    for name in originals:
        assert not (second / "static" / name).exists(), name
        assert (second / "static" / hashed[name]).is_file()


@pytest.mark.django_db(transaction=True)
def test_two_full_builds_started_together_both_succeed(transactional_db, small_site, site_dir):
    """The second waits for the site's build lock; neither removes the other's directory."""
    import threading

    from django.db import connection, connections

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads get separate connections; an in-memory SQLite lock row is unsafe")
    reports, errors = [], []

    def build():
        try:
            reports.append(build_site(workers=1))
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=build) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(reports) == 2 and reports[0].directory != reports[1].directory
    assert site_dir.resolve() in {r.directory for r in reports}
    assert (site_dir / "index.html").is_file()
    assert check_links(site_dir)[0] == []
