"""Measuring search quality: build a labelled corpus of pages, run labelled queries, score them.

The corpus and the queries are data files (tests/search/corpus.json, tests/search/queries.json).
`manage.py search_quality` and the test suite both use this module, and both score this
project's search beside plain Wagtail database search of the same pages in the same run.
"""

import datetime
import json
from decimal import Decimal
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import models
from wagtail.fields import StreamField
from wagtail.models import Locale, Page

DEFAULT_CORPUS = Path(settings.BASE_DIR) / "tests" / "search" / "corpus.json"
DEFAULT_QUERIES = Path(settings.BASE_DIR) / "tests" / "search" / "queries.json"
CUTOFF = 10


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
    """recall@10 and reciprocal rank of one query."""
    top = ranked_keys[:CUTOFF]
    found = [k for k in relevant if k in top]
    recall = len(found) / len(relevant) if relevant else 0.0
    rr = next((1 / (i + 1) for i, k in enumerate(ranked_keys[:CUTOFF]) if k in relevant), 0.0)
    return recall, rr


def evaluate(run_query, queries, key_of_page):
    """Run every labelled query through `run_query(q, lang) -> [page ids]`; mean scores."""
    rows = []
    for item in queries:
        ids = run_query(item["q"], item.get("lang"))
        keys = [key_of_page[i] for i in ids if i in key_of_page]
        recall, rr = score(keys, item["relevant"])
        rows.append({"q": item["q"], "kind": item["kind"], "recall": recall, "rr": rr})
    n = len(rows) or 1
    return {
        "recall_at_10": sum(r["recall"] for r in rows) / n,
        "mrr": sum(r["rr"] for r in rows) / n,
        "rows": rows,
    }


def ours(q, lang):
    from . import interface

    result = interface.search(q, lang=lang, page_size=CUTOFF)
    return [hit.page_id for hit in result.results]


def wagtail_database_search(page_ids):
    """Plain Wagtail search (the configured database backend) restricted to the corpus pages."""

    def run(q, lang):
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


def compare(home, corpus=None, queries=None):
    pages = build_corpus(home, corpus)
    index_corpus(pages)
    key_of_page = {page.pk: key for key, page in pages.items()}
    queries = queries or load(DEFAULT_QUERIES)["queries"]
    return {
        "ours": evaluate(ours, queries, key_of_page),
        "wagtail": evaluate(wagtail_database_search(list(key_of_page)), queries, key_of_page),
        "pages": pages,
    }
