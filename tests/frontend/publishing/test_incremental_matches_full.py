"""After any kind of change, publishing incrementally gives the site a fresh full build gives.

For each change: build, apply the change with publish-on-save (the incremental path), then
build the same content from scratch into another directory and compare the two trees file
by file, bytes included. Nothing is excluded: builds carry no stamp, feeds and gzip twins
have fixed dates, and both builds share MEDIA_ROOT, so rendition and share card names agree.
"""

import hashlib

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from frontend.publishing.builder import build_site
from frontend.publishing.manifest import Manifest

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()


def change_publish(site):
    publish(site["draft_news"])


def change_edit_title(site):
    news = site["news"][1]
    news.title = "温商回归项目签约仪式举行"
    publish(news)


def change_unpublish(site):
    site["news"][2].unpublish()


def change_move(site):
    # From the hall to the museum: old and new parent, siblings, URL, breadcrumbs.
    exhibit = site["other_exhibit"]
    exhibit.move(site["museum"], pos="last-child")


def change_delete(site):
    site["artifacts"][0].delete()


def change_menu_flag(site):
    museum = site["museum"]
    museum.show_in_menus = False
    publish(museum)


def change_unpublish_menu_page(site):
    site["news_index"].unpublish()


def change_menu_title(site):
    museum = site["museum"]
    museum.title = "温商博物馆"
    publish(museum)


def change_restriction(site):
    PageViewRestriction.objects.create(
        page=site["hall"], restriction_type=PageViewRestriction.PASSWORD, password="preview"
    )


def change_redirect(site):
    Redirect.add_redirect("/old-museum", redirect_to=site["museum"], is_permanent=True)


CHANGES = {
    "publish": change_publish,
    "edit-title": change_edit_title,
    "unpublish": change_unpublish,
    "move": change_move,
    "delete": change_delete,
    "menu-flag": change_menu_flag,
    "menu-title": change_menu_title,
    "unpublish-menu-page": change_unpublish_menu_page,
    "restriction": change_restriction,
    "redirect": change_redirect,
}


def tree(root):
    """sha1 of every file under `root`, by relative path."""
    return {
        str(path.relative_to(root)): hashlib.sha1(path.read_bytes()).hexdigest()  # noqa: S324
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.mark.parametrize("kind", list(CHANGES))
def test_incremental_result_equals_a_full_build(
    kind, settings, small_site, site_dir, tmp_path, django_capture_on_commit_callbacks
):
    build_site(workers=1)
    settings.PUBLISH_ON_SAVE = True

    with django_capture_on_commit_callbacks(execute=True):
        CHANGES[kind](small_site)

    settings.PUBLISH_ON_SAVE = False
    incremental = site_dir.resolve()
    fresh = build_site(tmp_path / "fresh" / "site", workers=1).directory

    got, want = tree(incremental), tree(fresh)
    assert sorted(got.keys() - want.keys()) == [], "files only the incremental site has"
    assert sorted(want.keys() - got.keys()) == [], "files only the full build has"
    assert sorted(name for name in want if got[name] != want[name]) == [], "different bytes"
    # Redirects for nginx live beside the build, the manifest too.
    assert (incremental.parent / "redirects.nginx.conf").read_bytes() == (
        fresh.parent / "redirects.nginx.conf"
    ).read_bytes()
    assert Manifest.load(incremental).pages.keys() == Manifest.load(fresh).pages.keys()
