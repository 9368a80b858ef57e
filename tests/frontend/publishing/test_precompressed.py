"""Precompressed twins (.gz, .br) beside every text file, and `_headers` for static hosts."""

import gzip
import json

import brotli
import pytest

from frontend.publishing import dependencies
from frontend.publishing.builder import build_site


def assert_twins_match(path):
    content = path.read_bytes()
    assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == content, path
    assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == content, path


@pytest.fixture
def built(small_site, site_dir):
    build_site(workers=1)
    return site_dir.resolve()


def test_build_writes_gzip_and_brotli_beside_text_files(built, small_site):
    exhibit = built / dependencies.page_file(small_site["exhibit"].url)
    for path in [
        built / "index.html",
        exhibit,
        built / "sitemap.xml",
        built / "robots.txt",
        built / "feeds" / "news.rss",
        built / dependencies.api_detail_file(small_site["exhibit"].pk),
    ]:
        assert_twins_match(path)
    hashed = json.loads((built / "static" / "staticfiles.json").read_text())["paths"].values()
    css = [name for name in hashed if name.endswith(".css")]
    assert css
    for name in css:
        assert_twins_match(built / "static" / name)
    # Build internals and binary files get none.
    assert not (built / ".manifest.json.gz").exists()
    images = [p for p in (built / "media").rglob("*") if p.is_file()]
    assert images and not [p for p in images if p.suffix in {".gz", ".br"}]


def test_headers_file_caches_only_names_that_change_with_content(built):
    headers = (built / "_headers").read_text()
    hashed = json.loads((built / "static" / "staticfiles.json").read_text())["paths"]
    for original, name in hashed.items():
        assert f"/static/{name}\n  Cache-Control: public, max-age=31536000, immutable" in headers
        if original != name:
            assert f"/static/{original}\n" not in headers
    assert "/media/images/*\n  Cache-Control: public, max-age=31536000, immutable" in headers
    # No catch-all: both hosts would combine its value with the long one.
    assert "\n/*\n" not in headers


def test_publishing_rewrites_and_removes_the_twins(
    settings, built, small_site, django_capture_on_commit_callbacks
):
    settings.PUBLISH_ON_SAVE = True
    news, gone = small_site["news"][1], small_site["news"][2]
    news.title = "温商回归项目签约仪式举行"
    with django_capture_on_commit_callbacks(execute=True):
        news.save_revision().publish()
    page = built / dependencies.page_file(news.url)
    assert "温商回归项目签约仪式举行" in page.read_text("utf-8")
    assert_twins_match(page)
    assert_twins_match(built / dependencies.page_file(small_site["news_index"].url))

    gone_file = built / dependencies.page_file(gone.url)
    assert gone_file.with_name("index.html.br").exists()
    with django_capture_on_commit_callbacks(execute=True):
        gone.unpublish()
    assert not gone_file.exists()
    assert not gone_file.with_name("index.html.gz").exists()
    assert not gone_file.with_name("index.html.br").exists()
