"""An editor's preview of a draft shows what the static page will hold once published."""

import re

import pytest

from frontend.publishing import dependencies
from frontend.publishing.builder import build_site

pytestmark = pytest.mark.django_db


def main_content(html):
    return re.search(r"<main\b.*?</main>", html, re.S).group(0)


def test_preview_of_a_draft_matches_the_published_static_page(small_site, site_dir):
    build_site(workers=1)
    exhibit = small_site["exhibit"]
    static_file = site_dir / dependencies.page_file(exhibit.url)
    exhibit.title = "桥头纽扣市场：一粒纽扣的世界"
    revision = exhibit.save_revision()

    preview = exhibit.make_preview_request().content.decode("utf-8")
    assert "桥头纽扣市场：一粒纽扣的世界" not in static_file.read_text("utf-8")

    revision.publish()
    build_site(workers=1)
    published = static_file.read_text("utf-8")

    assert "桥头纽扣市场：一粒纽扣的世界" in main_content(preview)
    assert main_content(preview) == main_content(published)
