"""The Elasticsearch backend: mappings, analyzers and request bodies are checked here without a
server; the tests marked `elasticsearch` run against a real one when ELASTICSEARCH_URL is set."""

import os
import uuid

import pytest

from search.backends import elasticsearch as es
from search.interface import SearchRequest
from search.text import analyse_query

ES_URL = os.environ.get("ELASTICSEARCH_URL", "")


def mapping(choice="cjk", family="museum"):
    return es.document_class(family, choice, "wzm")._doc_type.mapping.to_dict()


def test_one_document_per_family_behind_its_alias():
    classes = {f: es.document_class(f, "cjk", "wzm") for f in es.FAMILIES}
    assert {c._index._name for c in classes.values()} == {
        "wzm-museum",
        "wzm-platform",
        "wzm-publicity",
        "wzm-general",
    }


@pytest.mark.parametrize(
    ("choice", "tokenizer", "search_analyzer"),
    [
        ("smartcn", "smartcn_tokenizer", "zh"),
        ("ik", "ik_max_word", "zh_search"),
        ("cjk", "standard", "zh"),
    ],
)
def test_chinese_analyzer_is_configurable(choice, tokenizer, search_analyzer):
    doc = es.document_class("museum", choice, "wzm")
    settings = doc._index.to_dict()["settings"]["analysis"]
    assert settings["analyzer"]["zh"]["tokenizer"] == tokenizer
    title = mapping(choice)["properties"]["title"]
    assert title["analyzer"] == "zh"
    assert title["search_analyzer"] == search_analyzer
    assert title["fields"]["bigram"]["analyzer"] == "zh_bigram"
    assert title["fields"]["en"]["analyzer"] == "english"
    if choice == "cjk":
        assert "cjk_bigram" in settings["analyzer"]["zh"]["filter"]


def test_unknown_analyzer_is_refused():
    with pytest.raises(ValueError, match="SEARCH_ELASTICSEARCH_ANALYZER"):
        es.chinese_analyzers("jieba")


def test_mapping_has_facets_completion_and_private_fields_unindexed():
    props = mapping()["properties"]
    for name in ["hall", "era", "region", "country", "industry", "stage", "year", "locale", "type"]:
        assert props[name]["type"] == "keyword"
    assert props["suggest"]["type"] == "completion"
    assert props["suggest"]["contexts"][0]["path"] == "locale"
    assert props["url"]["index"] is False
    assert props["pinyin"]["analyzer"] == "pinyin_ws"


def test_search_body_for_chinese_traditional_and_pinyin():
    request = SearchRequest(
        q="溫商 wenshang", filters={"type": ["artifact"], "era": ["1980"]}, page=2, lang="zh-hans"
    )
    body = es.build_search(request, analyse_query(request.q), ["wzm-museum"]).to_dict()
    # Any of the words matches; see test_partial_matches_synonyms_and_complete_count_in_the_body.
    terms = body["query"]["bool"]["must"][0]["bool"]["must"][0]["bool"]["should"]
    chinese, pinyin = terms
    # Traditional input is normalised before it reaches Elasticsearch.
    assert chinese["bool"]["should"][0]["multi_match"]["query"] == "温商"
    assert chinese["bool"]["should"][1]["match_phrase"]["title.bigram"]["query"] == "温商"
    assert {"term": {"pinyin": {"value": "wenshang", "boost": 4}}} in pinyin["bool"]["should"]
    assert body["query"]["bool"]["filter"] == [{"term": {"locale": "zh-hans"}}]
    assert body["post_filter"] == {
        "bool": {"filter": [{"terms": {"type": ["artifact"]}}, {"terms": {"era": ["1980"]}}]}
    }
    # Each facet counts with the other facets' filters only.
    assert body["aggs"]["type"]["filter"] == {"bool": {"filter": [{"terms": {"era": ["1980"]}}]}}
    assert body["aggs"]["era"]["filter"] == {
        "bool": {"filter": [{"terms": {"type": ["artifact"]}}]}
    }
    assert body["aggs"]["stage"]["aggs"]["values"]["terms"]["field"] == "stage"
    assert body["highlight"]["encoder"] == "html"
    highlighted = body["highlight"]["fields"]["snippet_text"]["highlight_query"]["multi_match"]
    assert highlighted["query"] == "温商 wenshang"
    assert (body["from"], body["size"]) == (10, 10)


def test_spaced_pinyin_is_also_tried_joined():
    request = SearchRequest(q="wen shang")
    body = es.build_search(request, analyse_query(request.q), ["wzm-museum"]).to_dict()
    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert {"term": {"pinyin": {"value": "wenshang", "boost": 4}}} in should


def test_suggest_body_uses_completion_with_locale_context():
    body = es.build_suggest("Wens", "en", ["wzm-museum"]).to_dict()
    completion = body["suggest"]["titles"]["completion"]
    assert body["suggest"]["titles"]["prefix"] == "wens"
    assert completion["field"] == "suggest"
    assert completion["contexts"] == {"locale": ["en"]}


@pytest.mark.django_db
def test_document_source_is_normalised_with_pinyin(home_page):
    from museum.factories import (
        MerchantHistoryPageFactory,
        MerchantIndexPageFactory,
        MuseumPageFactory,
    )
    from search.documents import build_document

    index = MerchantIndexPageFactory(parent=MuseumPageFactory(parent=home_page))
    merchant = MerchantHistoryPageFactory(title="陳海燕", name_pinyin="Chen Haiyan", parent=index)
    source = es.to_source(build_document(merchant))
    assert source["title"] == "陈海燕"
    assert source["display_title"] == "陳海燕"
    for token in ["chenhaiyan", "chy"]:
        assert token in source["pinyin"].split()
    assert source["region"] == ["yongjia"]
    assert "officer_phone" not in source


# Integration: a real server --------------------------------------------------------------

needs_server = pytest.mark.skipif(
    not ES_URL, reason="ELASTICSEARCH_URL is not set: no Elasticsearch server to test against"
)


@pytest.fixture
def es_backend(settings):
    backend = es.ElasticsearchBackend(url=ES_URL, prefix=f"wzmtest-{uuid.uuid4().hex[:8]}")
    yield backend
    backend.client.indices.delete(index=f"{backend.prefix}-*", ignore_unavailable=True)


@pytest.mark.elasticsearch
@needs_server
@pytest.mark.django_db
def test_real_server_rebuild_search_facets_and_alias_swap(corpus, es_backend):
    stats = es_backend.rebuild()
    assert stats["documents"] >= len(corpus)
    first = set(es_backend.client.indices.get_alias(name=f"{es_backend.prefix}-museum"))
    result = es_backend.search(SearchRequest(q="溫商", lang="zh-hans"))
    found = {h.page_id for h in result.results}
    assert {corpus["n4"].pk, corpus["a12"].pk} <= found
    assert (
        es_backend.search(SearchRequest(q="wjg", lang="zh-hans")).results[0].page_id
        == corpus["m1"].pk
    )
    assert (
        es_backend.search(SearchRequest(q="Paris", lang="en")).results[0].page_id
        == corpus["e4@en"].pk
    )
    artifacts = es_backend.search(
        SearchRequest(q="温州", filters={"type": ["artifact"]}, lang="zh-hans")
    )
    assert {h.type for h in artifacts.results} == {"artifact"}
    es_backend.rebuild()
    second = set(es_backend.client.indices.get_alias(name=f"{es_backend.prefix}-museum"))
    assert first.isdisjoint(second) and len(second) == 1
    es_backend.delete(corpus["e1"].pk)
    assert corpus["e1"].pk not in {
        h.page_id for h in es_backend.search(SearchRequest(q="纽扣市场")).results
    }
    assert "陈海燕" in [s["title"] for s in es_backend.suggest("chenh", "zh-hans")]


def test_partial_matches_synonyms_and_complete_count_in_the_body():
    request = SearchRequest(q="温商 纽约", lang="zh-hans")
    query = analyse_query(request.q, synonyms={"温商": ["温州商人"]})
    body = es.build_search(request, query, ["wzm-publicity"]).to_dict()
    main = body["query"]["bool"]["must"][0]["bool"]
    # Any word may match; the pages with every word get a clause that outweighs partial matches.
    assert main["must"][0]["bool"]["minimum_should_match"] == 1
    assert len(main["must"][0]["bool"]["should"]) == 2
    complete = main["should"][0]["bool"]
    assert complete["boost"] == es.COMPLETE_BOOST and len(complete["must"]) == 2
    assert body["aggs"]["complete"]["filter"]["bool"]["must"] == complete["must"]
    # The synonym is searched wherever the term is, in the same clause.
    text = str(main["must"][0]["bool"]["should"][0])
    assert "温州商人" in text and "温商" in text


def test_a_multi_word_synonym_is_searched_as_a_phrase():
    query = analyse_query("traders", synonyms={"trader": ["business people"]})
    clauses = es.term_query(query.terms[0]).to_dict()["bool"]["should"]
    phrases = [
        c["multi_match"]
        for c in clauses
        if "multi_match" in c and c["multi_match"]["query"] == "business people"
    ]
    assert phrases and all(p["type"] == "phrase" for p in phrases)


@pytest.mark.django_db
def test_rebuild_with_an_unreachable_server_ends_with_one_line(settings):
    import socket

    from django.core.management import CommandError, call_command

    from search import interface

    with socket.socket() as probe:  # a free port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{port}"
    interface._backend = None
    try:
        with pytest.raises(CommandError) as caught:
            call_command("search_index", "rebuild")
    finally:
        interface._backend = None
    message = str(caught.value)
    assert "\n" not in message
    assert f"Elasticsearch at http://127.0.0.1:{port} cannot be reached" in message
