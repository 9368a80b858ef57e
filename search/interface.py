"""The one search interface: the search page, the API, signal handlers and commands use only this.

The backend is chosen by settings: `SEARCH_BACKEND` = "embedded" or "elasticsearch"; left
empty, Elasticsearch is used when `ELASTICSEARCH_URL` is set and the embedded backend otherwise.
"""

from dataclasses import asdict, dataclass, field, replace

from django.conf import settings
from django.utils.module_loading import import_string

from .documents import FACET_NAMES, build_document

SORTS = ("relevance", "newest", "oldest")

BACKENDS = {
    "embedded": "search.backends.embedded.EmbeddedBackend",
    "elasticsearch": "search.backends.elasticsearch.ElasticsearchBackend",
}
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
MAX_QUERY_LENGTH = 200
# Matches are counted exactly up to this many; beyond it the total reads "1000+" and facet
# counts come from those first matches. Counting every match of a word found on most pages
# (温州) cost a second per query at 100,000 pages. Settings may override it (SEARCH_COUNT_LIMIT).
COUNT_LIMIT = 1000


@dataclass
class Hit:
    page_id: int
    title: str
    title_html: str
    url: str
    type: str
    type_label: str
    snippet: str
    image: str | None
    locale: str
    score: float
    # Query words this page does not contain, when it matched only some of them.
    missing: list = field(default_factory=list)
    # Put first for this query by the editors (推荐结果).
    pinned: bool = False


@dataclass
class FacetCount:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    query: str
    total: int
    results: list
    facets: dict
    suggestions: list = field(default_factory=list)
    took_ms: float = 0.0
    page: int = 1
    page_size: int = PAGE_SIZE
    fallback_all_languages: bool = False
    # True when more matches exist than were counted: `total` (and each facet count) is then
    # a lower bound, shown as "1000+".
    total_is_estimate: bool = False
    # Pages that contain every query word; when it is below `total` the rest are partial
    # matches, ranked after them by how much of the query they cover.
    complete: int = 0
    # The query as typed, when the results are those of `query`, its same-sound correction.
    corrected_from: str = ""

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.page_size))

    @property
    def partial(self):
        """Some results lack some of the query's words."""
        return self.complete < self.total

    def as_dict(self):
        data = asdict(self)
        data["num_pages"] = self.num_pages
        data["partial"] = self.partial
        return data


@dataclass
class SearchRequest:
    """A validated query: built by `search.params.parse` from the public's input."""

    q: str
    filters: dict = field(default_factory=dict)  # facet name -> list of codes
    page: int = 1
    page_size: int = PAGE_SIZE
    lang: str | None = None  # restrict to this locale; None searches every locale
    correct: bool = True  # try a same-sound correction when no page has every word
    sort: str = "relevance"  # or "newest", "oldest": by the page's date, undated pages last

    def __post_init__(self):
        unknown = set(self.filters) - set(FACET_NAMES)
        if unknown:
            raise ValueError(f"unknown facets: {sorted(unknown)}")
        if self.sort not in SORTS:
            raise ValueError(f"sort must be one of {SORTS}, not {self.sort!r}")


_backend = None
_backend_key = None


def count_limit():
    return getattr(settings, "SEARCH_COUNT_LIMIT", COUNT_LIMIT)


def backend_name():
    name = getattr(settings, "SEARCH_BACKEND", "") or (
        "elasticsearch" if getattr(settings, "ELASTICSEARCH_URL", "") else "embedded"
    )
    if name not in BACKENDS:
        raise ValueError(f"SEARCH_BACKEND must be one of {sorted(BACKENDS)}, not {name!r}")
    return name


def get_backend():
    global _backend, _backend_key
    name = backend_name()
    key = (name, getattr(settings, "ELASTICSEARCH_URL", ""))
    if _backend is None or _backend_key != key:
        _backend = import_string(BACKENDS[name])()
        _backend_key = key
    return _backend


def index(page):
    """Index a page if it is live and public, otherwise make sure it is not in the index."""
    document = build_document(page)
    if document is None:
        get_backend().delete(page.pk)
    else:
        get_backend().index(document)
    return document


def delete(page_or_id):
    get_backend().delete(getattr(page_or_id, "pk", page_or_id))


def search(q, filters=None, page=1, page_size=PAGE_SIZE, lang=None, sort="relevance"):
    request = SearchRequest(
        q=q, filters=filters or {}, page=page, page_size=page_size, lang=lang, sort=sort
    )
    return run(request)


def suggest(prefix, lang=None, limit=8):
    return get_backend().suggest(prefix, lang=lang, limit=limit)


def rebuild(stdout=None):
    return get_backend().rebuild(stdout=stdout)


def update(stdout=None):
    return get_backend().update(stdout=stdout)


def clear():
    get_backend().clear()


def run(request):
    """Run a validated SearchRequest (see search.params.parse), editors' pinned pages first."""
    backend = get_backend()
    result = backend.search(request)
    if request.sort == "relevance" and request.q:
        with_pins(result, request, backend)
    return result


def with_pins(result, request, backend):
    """The pages pinned for the query (推荐结果) above the first page's results, marked, and
    left out of every page's ranked results. Only indexed pages can be pinned hits: the index
    holds live public pages only, so a draft or restricted page never shows. A pin obeys the
    request's language and facets like any result; a sort by date leaves pins out."""
    from .models import pinned_page_ids

    page_ids = pinned_page_ids(request.q)
    if not page_ids:
        return result
    if result.fallback_all_languages:
        request = replace(request, lang=None)
    pinned = backend.hits_for(page_ids, result.query, request)
    shown = {hit.page_id for hit in pinned}
    result.results = [hit for hit in result.results if hit.page_id not in shown]
    if request.page == 1:
        for hit in pinned:
            hit.pinned = True
        result.results = pinned + result.results
    if pinned and not result.total:
        # Pinned pages that do not contain the words are still answers, not "nothing found".
        result.total = result.complete = len(pinned)
        result.suggestions = []
    return result
