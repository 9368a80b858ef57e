"""The embedded backend: full-text search in the project's own database, nothing to run."""

from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django.utils.translation import get_language

from ...documents import FACET_NAMES, facet_labels
from ...highlight import highlight
from ...interface import Hit, SearchResult
from ...models import FacetValue, IndexEntry
from ...text import analyse_query
from ..base import Timer, facet_payload, image_url, iter_documents
from .vendors import for_vendor

WRITE_BATCH = 500
# CROSS JOIN makes SQLite drive the join from the full-text matches (its planner would
# otherwise scan the entries and probe the FTS table once per row); PostgreSQL plans freely.
JOIN_ENTRY = "CROSS JOIN search_indexentry e"
SUGGESTION_COUNT = 5


class QueryError(ValueError):
    """The database refused the compiled query."""


class EmbeddedBackend:
    name = "embedded"

    def __init__(self):
        self.fulltext = for_vendor(connection.vendor)

    # Writing -----------------------------------------------------------------------------

    def index(self, document):
        self.write([document])

    def write(self, documents):
        if not documents:
            return
        page_ids = [d.page_id for d in documents]
        with transaction.atomic(), connection.cursor() as cursor:
            self.fulltext.delete(cursor, page_ids)
            IndexEntry.objects.filter(page_id__in=page_ids).delete()
            entries = IndexEntry.objects.bulk_create(
                [
                    IndexEntry(
                        page_id=d.page_id,
                        locale=d.locale,
                        content_type=d.type_code,
                        family=d.family,
                        title=d.title[:255],
                        url=d.url[:500],
                        text=d.text,
                        image_id=d.image_id,
                    )
                    for d in documents
                ]
            )
            FacetValue.objects.bulk_create(
                [
                    FacetValue(entry=entry, name=name, value=value[:120])
                    for entry, d in zip(entries, documents, strict=True)
                    for name, values in d.facets.items()
                    for value in values
                ]
            )
            self.fulltext.write(cursor, [(d.page_id, d.columns()) for d in documents])

    def delete(self, page_id):
        with transaction.atomic(), connection.cursor() as cursor:
            self.fulltext.delete(cursor, [page_id])
            IndexEntry.objects.filter(page_id=page_id).delete()

    def clear(self):
        with transaction.atomic(), connection.cursor() as cursor:
            self.fulltext.clear(cursor)
            FacetValue.objects.all().delete()
            IndexEntry.objects.all().delete()

    def _write_all(self, stdout=None):
        count, batch = 0, []
        with Timer() as timer:
            for document in iter_documents(stdout):
                batch.append(document)
                if len(batch) >= WRITE_BATCH:
                    self.write(batch)
                    count += len(batch)
                    batch = []
            self.write(batch)
            count += len(batch)
            with connection.cursor() as cursor:
                self.fulltext.after_bulk_write(cursor)
        return {"documents": count, "seconds": timer.ms / 1000}

    def rebuild(self, stdout=None):
        self.clear()
        return self._write_all(stdout)

    def update(self, stdout=None):
        """Reindex every live public page and drop entries of pages that no longer qualify."""
        started = timezone.now()
        stats = self._write_all(stdout)
        stale = IndexEntry.objects.filter(updated_at__lt=started).values_list("page_id", flat=True)
        for page_id in list(stale):
            self.delete(page_id)
        return stats

    # Reading -----------------------------------------------------------------------------

    def _filter_sql(self, request, exclude=None):
        clauses, params = [], []
        if request.lang:
            clauses.append("e.locale = %s")
            params.append(request.lang)
        for name, values in request.filters.items():
            if name == exclude or not values:
                continue
            marks = ", ".join(["%s"] * len(values))
            clauses.append(
                # Unary + keeps SQLite from probing the entry index once per listed id.
                "+e.id IN (SELECT entry_id FROM search_facetvalue "  # noqa: S608 - only constants interpolated; values are parameters
                f"WHERE name = %s AND value IN ({marks}))"
            )
            params.extend([name, *values])
        return (" AND " + " AND ".join(clauses)) if clauses else "", params

    def _run(self, sql, params):
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError as exc:
            raise QueryError(str(exc)) from exc

    def _ranked(self, expression, request, limit, offset, count=True):
        match_sql, match_params = self.fulltext.match_sql(expression)
        where, params = self._filter_sql(request)
        order = "DESC" if self.fulltext.descending else "ASC"
        rows = self._run(
            f"SELECT m.id, m.score FROM ({match_sql}) m {JOIN_ENTRY} WHERE e.page_id = m.id{where} "  # noqa: S608 - only constants interpolated; values are parameters
            f"ORDER BY m.score {order}, m.id LIMIT %s OFFSET %s",
            [*match_params, *params, limit, offset],
        )
        if not count:
            return rows, None
        count_sql, _ = self.fulltext.match_sql(expression, scored=False)
        total = self._run(
            f"SELECT count(*) FROM ({count_sql}) m {JOIN_ENTRY} WHERE e.page_id = m.id{where}",  # noqa: S608 - only constants interpolated; values are parameters
            [*match_params, *params],
        )[0][0]
        return rows, total

    def _facet_counts(self, expression, request):
        match_sql, match_params = self.fulltext.match_sql(expression, scored=False)
        groups = [(None, [n for n in FACET_NAMES if not request.filters.get(n)])]
        # A facet that is filtered counts its values without its own filter, so the reader
        # sees the alternatives to the value chosen.
        groups += [(n, [n]) for n in FACET_NAMES if request.filters.get(n)]
        counts = {}
        for exclude, names in groups:
            if not names:
                continue
            where, params = self._filter_sql(request, exclude=exclude)
            marks = ", ".join(["%s"] * len(names))
            for name, value, count in self._run(
                f"SELECT f.name, f.value, count(*) FROM ({match_sql}) m {JOIN_ENTRY} "  # noqa: S608 - only constants interpolated; values are parameters
                "CROSS JOIN search_facetvalue f WHERE e.page_id = m.id AND f.entry_id = e.id "
                f"AND f.name IN ({marks}){where} GROUP BY f.name, f.value",
                [*match_params, *names, *params],
            ):
                counts.setdefault(name, []).append((value, count))
        return facet_payload(counts, request.lang)

    def _suggestions(self, query, request):
        """Titles close to a query that found nothing: any of its terms, or a pinyin prefix."""
        titles = []
        attempts = [self.fulltext.compile(query, operator="OR")]
        if query.terms:
            attempts.append(
                self.fulltext.compile(analyse_query(query.normalised, prefix=True), names_only=True)
            )
        for expression in attempts:
            rows, _ = self._ranked(expression, request, SUGGESTION_COUNT * 2, 0)
            by_page = dict(
                IndexEntry.objects.filter(page_id__in=[r[0] for r in rows]).values_list(
                    "page_id", "title"
                )
            )
            for page_id, _score in rows:
                title = by_page.get(page_id)
                if title and title not in titles:
                    titles.append(title)
            if titles:
                break
        return titles[:SUGGESTION_COUNT]

    def _hits(self, rows, query, lang):
        entries = IndexEntry.objects.select_related("image").prefetch_related("image__renditions").in_bulk(
            [r[0] for r in rows], field_name="page_id"
        )
        types = facet_labels("type", list({e.content_type for e in entries.values()}), lang or get_language())
        hits = []
        for page_id, score in rows:
            entry = entries.get(page_id)
            if entry is None:
                continue
            hits.append(
                Hit(
                    page_id=page_id,
                    title=entry.title,
                    title_html=highlight(entry.title, query, whole=True),
                    url=entry.url,
                    type=entry.content_type,
                    type_label=types.get(entry.content_type, entry.content_type),
                    snippet=highlight(entry.text, query),
                    image=image_url(entry.image),
                    locale=entry.locale,
                    score=round(abs(float(score)), 4),
                )
            )
        return hits

    def _page_and_facets(self, expression, query, request):
        """One page of ranked hits and the facet counts; the total is the sum of the type
        facet (every entry has exactly one type), which saves a separate count query."""
        offset = (request.page - 1) * request.page_size
        rows, _ = self._ranked(expression, request, request.page_size, offset, count=False)
        if not rows and request.page == 1:
            return 0, [], {}, request
        facets = self._facet_counts(expression, request)
        chosen = set(request.filters.get("type", []))
        total = sum(f.count for f in facets.get("type", []) if not chosen or f.value in chosen)
        return total, self._hits(rows, query, request.lang), facets, request

    def search(self, request):
        with Timer() as timer:
            query = analyse_query(request.q)
            result = SearchResult(
                query=request.q, total=0, results=[], facets={}, page=request.page,
                page_size=request.page_size,
            )
            if query:
                expression = self.fulltext.compile(query)
                result.total, result.results, result.facets, request = self._page_and_facets(
                    expression, query, request
                )
                if not result.total and request.lang:
                    # Nothing in the reader's language: show matches in the other language.
                    wider = _without_lang(request)
                    total, results, facets, _ = self._page_and_facets(expression, query, wider)
                    if total:
                        request = wider
                        result.total, result.results, result.facets = total, results, facets
                        result.fallback_all_languages = True
                if not result.total:
                    result.suggestions = self._suggestions(query, request)
        result.took_ms = timer.ms
        return result

    def suggest(self, prefix, lang=None, limit=8):
        from ...interface import SearchRequest

        query = analyse_query(prefix, prefix=True)
        if not query:
            return []
        request = SearchRequest(q=prefix, lang=lang)
        expression = self.fulltext.compile(query, names_only=True)
        rows, _ = self._ranked(expression, request, limit, 0)
        entries = IndexEntry.objects.in_bulk([r[0] for r in rows], field_name="page_id")
        return [
            {"title": e.title, "url": e.url, "type": e.content_type}
            for e in (entries.get(r[0]) for r in rows)
            if e is not None
        ]


def _without_lang(request):
    from ...interface import SearchRequest

    return SearchRequest(
        q=request.q, filters=request.filters, page=request.page, page_size=request.page_size
    )

