"""The Elasticsearch backend (elasticsearch-dsl): used when ELASTICSEARCH_URL is set.

One Document per content family (museum, platform, publicity, general), each behind an alias;
a rebuild fills fresh indices and swaps the aliases in one request, so searches never see a
half-built index. Text arrives already normalised by `search.text` (simplified characters,
lower case); the Chinese analyzer is configurable: `smartcn` or `ik` when the plugin is
installed, otherwise the built-in `cjk` bigram analyzer. Every text field also has a bigram
sub-field, so a word inside a longer compound is found whatever the word analyzer does.
"""

import dataclasses
import time

from django.conf import settings
from django.utils.translation import get_language
from elasticsearch import Elasticsearch, NotFoundError, helpers
from elasticsearch.dsl import (
    A,
    Completion,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    tokenizer,
)

from .. import recency
from ..documents import FACET_NAMES, RECENCY_FAMILIES, facet_labels
from ..highlight import ENGINE_POST, ENGINE_PRE, engine_fragment, highlight
from ..interface import Hit, SearchResult
from ..synonyms import expansions
from ..text import analyse_query
from .base import Timer, facet_payload, image_url, iter_documents

FAMILIES = ["museum", "platform", "publicity", "general"]
ANALYZERS = ("smartcn", "ik", "cjk")
FACET_SIZE = 50


def chinese_analyzers(choice):
    """(index analyzer, search analyzer) for the chosen Chinese analysis."""
    if choice == "smartcn":
        zh = analyzer("zh", tokenizer="smartcn_tokenizer", filter=["cjk_width", "lowercase"])
        return zh, zh
    if choice == "ik":
        index_side = analyzer("zh", tokenizer="ik_max_word", filter=["cjk_width", "lowercase"])
        search_side = analyzer("zh_search", tokenizer="ik_smart", filter=["cjk_width", "lowercase"])
        return index_side, search_side
    if choice == "cjk":
        zh = analyzer("zh", tokenizer="standard", filter=["cjk_width", "lowercase", "cjk_bigram"])
        return zh, zh
    raise ValueError(
        f"SEARCH_ELASTICSEARCH_ANALYZER must be auto or one of {ANALYZERS}, not {choice!r}"
    )


# Substring matching for Chinese whatever the word analyzer: overlapping bigrams, unigrams kept
# for single characters.
BIGRAM = analyzer(
    "zh_bigram",
    tokenizer="standard",
    filter=["cjk_width", "lowercase", {"type": "cjk_bigram", "output_unigrams": False}],
)
PINYIN = analyzer("pinyin_ws", tokenizer=tokenizer("ws", "whitespace"), filter=["lowercase"])
ENGLISH = "english"


def document_class(family, choice, prefix):
    """The Document for one content family, with the chosen Chinese analyzer."""
    zh, zh_search = chinese_analyzers(choice)

    def text_field():
        return Text(
            analyzer=zh,
            search_analyzer=zh_search,
            fields={
                "bigram": Text(analyzer=BIGRAM),
                "en": Text(analyzer=ENGLISH),
            },
        )

    attrs = {
        "page_id": Integer(),
        "date": Date(),
        "locale": Keyword(),
        "type": Keyword(),
        "family": Keyword(),
        "title": text_field(),
        "keywords": text_field(),
        "body": text_field(),
        "pinyin": Text(analyzer=PINYIN),
        "display_title": Keyword(index=False),
        # Indexed only for highlighting, so snippets show the original text, not its normalised form.
        "snippet_text": text_field(),
        "url": Keyword(index=False),
        "image_id": Integer(index=False),
        "suggest": Completion(
            analyzer="simple", contexts=[{"name": "locale", "type": "category", "path": "locale"}]
        ),
        **{name: Keyword() for name in FACET_NAMES if name != "type"},
        "Index": type("Index", (), {"name": f"{prefix}-{family}"}),
    }
    return type(f"{family.capitalize()}Document", (Document,), attrs)


def to_source(document):
    """The JSON stored for a SearchDocument."""
    norm = document.normalised()
    pinyin = document.pinyin(norm)
    source = {
        "page_id": document.page_id,
        "locale": document.locale,
        "type": document.type_code,
        "family": document.family,
        "title": norm["title"],
        "keywords": norm["keywords"],
        "body": norm["body"],
        "pinyin": " ".join(pinyin),
        "display_title": document.title,
        "snippet_text": document.text[:5000],
        "url": document.url,
        "image_id": document.image_id,
        "date": document.date.isoformat() if document.date else None,
        "suggest": {"input": [document.title, norm["title"], *pinyin[:10]]},
    }
    for name, values in document.facets.items():
        if name != "type":
            source[name] = values
    return source


def _form_queries(form):
    """Alternatives for one form of a term: words, substring (bigram phrase), pinyin, English."""
    should = [
        Q(
            "multi_match",
            query=form.text,
            fields=["title^10", "keywords^5", "body"],
            type="phrase" if " " in form.text else "best_fields",
            operator="and",
        )
    ]
    if form.cjk:
        should += [
            Q("match_phrase", **{"title.bigram": {"query": form.text, "boost": 4}}),
            Q("match_phrase", **{"keywords.bigram": {"query": form.text, "boost": 2}}),
            Q("match_phrase", **{"body.bigram": {"query": form.text, "boost": 0.5}}),
        ]
    else:
        kind = "prefix" if form.prefix else "term"
        should += [
            Q(kind, pinyin={"value": form.text.replace(" ", ""), "boost": 4}),
            Q(
                "multi_match",
                query=form.text,
                fields=["title.en^10", "keywords.en^5", "body.en"],
                type="phrase" if " " in form.text else "best_fields",
            ),
        ]
    return should


def term_query(term):
    """A term, or any of its synonyms (the editors' list, applied at search time in the body)."""
    should = [clause for form in term.forms for clause in _form_queries(form)]
    return Q("bool", should=should, minimum_should_match=1)


# Pages with every word of the query come first: this clause outweighs any partial match.
COMPLETE_BOOST = 100


def filter_clauses(request, exclude=None):
    clauses = []
    for name, values in request.filters.items():
        if name != exclude and values:
            clauses.append(Q("terms", **{name: values}))
    return clauses


def build_search(request, query, indices):
    """The request body for a search: query, facet filters, aggregations, highlighting."""
    # Any word may match (partial matches are never "nothing"); pages with all words first.
    terms = [term_query(t) for t in query.terms]
    # Every word but the optional ones (a question's frame) makes a match complete.
    required = [term_query(t) for t in query.required.terms]
    main = Q("bool", should=terms, minimum_should_match=1)
    if len(terms) > 1:
        main = Q(
            "bool",
            must=[main],
            should=[Q("bool", must=required, boost=COMPLETE_BOOST)],
        )
    if query.joined_ascii:
        main = Q("bool", should=[main, Q("term", pinyin={"value": query.joined_ascii, "boost": 4})])
    scope = [Q("term", locale=request.lang)] if request.lang else []
    s = Search(index=indices).query(with_recency(Q("bool", must=[main], filter=scope)))
    if request.sort != "relevance":
        s = s.sort(*date_sort(request.sort))
    active = filter_clauses(request)
    if active:
        # Hits obey every facet filter; each facet's counts ignore only its own filter.
        s = s.post_filter(Q("bool", filter=active))
    if len(terms) > 1:
        # How many matches have every word (the rest are partial matches).
        s.aggs.bucket("complete", A("filter", Q("bool", must=required, filter=active)))
    for name in FACET_NAMES:
        others = filter_clauses(request, exclude=name)
        agg = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        agg.bucket("values", "terms", field=name, size=FACET_SIZE)
        s.aggs.bucket(name, agg)
    # Matches come back between private-use characters and with HTML escaped; engine_fragment
    # escapes the fragment again from plain text, so stored markup can never reach a page.
    s = s.highlight_options(pre_tags=[ENGINE_PRE], post_tags=[ENGINE_POST], encoder="html")
    s = s.highlight(
        "snippet_text",
        fragment_size=160,
        number_of_fragments=1,
        no_match_size=160,
        highlight_query=Q(
            "multi_match",
            query=query.normalised,
            fields=["snippet_text", "snippet_text.bigram", "snippet_text.en"],
        ).to_dict(),
    )
    s = s.source(excludes=["suggest", "title", "keywords", "body", "pinyin"])
    offset = (request.page - 1) * request.page_size
    return s[offset : offset + request.page_size]


def with_recency(query):
    """The query with news and campaigns weighed by age, as the embedded backend does
    (search.recency): FLOOR + (1 - FLOOR) * exp decay to 0.5 at the half-life, summed."""
    half_life = recency.half_life_days()
    if not half_life:
        return query
    dated = Q(
        "bool", filter=[Q("terms", family=sorted(RECENCY_FAMILIES)), Q("exists", field="date")]
    )
    return Q(
        "function_score",
        query=query,
        functions=[
            {"filter": Q("bool", must_not=[dated]).to_dict(), "weight": 1},
            {"filter": dated.to_dict(), "weight": recency.FLOOR},
            {
                "filter": dated.to_dict(),
                "exp": {"date": {"origin": "now/d", "scale": f"{half_life}d", "decay": 0.5}},
                "weight": 1 - recency.FLOOR,
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )


def date_sort(sort):
    """By the page's date (undated pages last), then newer pages first, as search.recency."""
    order = "desc" if sort == "newest" else "asc"
    return [{"date": {"order": order, "missing": "_last"}}, {"page_id": {"order": "desc"}}]


def build_pinned(page_ids, request, indices):
    """The pinned pages among the indexed ones of the request's language and facets."""
    filters = [Q("terms", page_id=list(page_ids)), *filter_clauses(request)]
    if request.lang:
        filters.append(Q("term", locale=request.lang))
    s = Search(index=indices).query(Q("bool", filter=filters))
    s = s.source(excludes=["suggest", "title", "keywords", "body", "pinyin"])
    return s[: len(page_ids)]


def build_suggest(prefix, lang, indices, limit=8):
    s = Search(index=indices).source(["display_title", "url", "type"])
    completion = {"field": "suggest", "size": limit, "skip_duplicates": True}
    if lang:
        completion["contexts"] = {"locale": [lang]}
    return s.suggest("titles", prefix.lower(), completion=completion)


class ElasticsearchBackend:
    name = "elasticsearch"

    def __init__(self, url=None, prefix=None, analyzer_choice=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.prefix = prefix or settings.SEARCH_ELASTICSEARCH_INDEX_PREFIX
        self.choice = analyzer_choice or settings.SEARCH_ELASTICSEARCH_ANALYZER
        self._client = None

    @property
    def client(self):
        if self._client is None:
            self._client = Elasticsearch(self.url, request_timeout=30)
        return self._client

    def analyzer_choice(self):
        if self.choice != "auto":
            return self.choice
        plugins = {p["component"] for p in self.client.cat.plugins(format="json")}
        if "analysis-ik" in plugins:
            return "ik"
        if "analysis-smartcn" in plugins:
            return "smartcn"
        return "cjk"

    def aliases(self):
        return [f"{self.prefix}-{family}" for family in FAMILIES]

    def documents(self, choice=None):
        choice = choice or self.analyzer_choice()
        return {f: document_class(f, choice, self.prefix) for f in FAMILIES}

    # Writing -------------------------------------------------------------------------------

    def _create_index(self, family, doc_class, name):
        index = Index(name, using=self.client)
        index.document(doc_class)
        index.settings(number_of_shards=1, number_of_replicas=0)
        index.create()
        return index

    def ensure_indices(self):
        docs = self.documents()
        for family, doc_class in docs.items():
            alias = f"{self.prefix}-{family}"
            if not self.client.indices.exists_alias(name=alias):
                name = f"{alias}-{int(time.time() * 1000)}"
                self._create_index(family, doc_class, name)
                self.client.indices.put_alias(index=name, name=alias)

    def index(self, document):
        self.ensure_indices()
        self.delete(document.page_id)
        self.client.index(
            index=f"{self.prefix}-{document.family}",
            id=str(document.page_id),
            document=to_source(document),
            refresh="wait_for",
        )

    def delete(self, page_id):
        for alias in self.aliases():
            try:
                self.client.delete(index=alias, id=str(page_id), refresh="wait_for")
            except NotFoundError:
                continue

    def clear(self):
        for alias in self.aliases():
            try:
                self.client.delete_by_query(index=alias, query={"match_all": {}}, refresh=True)
            except NotFoundError:
                continue

    def rebuild(self, stdout=None):
        """New indices, bulk load, then one atomic alias swap; old indices are deleted."""
        docs = self.documents()
        stamp = int(time.time() * 1000)
        new = {f: f"{self.prefix}-{f}-{stamp}" for f in FAMILIES}
        for family, doc_class in docs.items():
            self._create_index(family, doc_class, new[family])
        count = 0
        with Timer() as timer:
            actions = (
                {"_index": new[d.family], "_id": str(d.page_id), "_source": to_source(d)}
                for d in iter_documents(stdout)
            )
            count, _errors = helpers.bulk(self.client, actions, chunk_size=500)
            for name in new.values():
                self.client.indices.refresh(index=name)
        swap, old = [], []
        for family in FAMILIES:
            alias = f"{self.prefix}-{family}"
            if self.client.indices.exists_alias(name=alias):
                current = list(self.client.indices.get_alias(name=alias).keys())
                old += current
                swap += [{"remove": {"index": name, "alias": alias}} for name in current]
            swap.append({"add": {"index": new[family], "alias": alias}})
        self.client.indices.update_aliases(actions=swap)
        for name in old:
            self.client.indices.delete(index=name)
        return {"documents": count, "seconds": timer.ms / 1000}

    update = rebuild

    # Reading -------------------------------------------------------------------------------

    def search(self, request):
        with Timer() as timer:
            query = analyse_query(request.q, synonyms=expansions())
            result = SearchResult(
                query=request.q,
                total=0,
                results=[],
                facets={},
                page=request.page,
                page_size=request.page_size,
            )
            if query:
                response = build_search(request, query, self.aliases()).using(self.client).execute()
                if not response.hits.total.value and request.lang:
                    # Nothing in the reader's language: show matches in the other language.
                    wider = dataclasses.replace(request, lang=None)
                    widened = (
                        build_search(wider, query, self.aliases()).using(self.client).execute()
                    )
                    if widened.hits.total.value:
                        request, response = wider, widened
                        result.fallback_all_languages = True
                result.total = response.hits.total.value
                complete = getattr(response.aggregations, "complete", None)
                result.complete = complete.doc_count if complete is not None else result.total
                # Elasticsearch stops counting at 10,000 hits by default ("gte").
                result.total_is_estimate = response.hits.total.relation == "gte"
                result.results = self._hits(response, query, request.lang)
                counts = {
                    name: [
                        (b.key, b.doc_count)
                        for b in getattr(response.aggregations, name).values.buckets
                    ]
                    for name in FACET_NAMES
                }
                result.facets = facet_payload({k: v for k, v in counts.items() if v}, request.lang)
                if not result.total:
                    result.suggestions = [
                        s["title"] for s in self.suggest(request.q, request.lang, 5)
                    ]
        result.took_ms = timer.ms
        return result

    def _hits(self, response, query, lang):
        from wagtail.images import get_image_model

        types = facet_labels("type", list({h.type for h in response.hits}), lang or get_language())
        images = get_image_model().objects.in_bulk(
            [h.image_id for h in response.hits if getattr(h, "image_id", None)]
        )
        hits = []
        for h in response.hits:
            marked = getattr(h.meta, "highlight", None)
            snippet = (
                engine_fragment(marked.snippet_text[0])
                if marked and "snippet_text" in marked
                else highlight(h.snippet_text, query)
            )
            hits.append(
                Hit(
                    page_id=h.page_id,
                    title=h.display_title,
                    title_html=highlight(h.display_title, query, whole=True),
                    url=h.url,
                    type=h.type,
                    type_label=types.get(h.type, h.type),
                    snippet=snippet,
                    image=image_url(images.get(getattr(h, "image_id", None))),
                    locale=h.locale,
                    score=round(h.meta.score or 0, 4),
                )
            )
        return hits

    def hits_for(self, page_ids, q, request):
        response = build_pinned(page_ids, request, self.aliases()).using(self.client).execute()
        hits = {hit.page_id: hit for hit in self._hits(response, analyse_query(q), request.lang)}
        return [hits[page_id] for page_id in page_ids if page_id in hits]

    def suggest(self, prefix, lang=None, limit=8):
        response = build_suggest(prefix, lang, self.aliases(), limit).using(self.client).execute()
        return [
            {"title": o._source.display_title, "url": o._source.url, "type": o._source.type}
            for o in response.suggest.titles[0].options
        ]
