"""A rebuild leaves the index in page id order (its own module: the test runs outside a
transaction, which the shared corpus of the other modules keeps open)."""

import pytest
from django.db import connection

from search import interface, quality

LIMIT = 3


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_stores_entries_in_page_id_order(home_page, settings):
    """Outside a transaction (as `search_index rebuild` runs) the first matches counted are
    the oldest pages on PostgreSQL too, whatever order the page types were written in."""
    quality.build_corpus(home_page)
    interface.rebuild()
    order = "ctid" if connection.vendor == "postgresql" else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT page_id FROM search_indexentry ORDER BY {order}")  # noqa: S608 - constant
        stored = [page_id for (page_id,) in cursor.fetchall()]
    assert len(stored) > 40
    if connection.vendor == "postgresql":
        assert stored == sorted(stored)
    settings.SEARCH_COUNT_LIMIT = LIMIT
    result = interface.search("温州", lang="zh-hans")
    assert result.total_is_estimate
    assert sum(f.count for f in result.facets["type"]) == LIMIT
