"""Broad queries: matches are counted up to SEARCH_COUNT_LIMIT, then reported as "N+".

The labelled corpus is small, so these tests lower the limit to a few pages to exercise what a
word found on most of 100,000 pages (温州) does.
"""

import pytest

from search import interface

pytestmark = pytest.mark.django_db

LIMIT = 3


def ids(result):
    return [hit.page_id for hit in result.results]


def test_below_the_limit_the_total_is_exact(corpus):
    result = interface.search("温州", lang="zh-hans", page_size=50)
    assert result.total == len(result.results) > LIMIT
    assert result.total_is_estimate is False
    assert result.as_dict()["total_is_estimate"] is False


def test_counting_stops_at_the_limit(corpus, settings):
    exact = interface.search("温州", lang="zh-hans", page_size=50)
    settings.SEARCH_COUNT_LIMIT = LIMIT
    result = interface.search("温州", lang="zh-hans")
    assert (result.total, result.total_is_estimate) == (LIMIT, True)
    assert result.num_pages == 1
    # Facet counts are counted over the same matches: lower bounds of the real counts.
    assert sum(f.count for f in result.facets["type"]) == LIMIT
    real = {f.value: f.count for f in exact.facets["type"]}
    assert all(f.count <= real[f.value] for f in result.facets["type"])
    # Every hit is a real match, and the best title match still comes first.
    assert set(ids(result)) <= set(ids(exact))
    assert ids(result)[0] == ids(exact)[0]
    assert len(result.results) == min(10, exact.total)


def test_a_title_match_beyond_the_counted_ones_still_ranks_first(corpus, settings):
    exact = interface.search("普拉托", lang="zh-hans")
    assert exact.total > 1
    best = exact.results[0]
    assert "普拉托" in best.title
    settings.SEARCH_COUNT_LIMIT = 1
    result = interface.search("普拉托", lang="zh-hans")
    assert result.total_is_estimate
    assert ids(result)[0] == best.page_id


def test_counting_at_the_limit_is_the_same_every_time(corpus, settings):
    settings.SEARCH_COUNT_LIMIT = LIMIT
    first = interface.search("温商", lang="zh-hans")
    again = interface.search("溫商", lang="zh-hans")
    assert ids(first) == ids(again)
    assert first.as_dict()["facets"] == again.as_dict()["facets"]


def test_filtered_facets_count_their_alternatives_within_the_limit(corpus, settings):
    exact = interface.search("温州", filters={"type": ["artifact"]}, lang="zh-hans", page_size=50)
    settings.SEARCH_COUNT_LIMIT = LIMIT
    result = interface.search("温州", filters={"type": ["artifact"]}, lang="zh-hans")
    assert (result.total, result.total_is_estimate) == (LIMIT, True)
    assert {hit.type for hit in result.results} == {"artifact"}
    assert set(ids(result)) <= set(ids(exact))
    # The type facet counts the matches without the type filter: other types may show.
    types = {f.value for f in exact.facets["type"]}
    assert len(types) > 1
    assert {f.value for f in result.facets["type"]} <= types
    assert sum(f.count for f in result.facets["type"]) == LIMIT


def test_a_narrow_filter_under_a_broad_word_is_counted_exactly(corpus, settings):
    settings.SEARCH_COUNT_LIMIT = LIMIT
    result = interface.search("温州", filters={"stage": ["signed"]}, lang="zh-hans")
    assert result.total_is_estimate is False
    assert result.total == len(result.results) >= 1


def test_suggestions_and_completion_work_at_the_limit(corpus, settings):
    settings.SEARCH_COUNT_LIMIT = 1
    nothing = interface.search("qiaotouniu", lang="zh-hans")
    assert nothing.total == 0 and "桥头纽扣市场的兴起" in nothing.suggestions
    assert interface.suggest("wangj", lang="zh-hans")[0]["title"] == "王建国"


def test_api_and_page_show_the_estimate(client, corpus, settings):
    plain = client.get("/api/search/", {"q": "温州", "lang": "zh-hans"}).json()
    assert plain["total_is_estimate"] is False
    assert "1+" not in client.get("/search/", {"q": "温州"}).content.decode()

    settings.SEARCH_COUNT_LIMIT = LIMIT
    data = client.get("/api/search/", {"q": "温州", "lang": "zh-hans"}).json()
    assert (data["total"], data["total_is_estimate"], data["num_pages"]) == (LIMIT, True, 1)
    assert set(data) >= {"query", "total", "results", "facets", "page", "page_size", "took_ms"}

    html = client.get("/search/", {"q": "温州"}).content.decode()
    assert "找到 3+ 条与“温州”相关的结果" in html
    assert "第 1 页，共 1+ 页" in html
    assert '<span class="count">(' in html and "+)</span>" in html

    settings.SEARCH_COUNT_LIMIT = 1
    english = client.get("/en/search/", {"q": "Wenzhou"}).content.decode()
    assert "1+ results for “Wenzhou”" in english
    assert "Page 1 of 1+" in english
