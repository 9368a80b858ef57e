import pytest

from search import interface, quality


@pytest.fixture
def corpus(home_page, django_capture_on_commit_callbacks):
    """The labelled demo-style corpus, published and indexed by the configured backend."""
    with django_capture_on_commit_callbacks(execute=True):
        pages = quality.build_corpus(home_page)
    interface.rebuild()
    return pages
