"""Fixtures shared by the whole suite: a minimal site tree and a real Chromium."""

import os
import shutil
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.db import connections, transaction
from django.test import override_settings
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage

# The S3-compatible test server and the storages on it (tests/object_store.py).
from tests.object_store import object_storage, s3_server  # noqa: F401

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_collection_modifyitems(items):
    """Browser tests carry the browser mark; transactional tests restore the migrated data.

    A transactional test empties the database when it ends. With serialized_rollback the next
    one starts from the snapshot taken after migrations; a test without it re-creates content
    types on its own, and the next snapshot restore then collides with them. So every
    transactional test uses it unless it says otherwise (the root page, locales and
    collection come back).
    """
    for item in items:
        # Every test that drives Chromium carries the browser mark, whether its module says
        # so or not: CI selects on it (`-m "not browser"` in the PostgreSQL pass).
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and "serialized_rollback" not in marker.kwargs
        ):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **marker.kwargs, serialized_rollback=True),
                append=False,
            )


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Every test writes uploads and renditions into its own directory.

    Caches are cleared too: renditions are cached by image id, and ids repeat between tests
    (rolled-back transactions) while media directories do not.
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    for alias in caches:
        caches[alias].clear()
    yield
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


def make_locales():
    zh, _ = Locale.objects.get_or_create(language_code="zh-hans")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return {"zh-hans": zh, "en": en}


def make_home_page(locales):
    """A Chinese HomePage as the default site's root, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node()
    Page.objects.filter(depth=2).delete()
    root.refresh_from_db()
    home = HomePage(title="世界温商博物馆与信息平台", slug="home", locale=locales["zh-hans"])
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "温商"},
    )
    return home


@pytest.fixture
def locales(db):
    return make_locales()


@pytest.fixture
def home_page(locales):
    return make_home_page(locales)


@contextmanager
def built_once_for_the_module(django_db_blocker, media):
    """Content a whole module of tests shares, built once instead of before every test.

    It is built inside a transaction that is rolled back when the module ends, so nothing
    leaks into other modules; each test then runs in a savepoint inside it (the ``db``
    fixture), so what one test changes is gone before the next. Files go to the module's
    ``media`` directory, which the tests must use too.
    """
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        with transaction.atomic():
            yield
            transaction.set_rollback(True)


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs it.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would then refuse
    # the tests' own (synchronous) database work as if it were called from async code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    # With that loop running, Django's context-local connection handler hands out new
    # connection objects, which lack the snapshot serialized_rollback restores from; without
    # it every later transactional test would start from an empty database.
    snapshots = {
        alias: connections[alias]._test_serialized_contents
        for alias in connections
        if hasattr(connections[alias], "_test_serialized_contents")
    }
    with sync_playwright() as playwright:
        for alias, snapshot in snapshots.items():
            connections[alias]._test_serialized_contents = snapshot
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_in_browser(browser):
    context = browser.new_context(locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()
