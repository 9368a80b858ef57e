import pytest
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.core.models import HomePage
from search import interface, quality


@pytest.fixture(scope="module")
def shared_corpus(django_db_setup, django_db_blocker):
    """The labelled demo-style corpus, built and indexed once per module.

    It lives in a transaction that is rolled back after the module; each test runs in its own
    savepoint on top, so tests that unpublish, move or delete pages undo their changes.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            Locale.objects.get_or_create(language_code="zh-hans")
            Locale.objects.get_or_create(language_code="en")
            root = Page.get_first_root_node()
            Page.objects.filter(depth=2).delete()
            root.refresh_from_db()
            home = HomePage(title="世界温商博物馆与信息平台", slug="home")
            root.add_child(instance=home)
            home.save_revision().publish()
            Site.objects.update_or_create(
                is_default_site=True,
                defaults={
                    "hostname": "localhost",
                    "port": 80,
                    "root_page": home,
                    "site_name": "温商",
                },
            )
            pages = quality.build_corpus(home)
            interface.rebuild()
            yield {key: page.pk for key, page in pages.items()}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def corpus(shared_corpus, db):
    """Fresh instances of the shared corpus pages for one test."""
    pages = Page.objects.filter(pk__in=shared_corpus.values()).specific().in_bulk()
    return {key: pages[pk] for key, pk in shared_corpus.items()}
