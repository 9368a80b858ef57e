"""The issue's acceptance checks for the embedded backend (run on SQLite and PostgreSQL)."""

import pytest
from wagtail.models import PageViewRestriction

from search import interface

pytestmark = pytest.mark.django_db


def titles(result):
    return [hit.title for hit in result.results]


def keys(result, pages):
    by_id = {page.pk: key for key, page in pages.items()}
    return [by_id.get(hit.page_id) for hit in result.results]


def test_two_characters_inside_longer_compounds(corpus):
    result = interface.search("温商", lang="zh-hans", page_size=50)
    found = keys(result, corpus)
    # None of these titles has 温商 as a separate word: it sits inside 世界温商博物馆, 世界温商大会...
    for key in ["n4", "n1", "a12", "cp2"]:
        assert key in found
    assert "<mark>温商</mark>" in result.results[0].title_html


def test_traditional_characters_find_the_same_pages(corpus):
    simplified = interface.search("温商", lang="zh-hans", page_size=50)
    traditional = interface.search("溫商", lang="zh-hans", page_size=50)
    assert traditional.total == simplified.total > 0
    assert [h.page_id for h in traditional.results] == [h.page_id for h in simplified.results]
    assert keys(interface.search("巴黎溫州街"), corpus)[0] == "e4"


@pytest.mark.parametrize("query", ["wenshang", "ws", "wen shang"])
def test_pinyin_finds_titles(corpus, query):
    found = keys(interface.search(query, lang="zh-hans"), corpus)
    assert {"n1", "n4", "a12", "cp1"} <= set(found)


@pytest.mark.parametrize("query", ["wangjianguo", "wjg", "Wang Jianguo"])
def test_pinyin_finds_merchant_names(corpus, query):
    assert keys(interface.search(query, lang="zh-hans"), corpus)[0] == "m1"


def test_english_query_finds_english_translations(corpus):
    result = interface.search("Paris", lang="en")
    found = keys(result, corpus)
    assert found[0] == "e4@en"
    assert all(hit.locale == "en" for hit in result.results)
    # Stemming: "workshop" finds "workshops".
    assert "e4@en" in keys(interface.search("leather workshop", lang="en"), corpus)


def test_facets_count_the_matching_pages(corpus):
    result = interface.search("温州", lang="zh-hans", page_size=50)
    counts = {f.value: f.count for f in result.facets["type"]}
    by_type = {}
    for hit in result.results:
        by_type[hit.type] = by_type.get(hit.type, 0) + 1
    assert result.total == len(result.results)
    assert counts == by_type
    hall_counts = {f.label: f.count for f in result.facets["hall"]}
    assert hall_counts["第二展厅 · 改革开放与温州模式"] >= 2

    filtered = interface.search(
        "温州", filters={"type": ["artifact"]}, lang="zh-hans", page_size=50
    )
    assert filtered.total == counts["artifact"]
    assert {hit.type for hit in filtered.results} == {"artifact"}
    # A filtered facet still offers its alternatives with their own counts.
    assert {f.value: f.count for f in filtered.facets["type"]} == counts


def test_facet_filters_combine(corpus):
    result = interface.search(
        "电气", filters={"stage": ["signed"], "region": ["yueqing"]}, lang="zh-hans"
    )
    assert keys(result, corpus) == ["p2"]
    assert [(f.label, f.count) for f in result.facets["stage"]] == [("签约", 1)]


def test_unpublished_page_disappears_at_once(corpus, django_capture_on_commit_callbacks):
    assert "e1" in keys(interface.search("纽扣市场"), corpus)
    with django_capture_on_commit_callbacks(execute=True):
        corpus["e1"].unpublish()
    assert "e1" not in keys(interface.search("纽扣市场"), corpus)
    with django_capture_on_commit_callbacks(execute=True):
        corpus["e1"].get_latest_revision().publish()
    assert "e1" in keys(interface.search("纽扣市场"), corpus)


def test_deleted_and_private_pages_leave_the_index(corpus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        corpus["a9"].delete()
    assert interface.search("瓯绣").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=corpus["h3"], restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    # The hall and its exhibits are private now; the artifact in the collection is not.
    assert keys(interface.search("普拉托"), corpus) == ["a6"]


def test_moving_a_page_updates_its_url(corpus, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        corpus["e1"].move(corpus["h3"], pos="last-child")
    hit = interface.search("纽扣市场").results[0]
    assert hit.url == "/museum/hall-3/qiaotou-buttons/"


def test_draft_changes_are_not_searchable(corpus, django_capture_on_commit_callbacks):
    page = corpus["a1"]
    page.title = "尚未发布的草稿标题"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision()
    assert interface.search("草稿标题").total == 0
    assert interface.search("供销员的账本").results[0].page_id == page.pk


def test_nothing_found_gives_suggestions(corpus):
    # An unfinished pinyin word matches no page; the titles it begins are suggested.
    result = interface.search("qiaotouniu", lang="zh-hans")
    assert result.total == 0
    assert "桥头纽扣市场的兴起" in result.suggestions


def test_some_words_matching_is_never_nothing(corpus):
    result = interface.search("纽扣 火星", lang="zh-hans")
    assert result.total > 0 and result.complete == 0 and result.partial
    assert "桥头纽扣市场的兴起" in titles(result)
    assert all(hit.missing == ["火星"] for hit in result.results)


def test_suggest_completes_titles_and_pinyin(corpus):
    assert "陈海燕" in [s["title"] for s in interface.suggest("chenh", lang="zh-hans")]
    assert "桥头纽扣市场的兴起" in [s["title"] for s in interface.suggest("桥头纽", lang="zh-hans")]


def test_rebuild_and_clear(corpus):
    total = interface.search("温州", lang="zh-hans").total
    interface.clear()
    assert interface.search("温州", lang="zh-hans").total == 0
    stats = interface.rebuild()
    assert stats["documents"] >= len(corpus)
    assert interface.search("温州", lang="zh-hans").total == total


def test_unpublishing_a_hall_takes_its_exhibits_out(corpus, django_capture_on_commit_callbacks):
    assert "e5" in keys(interface.search("普拉托"), corpus)
    with django_capture_on_commit_callbacks(execute=True):
        corpus["h3"].unpublish()
    # The exhibits stay live in the tree but are no longer reachable on the public site.
    assert keys(interface.search("普拉托"), corpus) == ["a6"]
    interface.rebuild()
    assert keys(interface.search("普拉托"), corpus) == ["a6"]
