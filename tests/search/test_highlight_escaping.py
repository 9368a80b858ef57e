"""Highlights are escaped on the server in every backend: text stored with markup in it, such as
`<img src=x onerror=alert(1)>`, is shown as text in the search page, the JSON and the admin view.

The Elasticsearch path is tested without a server through the request body it sends and the
processing of a highlight response in the shape Elasticsearch returns; the test marked
`elasticsearch` repeats it against a real server when ELASTICSEARCH_URL is set."""

import os
import uuid

import pytest
from elasticsearch_dsl.response import Response

from search.backends import elasticsearch as es
from search.highlight import ENGINE_POST, ENGINE_PRE, engine_fragment
from search.interface import SearchRequest
from search.text import analyse_query

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")
ATTACK = '<img src=x onerror="alert(1)">温商<script>alert(2)</script>'


def _request():
    return SearchRequest(q="温商", lang="zh-hans")


def test_highlight_request_asks_for_the_html_encoder_and_private_marks():
    request = _request()
    body = es.build_search(request, analyse_query(request.q), ["wzm-museum"]).to_dict()
    assert body["highlight"]["encoder"] == "html"
    assert body["highlight"]["pre_tags"] == [ENGINE_PRE]
    assert body["highlight"]["post_tags"] == [ENGINE_POST]


def _es_response(fragment, text=ATTACK):
    request = _request()
    search = es.build_search(request, analyse_query(request.q), ["wzm-museum"])
    raw = {
        "took": 1,
        "timed_out": False,
        "hits": {
            "total": {"value": 1, "relation": "eq"},
            "max_score": 1.0,
            "hits": [
                {
                    "_index": "wzm-museum-1",
                    "_id": "7",
                    "_score": 1.0,
                    "_source": {
                        "page_id": 7,
                        "display_title": '温商<img src=x onerror="alert(3)">',
                        "url": "/museum/x/",
                        "type": "artifact",
                        "locale": "zh-hans",
                        "snippet_text": text,
                    },
                    "highlight": {"snippet_text": [fragment]} if fragment is not None else {},
                }
            ],
        },
    }
    return Response(search, raw)


# What Elasticsearch answers with the html encoder (the text escaped, the marks left as they are),
# and what a server that ignored the encoder would answer.
ENCODED = (
    f"&lt;img src=x onerror=&quot;alert(1)&quot;&gt;{ENGINE_PRE}温商{ENGINE_POST}"
    "&lt;script&gt;alert(2)&lt;&#x2F;script&gt;"
)
RAW = f'<img src=x onerror="alert(1)">{ENGINE_PRE}温商{ENGINE_POST}<script>alert(2)</script>'
EXPECTED = (
    "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<mark>温商</mark>"
    "&lt;script&gt;alert(2)&lt;/script&gt;"
)


@pytest.mark.parametrize("fragment", [ENCODED, RAW], ids=["html encoder", "no encoder"])
def test_engine_fragment_is_escaped_and_marked(fragment):
    assert engine_fragment(fragment) == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "fragment", [ENCODED, RAW, None], ids=["html encoder", "no encoder", "no highlight"]
)
def test_elasticsearch_hits_carry_escaped_snippets_and_titles(fragment):
    backend = es.ElasticsearchBackend(url="http://127.0.0.1:9", prefix="wzmtest")
    [hit] = backend._hits(_es_response(fragment), analyse_query("温商"), "zh-hans")
    for html in (hit.snippet, hit.title_html):
        assert "<img" not in html and "<script" not in html
        assert "<mark>温商</mark>" in html
    assert "&lt;img src=x onerror=" in hit.snippet


@pytest.mark.django_db
def test_embedded_backend_page_and_json_show_stored_markup_as_text(client, home_page, settings):
    from django.core.management import call_command

    from cms.core.factories import StandardPageFactory

    settings.SEARCH_BACKEND = "embedded"
    # Titles are indexed as typed (body text loses its tags at indexing).
    StandardPageFactory(parent=home_page, title=f"温商故事{ATTACK}")
    call_command("search_index", "rebuild", verbosity=0)
    page = client.get("/search/", {"q": "温商"}).content.decode()
    results = page.split('class="search-hits"')[1]
    assert "<mark>温商</mark>" in results
    assert "&lt;img src=x onerror=" in results
    assert "<img src=x" not in results and "<script>alert(2)" not in results
    data = client.get("/api/search/", {"q": "温商"}).json()
    titles = [hit["title_html"] for hit in data["results"]]
    assert any("&lt;img src=x onerror=" in t for t in titles), titles
    assert not any("<img" in t for t in titles)


needs_server = pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"
)


@pytest.mark.elasticsearch
@needs_server
@pytest.mark.django_db
def test_real_server_escapes_stored_markup(home_page):
    from cms.core.factories import StandardPageFactory

    StandardPageFactory(parent=home_page, title=f"温商故事{ATTACK}", search_description=ATTACK)
    backend = es.ElasticsearchBackend(url=ES_URL, prefix=f"wzmtest-{uuid.uuid4().hex[:8]}")
    try:
        backend.rebuild()
        result = backend.search(SearchRequest(q="温商", lang="zh-hans"))
        shown = [html for hit in result.results for html in (hit.snippet, hit.title_html)]
        assert any("&lt;img src=x onerror=" in html for html in shown), shown
        assert not any("<img" in html or "<script" in html for html in shown)
    finally:
        backend.client.indices.delete(index=f"{backend.prefix}-*", ignore_unavailable=True)
