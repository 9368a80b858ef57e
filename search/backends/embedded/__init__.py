"""The embedded backend: full-text search in the project's own database, nothing to run."""

import dataclasses
import math
from typing import NamedTuple

from django.db import DatabaseError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import get_language

from ... import recency, vocabulary
from ...documents import FACET_NAMES, RECENCY_FAMILIES, facet_labels, navigation_types
from ...highlight import highlight
from ...interface import Hit, SearchResult, count_limit
from ...models import FacetValue, IndexEntry
from ...synonyms import expansions
from ...text import analyse_query, normalise
from ..base import Timer, facet_payload, image_url, iter_documents
from .vendors import for_vendor

WRITE_BATCH = 500
SUGGESTION_COUNT = 5
# Best title and name matches ranked beside the counted ones when a query has more matches.
NAME_CANDIDATES = 1000
# What an optional word (a question's frame: 做, 生意 in 做什么生意) weighs beside a required one
# of the same rarity, among pages that lack some words.
OPTIONAL_WEIGHT = 0.25


class Counted(NamedTuple):
    total: int
    is_estimate: bool


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
                        date=d.date,
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
            rows = [(d.page_id, d.columns()) for d in documents]
            self.fulltext.write(cursor, rows)
            vocabulary.record(
                cursor,
                [
                    vocabulary.words_of(columns, normalise(" ".join([d.title, *d.keywords])))
                    for d, (_page_id, columns) in zip(documents, rows, strict=True)
                ],
            )

    def delete(self, page_id):
        with transaction.atomic(), connection.cursor() as cursor:
            self.fulltext.delete(cursor, [page_id])
            IndexEntry.objects.filter(page_id=page_id).delete()

    def clear(self):
        with transaction.atomic(), connection.cursor() as cursor:
            self.fulltext.clear(cursor)
            FacetValue.objects.all().delete()
            IndexEntry.objects.all().delete()
            vocabulary.clear()

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
                f"{self.fulltext.filter_column} IN (SELECT entry_id FROM search_facetvalue "  # noqa: S608 - only constants interpolated; values are parameters
                f"WHERE name = %s AND value IN ({marks}))"
            )
            params.extend([name, *values])
        return (" AND " + " AND ".join(clauses)) if clauses else "", params

    def _run(self, sql, params, settings=None):
        """The rows of one read-only statement, run with these planner settings if any."""
        try:
            if not settings:
                with connection.cursor() as cursor:
                    cursor.execute(sql, params)
                    return cursor.fetchall()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT " + ", ".join(["set_config(%s, %s, true)"] * len(settings)),
                    [item for pair in settings.items() for item in pair],
                )
                cursor.execute(sql, params)
                rows = cursor.fetchall()
                # Rolling back the (read-only) block ends the settings with it.
                transaction.set_rollback(True)
            return rows
        except DatabaseError as exc:
            raise QueryError(str(exc)) from exc

    def _matches(self, expression, request, exclude=None):
        """[(entry id, page id)] of the first count_limit() + 1 matches, always the same ones."""
        where, params = self._filter_sql(request, exclude=exclude)
        return self._run(
            *self.fulltext.matches_sql(expression, where, params, count_limit() + 1),
            settings=self.fulltext.matches_settings,
        )

    def _top(self, expression, names_expression, request, limit, offset):
        """One page of ranked matches and the matches counted: [(page id, score)], matches.

        Up to count_limit() matches, every match is ranked, as it always was. Beyond that only
        a bounded set is: the matches counted plus the best matches of `names_expression` (the
        query in titles and names), which outrank body text: a title hit weighs ten times a
        body hit. Ranking all 40,000 pages that say 温州 took most of a second.
        """
        matches = self._matches(expression, request)
        if not matches:
            return [], matches
        candidates = [page_id for _entry_id, page_id in matches]
        if len(matches) > count_limit():
            where, params = self._filter_sql(request)
            best = max(NAME_CANDIDATES, offset + limit)
            names = self._run(*self.fulltext.names_sql(names_expression, where, params, best))
            candidates = list(dict.fromkeys([page_id for (page_id,) in names] + candidates))
        if request.sort != "relevance":
            return _in_date_order(candidates, request.sort)[offset : offset + limit], matches
        demoted = _navigation(candidates)
        decay = _decay(candidates)
        if not decay:
            ranked = self.fulltext.ranked_sql(expression, candidates, limit, offset, demoted)
            return self._run(*ranked), matches
        # News and campaigns among the matches: rank them all, then weigh each by its age.
        ranked = self._run(*self.fulltext.ranked_sql(expression, candidates, len(candidates), 0))
        rows = [(page_id, abs(score) * decay.get(page_id, 1.0)) for page_id, score in ranked]
        rows.sort(key=lambda r: (r[0] in demoted, -r[1], r[0]))
        return rows[offset : offset + limit], matches

    def _facet_counts(self, expression, request, matches):
        """Facet counts over the counted matches, one grouped query per set of facets.

        A facet that is filtered counts its values among the matches of the other filters,
        so the reader sees the alternatives to the value chosen."""
        groups = [(matches, [n for n in FACET_NAMES if not request.filters.get(n)])]
        groups += [
            (self._matches(expression, request, exclude=n), [n])
            for n in FACET_NAMES
            if request.filters.get(n)
        ]
        limit = count_limit()
        counts = {}
        for group_matches, names in groups:
            if not names or not group_matches:
                continue
            ids_sql, ids_params = self.fulltext.in_ids(
                "f.entry_id", [entry_id for entry_id, _page_id in group_matches[:limit]]
            )
            marks = ", ".join(["%s"] * len(names))
            for name, value, count in self._run(
                f"SELECT f.name, f.value, count(*) FROM search_facetvalue f WHERE {ids_sql} "  # noqa: S608 - only constants interpolated; values are parameters
                f"AND f.name IN ({marks}) GROUP BY f.name, f.value",
                [*ids_params, *names],
            ):
                counts.setdefault(name, []).append((value, count))
        return facet_payload(counts, request.lang)

    def _suggestions(self, query, request):
        """Titles close to a query that found nothing: any of its terms, or a pinyin prefix."""
        titles = []
        attempts = [
            (
                self.fulltext.compile(query, operator="OR"),
                self.fulltext.names_expression(query, operator="OR"),
            )
        ]
        if query.terms:
            names = self.fulltext.compile(
                analyse_query(query.normalised, prefix=True), names_only=True
            )
            attempts.append((names, names))
        for expression, names_expression in attempts:
            rows, _ = self._top(expression, names_expression, request, SUGGESTION_COUNT * 2, 0)
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
        entries = (
            IndexEntry.objects.select_related("image")
            .prefetch_related("image__renditions")
            .in_bulk([r[0] for r in rows], field_name="page_id")
        )
        types = facet_labels(
            "type", list({e.content_type for e in entries.values()}), lang or get_language()
        )
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
        """One page of ranked hits, the total, the facet counts and how many pages hold every
        query word.

        A query of several words finds every page that has any of them: the pages with all the
        words first, then the others by how much of the query they cover. Only when the pages
        with all the words are more than can be counted are the others left out."""
        offset = (request.page - 1) * request.page_size
        names_expression = self.fulltext.names_expression(query)
        if len(query.terms) > 1:
            full = self._matches(expression, request)
            if len(full) <= count_limit():
                return self._by_coverage(query, request, full, offset)
        rows, matches = self._top(expression, names_expression, request, request.page_size, offset)
        if not matches:
            return Counted(0, False), [], {}, 0
        limit = count_limit()
        total = Counted(min(len(matches), limit), len(matches) > limit)
        facets = self._facet_counts(expression, request, matches)
        return total, self._hits(rows, query, request.lang), facets, total.total

    def _by_coverage(self, query, request, full, offset):
        """Every page matching some query word, ranked by the share of the query it covers
        (each word weighted by its rarity, so missing 做 costs less than missing 巴黎), then
        by relevance. `full`: the matches of all the words."""
        limit = count_limit()
        per_term = []
        for term in query.terms:
            term_expression = self.fulltext.compile(query.only(term))
            per_term.append((term, term_expression, self._matches(term_expression, request)))
        entry_of = {page_id: entry_id for _t, _e, rows in per_term for entry_id, page_id in rows}
        entry_of.update({page_id: entry_id for entry_id, page_id in full})
        if not entry_of:
            return Counted(0, False), [], {}, 0
        candidates = list(entry_of)
        truncated = False
        members = []
        for _term, term_expression, rows in per_term:
            found = {page_id for _entry_id, page_id in rows}
            if len(rows) > limit:
                # Only the first matches of a common word were read: ask about the candidates.
                truncated = True
                ranked = self.fulltext.ranked_sql(term_expression, candidates, len(candidates), 0)
                found |= {page_id for page_id, _score in self._run(*ranked)}
            members.append(found)
        complete = {page_id for _entry_id, page_id in full}
        entries = max(len(candidates), IndexEntry.objects.count())
        weights = [
            math.log(1 + entries / max(1, len(rows))) * (OPTIONAL_WEIGHT if term.optional else 1)
            for term, _e, rows in per_term
        ]

        def coverage(page_id):
            if page_id in complete:
                return 1.0
            return sum(
                w for w, found in zip(weights, members, strict=True) if page_id in found
            ) / sum(weights)

        any_word = self.fulltext.compile(query, operator="OR")
        if request.sort != "relevance":
            order = [page_id for page_id, _score in _in_date_order(candidates, request.sort)]
        else:
            ranked = self._run(*self.fulltext.ranked_sql(any_word, candidates, len(candidates), 0))
            decay = _decay(candidates)
            relevance = {page_id: abs(score) * decay.get(page_id, 1.0) for page_id, score in ranked}
            demoted = _navigation(candidates)
            order = sorted(
                candidates,
                key=lambda p: (p in demoted, -coverage(p), -relevance.get(p, -1.0), p),
            )
        rows = [
            (page_id, coverage(page_id)) for page_id in order[offset : offset + request.page_size]
        ]
        hits = self._hits(rows, query, request.lang)
        for hit in hits:
            if hit.page_id not in complete:
                hit.missing = [
                    term.text
                    for (term, _e, _r), found in zip(per_term, members, strict=True)
                    if hit.page_id not in found and not term.optional
                ]
        matches = [(entry_of[page_id], page_id) for page_id in sorted(candidates)]
        facets = self._facet_counts(any_word, request, matches)
        total = Counted(min(len(candidates), limit), truncated or len(candidates) > limit)
        return total, hits, facets, len(complete)

    def search(self, request):
        """Results of the query; when no page has all its words, those of the query with its
        unknown words replaced by same-sound words of the index, if that finds pages that do."""
        result = self._search(request)
        if request.correct and not result.complete:
            corrected = vocabulary.homophone_correction(analyse_query(request.q))
            if corrected:
                retry = self._search(dataclasses.replace(request, q=corrected, correct=False))
                if retry.complete:
                    retry.corrected_from = request.q
                    return retry
        return result

    def _search(self, request):
        with Timer() as timer:
            query = vocabulary.add_pinyin_alternatives(
                analyse_query(request.q, synonyms=expansions())
            )
            result = SearchResult(
                query=request.q,
                total=0,
                results=[],
                facets={},
                page=request.page,
                page_size=request.page_size,
            )
            if query:
                # Pages with every required word count as complete; optional words (a
                # question's frame) only rank.
                expression = self.fulltext.compile(query.required)
                counted, result.results, result.facets, result.complete = self._page_and_facets(
                    expression, query, request
                )
                if not counted.total and request.lang:
                    # Nothing in the reader's language: show matches in the other language.
                    wider = _without_lang(request)
                    wider_counted, results, facets, complete = self._page_and_facets(
                        expression, query, wider
                    )
                    if wider_counted.total:
                        request, counted = wider, wider_counted
                        result.results, result.facets, result.complete = results, facets, complete
                        result.fallback_all_languages = True
                result.total, result.total_is_estimate = counted
                if not result.total:
                    result.suggestions = self._suggestions(query, request)
            elif request.filters:
                counted, result.results, result.facets = self._browse(request)
                result.total, result.total_is_estimate = counted
                result.complete = result.total
        result.took_ms = timer.ms
        return result

    def _entries(self, request, exclude=None):
        """Index entries in the reader's language that have every chosen facet value."""
        entries = IndexEntry.objects.all()
        if request.lang:
            entries = entries.filter(locale=request.lang)
        for name, values in request.filters.items():
            if name != exclude and values:
                entries = entries.filter(
                    pk__in=FacetValue.objects.filter(name=name, value__in=values).values("entry_id")
                )
        return entries

    def _browse(self, request):
        """Facets without a query: the chosen facets' pages, newest page first."""
        limit = count_limit()
        matches = list(
            self._entries(request).order_by("page_id").values_list("id", "page_id")[: limit + 1]
        )
        if not matches:
            return Counted(0, False), [], {}
        offset = (request.page - 1) * request.page_size
        if request.sort == "relevance":
            order = self._entries(request).order_by("-page_id").values_list("page_id", flat=True)
            page_ids = order[offset : offset + request.page_size]
        else:
            dated = self._entries(request).values_list("page_id", "date")
            page_ids = recency.by_date(list(dated), request.sort)[
                offset : offset + request.page_size
            ]
        rows = [(page_id, 0.0) for page_id in page_ids]
        counts = {}
        groups = [(matches, [n for n in FACET_NAMES if not request.filters.get(n)])]
        groups += [
            (list(self._entries(request, exclude=n).values_list("id", "page_id")[: limit + 1]), [n])
            for n in FACET_NAMES
            if request.filters.get(n)
        ]
        for group, names in groups:
            values = FacetValue.objects.filter(
                entry_id__in=[entry_id for entry_id, _page_id in group[:limit]], name__in=names
            )
            for name, value, count in values.values_list("name", "value").annotate(n=Count("id")):
                counts.setdefault(name, []).append((value, count))
        total = Counted(min(len(matches), limit), len(matches) > limit)
        return (
            total,
            self._hits(rows, analyse_query(""), request.lang),
            facet_payload(counts, request.lang),
        )

    def hits_for(self, page_ids, q, request):
        """Hits for these pages, in this order, among the indexed pages of the request's
        language and facets."""
        found = set(
            self._entries(request).filter(page_id__in=page_ids).values_list("page_id", flat=True)
        )
        rows = [(page_id, 0.0) for page_id in page_ids if page_id in found]
        return self._hits(rows, analyse_query(q), request.lang)

    def suggest(self, prefix, lang=None, limit=8):
        from ...interface import SearchRequest

        query = vocabulary.add_pinyin_alternatives(analyse_query(prefix, prefix=True))
        if not query:
            return []
        request = SearchRequest(q=prefix, lang=lang)
        expression = self.fulltext.compile(query, names_only=True)
        rows, _ = self._top(expression, expression, request, limit, 0)
        entries = IndexEntry.objects.in_bulk([r[0] for r in rows], field_name="page_id")
        return [
            {"title": e.title, "url": e.url, "type": e.content_type}
            for e in (entries.get(r[0]) for r in rows)
            if e is not None
        ]


def _navigation(page_ids):
    """The home, museum and index pages among these pages: they rank below content pages.
    There are a few dozen of them on a whole site, so all are read and intersected here."""
    navigation = IndexEntry.objects.filter(content_type__in=navigation_types())
    return set(navigation.values_list("page_id", flat=True)) & set(page_ids)


def _decay(page_ids):
    """{page id: recency factor} of the news and campaigns among these pages."""
    if not recency.half_life_days():
        return {}
    today = timezone.localdate()
    dated = IndexEntry.objects.filter(
        page_id__in=page_ids, family__in=RECENCY_FAMILIES, date__isnull=False
    ).values_list("page_id", "family", "date")
    return {page_id: recency.factor(family, day, today) for page_id, family, day in dated}


def _in_date_order(page_ids, sort):
    """Every one of these pages, ordered by date as `sort` asks (undated pages last)."""
    dated = IndexEntry.objects.filter(page_id__in=page_ids).values_list("page_id", "date")
    return [(page_id, 0.0) for page_id in recency.by_date(list(dated), sort)]


def _without_lang(request):
    return dataclasses.replace(request, lang=None)
