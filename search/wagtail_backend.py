"""Wagtail's own database search (admin searches, choosers, the API's ``?search=``) with the
query text cleaned before it reaches the database.

Upstream (modelsearch 1.3) passes the text straight into SQL: a NUL byte fails on SQLite and
PostgreSQL alike, and a double quote breaks SQLite's FTS5 MATCH syntax because modelsearch's
``Lexeme`` quotes each term without escaping ``"``. Both then surface as a 500 in the admin
and the API. Neither character can be part of a word worth searching for, so they become spaces.
"""

import functools
import re

from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.query import SearchQuery

# NUL and the other C0 controls, and the double quote FTS5 treats as syntax.
UNSEARCHABLE = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f\x7f"]')


def clean_query_text(text):
    return " ".join(UNSEARCHABLE.sub(" ", text).split())


def clean_query(query):
    """The same query with every piece of text cleaned; query objects are cleaned in place."""
    if isinstance(query, str):
        return clean_query_text(query)
    if isinstance(query, SearchQuery):
        if isinstance(getattr(query, "query_string", None), str):
            query.query_string = clean_query_text(query.query_string)
        for child in [getattr(query, "subquery", None), *getattr(query, "subqueries", ())]:
            if child is not None:
                clean_query(child)
    return query


class CleanQueryMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(
            query_compiler_class, clean_query(query), model_or_queryset, **kwargs
        )


@functools.cache
def with_clean_queries(backend_class):
    return type(f"Clean{backend_class.__name__}", (CleanQueryMixin, backend_class), {})


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module.
    """The database backend modelsearch picks for this database, cleaning query text."""
    backend = database_backend(params)
    return with_clean_queries(type(backend))(params)
