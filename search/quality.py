"""Measuring search quality: build a labelled corpus of pages, run labelled queries, score them.

Two kinds of data file are scored. The demo-style corpus (tests/search/corpus.json) with its
queries (tests/search/queries.json) builds pages of every type. A *set* (tests/search/devset.json,
and any held-out set in the same format) holds plain documents written apart from its queries:
they are published as news pages under the news index, optionally beside the demo site. A set
with no documents (tests/search/heldout/2026-11-30.json) labels the demo's own pages by their URL
paths and is scored on the demo site.
`manage.py search_quality` and the test suite both use this module, and every run scores this
project's search beside plain Wagtail database search and a bigram-OR baseline of the same pages.
"""

import datetime
import json
import math
from collections import Counter
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "search" / "corpus.json"
DEFAULT_QUERIES = Path(settings.BASE_DIR) / "tests" / "search" / "queries.json"
DEFAULT_SET = Path(settings.BASE_DIR) / "tests" / "search" / "devset.json"
CUTOFF = 10
# Publication date of set documents that carry none: they are all equally recent.
SET_DATE = datetime.date(2025, 1, 1)


def load(path):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _paragraphs(text):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


def _coerce(model, fields, pages):
    out = {}
    for name, value in fields.items():
        field = model._meta.get_field(name)
        if isinstance(field, StreamField):
            value = _paragraphs(value)
        elif isinstance(field, models.ForeignKey) and isinstance(value, str):
            value = pages[value]
        elif isinstance(field, models.DateField) and isinstance(value, str):
            value = datetime.date.fromisoformat(value)
        elif isinstance(field, models.DecimalField):
            value = Decimal(value)
        elif field.get_internal_type() == "TextField" and name == "description":
            value = f"<p>{value}</p>" if "RichText" in type(field).__name__ else value
        out[name] = value
    return out


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def build_corpus(home, spec=None):
    """Create and publish the corpus pages under `home`; returns {key: page} (English: key@en)."""
    spec = spec or load(DEFAULT_CORPUS)
    pages = {"home": home}
    pending = list(spec["containers"]) + list(spec["pages"])
    while pending:
        progressed = False
        for item in list(pending):
            if item["parent"] not in pages:
                continue
            model = apps.get_model(item["type"])
            parent = pages[item["parent"]]
            page = model(**_coerce(model, item["fields"], pages), locale=parent.locale)
            parent.add_child(instance=page)
            for country, city in item.get("locations", []):
                page.business_locations.create(country=country, city=city)
            for year, title, description in item.get("milestones", []):
                page.milestones.create(year=year, title=title, description=description)
            pages[item["key"]] = _publish(page)
            pending.remove(item)
            progressed = True
        if not progressed:
            raise ValueError(f"corpus items with unknown parents: {[i['key'] for i in pending]}")
    english, _ = Locale.objects.get_or_create(language_code="en")
    for item in spec["pages"]:
        if "en" not in item:
            continue
        model = apps.get_model(item["type"])
        translation = pages[item["key"]].copy_for_translation(english, copy_parents=True)
        for name, value in _coerce(model, item["en"], pages).items():
            setattr(translation, name, value)
        pages[item["key"] + "@en"] = _publish(translation.specific)
    return pages


def score(ranked_keys, relevant):
    """recall@10 and reciprocal rank (MRR@10) of one query."""
    top = ranked_keys[:CUTOFF]
    found = [k for k in relevant if k in top]
    recall = len(found) / len(relevant) if relevant else 0.0
    rr = next((1 / (i + 1) for i, k in enumerate(top) if k in relevant), 0.0)
    return recall, rr


def ndcg(ranked_keys, relevant):
    """nDCG@10 with binary relevance: every relevant document counts 1, wherever it is in `relevant`."""
    gain = sum(1 / math.log2(i + 2) for i, k in enumerate(ranked_keys[:CUTOFF]) if k in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), CUTOFF)))
    return gain / ideal if ideal else 0.0


def summarise(rows):
    n = len(rows) or 1
    return {
        "queries": len(rows),
        "recall_at_10": sum(r["recall"] for r in rows) / n,
        "mrr": sum(r["rr"] for r in rows) / n,
        "ndcg_at_10": sum(r["ndcg"] for r in rows) / n,
        "zero_results": sum(1 for r in rows if r["zero"]),
    }


def evaluate(run_query, queries, key_of_page):
    """Run every labelled query through `run_query(q, lang) -> [page ids]`; mean scores,
    overall and per kind. A query is a zero-result query when it returns no page at all,
    relevant or not."""
    rows = []
    for item in queries:
        if item.get("filter"):
            # Only this project's search has facets; the baselines answer the words alone.
            ids = run_query(item["q"], _lang(item.get("lang")), filters=item["filter"])
        else:
            ids = run_query(item["q"], _lang(item.get("lang")))
        keys = [key_of_page[i] for i in ids if i in key_of_page]
        recall, rr = score(keys, item["relevant"])
        rows.append(
            {
                "q": item["q"],
                "kind": item.get("kind", "all"),
                "recall": recall,
                "rr": rr,
                "ndcg": ndcg(keys, item["relevant"]),
                "zero": not ids,
                "top": keys[:3],
            }
        )
    kinds = sorted({r["kind"] for r in rows})
    return {
        **summarise(rows),
        "kinds": {kind: summarise([r for r in rows if r["kind"] == kind]) for kind in kinds},
        "rows": rows,
    }


def _lang(lang):
    """A query's `lang`: a locale code, or None for "all"."""
    return None if lang in (None, "", "all") else lang


def ours(q, lang, filters=None):
    from . import interface

    filters = {
        name: [value] if isinstance(value, str) else value
        for name, value in (filters or {}).items()
    }
    result = interface.search(q, filters=filters, lang=lang, page_size=CUTOFF)
    return [hit.page_id for hit in result.results]


def wagtail_database_search(page_ids):
    """Plain Wagtail search (the configured database backend) restricted to the corpus pages."""

    def run(q, lang, filters=None):  # noqa: ARG001 - baselines have no facets
        ids = Page.objects.filter(pk__in=page_ids)
        if lang:
            # Wagtail's search filters only on declared filter fields: narrow the ids first.
            ids = ids.filter(locale__language_code=lang)
        queryset = Page.objects.live().filter(pk__in=list(ids.values_list("pk", flat=True)))
        try:
            return [p.pk for p in queryset.search(q)[:CUTOFF]]
        except Exception:  # a backend that rejects the query finds nothing
            return []

    return run


def index_corpus(pages):
    """Index exactly the corpus in both engines (ours and Wagtail's), nothing else."""
    from modelsearch.index import insert_or_update_object

    from . import interface

    interface.clear()
    for page in pages.values():
        interface.index(page)
        insert_or_update_object(page.specific)


def bigram_or_search(page_ids=None):
    """The naive baseline: BM25 over character bigrams (and English stems), any term matching.

    Built in memory from the same documents the index holds, so it needs no engine of its own.
    """
    from .backends.base import iter_documents
    from .text import CJK_RE, TOKEN_RE, bigrams, normalise, stem

    def terms(text):
        out = bigrams(text)
        out += [stem(w) for w in TOKEN_RE.findall(text) if w[0].isascii()]
        # A lone Chinese character between others is not a term of its own.
        return out + [run for run in CJK_RE.findall(text) if len(run) == 1 and run not in out]

    docs = []
    for document in iter_documents():
        if page_ids is not None and document.page_id not in page_ids:
            continue
        norm = document.normalised()
        counts = Counter(terms(" ".join([norm["title"], norm["keywords"], norm["body"]])))
        docs.append((document.page_id, document.locale, counts, sum(counts.values())))
    frequency = Counter(term for _id, _locale, counts, _n in docs for term in counts)
    average = sum(n for *_rest, n in docs) / (len(docs) or 1)
    k1, b = 1.2, 0.75

    def run(q, lang, filters=None):  # noqa: ARG001 - baselines have no facets
        wanted = set(terms(normalise(q)))
        scored = []
        for page_id, locale, counts, length in docs:
            if lang and locale != lang:
                continue
            total = 0.0
            for term in wanted & counts.keys():
                idf = math.log(1 + (len(docs) - frequency[term] + 0.5) / (frequency[term] + 0.5))
                tf = counts[term]
                total += idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length / average))
            if total:
                scored.append((-total, page_id))
        return [page_id for _score, page_id in sorted(scored)[:CUTOFF]]

    return run


def compare(home, corpus=None, queries=None):
    pages = build_corpus(home, corpus)
    index_corpus(pages)
    key_of_page = {page.pk: key for key, page in pages.items()}
    queries = queries or load(DEFAULT_QUERIES)["queries"]
    return {
        "ours": evaluate(ours, queries, key_of_page),
        "wagtail": evaluate(wagtail_database_search(list(key_of_page)), queries, key_of_page),
        "bigram_or": evaluate(bigram_or_search(set(key_of_page)), queries, key_of_page),
        "pages": pages,
    }


# Sets: plain documents published as news pages -----------------------------------------------


def _body(text):
    """A plain-text body as paragraph blocks, one per paragraph (blank-line separated)."""
    from django.utils.html import escape

    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return [{"type": "paragraph", "value": f"<p>{escape(p)}</p>"} for p in paragraphs if p]


def news_indexes(home):
    """{language code: news index} under `home` and its English translation, made if missing."""
    from cms.publicity.models import NewsIndexPage

    index = NewsIndexPage.objects.child_of(home).first()
    if index is None:
        index = NewsIndexPage(title="新闻动态", slug="news", locale=home.locale)
        home.add_child(instance=index)
        _publish(index)
    english, _ = Locale.objects.get_or_create(language_code="en")
    translated = index.get_translation_or_none(english)
    if translated is None:
        translated = index.copy_for_translation(english, copy_parents=True)
        translated.title = "News"
        translated = _publish(translated)
    return {index.locale.language_code: index, "en": translated.specific}


def build_set(indexes, documents):
    """Publish each set document as a news page under the index of its language; {id: page}."""
    from cms.publicity.models import NewsPage

    pages = {}
    for item in documents:
        parent = indexes[item.get("lang", "zh-hans")]
        page = NewsPage(
            title=item["title"],
            slug=f"set-{item['id']}".lower(),
            intro=item.get("intro", ""),
            body=_body(item.get("body", "")),
            date=datetime.date.fromisoformat(item["date"]) if item.get("date") else SET_DATE,
            locale=parent.locale,
        )
        parent.add_child(instance=page)
        pages[item["id"]] = _publish(page)
    return pages


def compare_set(home, spec, with_demo=False):
    """Score a set's queries on its documents (beside the demo pages when `with_demo`)."""
    from modelsearch.index import insert_or_update_object

    from . import interface

    # A set without documents labels the demo's own pages by their URL paths.
    by_path = with_demo and not spec.get("documents")
    pages = {} if by_path else build_set(news_indexes(home), spec["documents"])
    if with_demo:
        from django.core.management import call_command

        call_command("update_index", verbosity=0)
        interface.rebuild()
        searchable = list(Page.objects.live().filter(depth__gt=1).values_list("pk", flat=True))
    else:
        roots = [home, *home.get_translations()]
        containers = [
            page
            for root in roots
            for page in Page.objects.descendant_of(root, inclusive=True).live().specific()
        ]
        interface.clear()
        for page in containers:
            interface.index(page)
            insert_or_update_object(page)
        searchable = [page.pk for page in containers]
    key_of_page = {page.pk: key for key, page in pages.items()}
    if by_path:
        key_of_page = {page.pk: page.get_url() for page in Page.objects.live().filter(depth__gt=1)}
    queries = spec["queries"]
    return {
        "ours": evaluate(ours, queries, key_of_page),
        "wagtail": evaluate(wagtail_database_search(searchable), queries, key_of_page),
        "bigram_or": evaluate(bigram_or_search(set(searchable)), queries, key_of_page),
        "pages": pages,
    }
