"""Ranking of queries with several words: pages with every word first, then the pages that cover
most of the query, rarer words counting more; particles and question words are not required."""

import pytest

from search import interface, quality

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    {
        "id": "prato",
        "title": "托斯卡纳的温州服装城",
        "intro": "意大利普拉托聚集了数万名来自温州的服装商人。",
        "body": "温州人在普拉托租下厂房做服装加工。\n\n当地温州商会组织企业参加安全培训。",
    },
    {
        "id": "courier",
        "title": "快递",
        "intro": "快递网点延长营业时间。",
        "body": "春节前快递业务量大增。",
    },
    {
        "id": "clothes",
        "title": "服装",
        "intro": "服装企业开展秋季招聘。",
        "body": "服装企业招聘缝纫工。",
    },
    {
        "id": "both",
        "title": "乡镇物流",
        "intro": "乡镇物流网点覆盖率提高。",
        "body": "普拉托的温州商户也用快递把样衣寄回国内。",
    },
]


@pytest.fixture
def pages(home_page):
    built = quality.build_set(quality.news_indexes(home_page), DOCUMENTS)
    interface.rebuild()
    return {page.pk: key for key, page in built.items()}


def ranked(result, pages):
    return [pages.get(hit.page_id) for hit in result.results]


def test_a_page_missing_one_word_still_comes_first(pages):
    result = interface.search("普拉托 服装 商会 空运", lang="zh-hans")
    assert ranked(result, pages)[0] == "prato"
    assert result.results[0].missing == ["空运"]
    assert result.complete == 0 and result.partial


def test_pages_with_every_word_come_before_a_title_match_of_one_word(pages):
    result = interface.search("快递 普拉托", lang="zh-hans")
    order = ranked(result, pages)
    assert order[0] == "both" and result.results[0].missing == []
    assert set(order) == {"both", "prato", "courier"}
    assert result.complete == 1 and result.total == 3


def test_rarer_words_count_more_than_common_ones(pages):
    # 温州 is on two pages, 快递 on two, 缝纫 on one: the page with the rare word comes first
    # among the pages that have one word each.
    result = interface.search("缝纫 快递", lang="zh-hans")
    assert ranked(result, pages)[0] == "clothes"


def test_particles_and_question_words_are_not_required(pages):
    result = interface.search("普拉托的温州人做什么", lang="zh-hans")
    assert ranked(result, pages)[0] == "prato"
    assert "什么" not in result.results[0].missing and "的" not in result.results[0].missing


def test_the_api_and_page_say_when_results_are_partial(client, pages):
    data = client.get("/api/search/", {"q": "普拉托 服装 商会 空运", "lang": "zh-hans"}).json()
    assert data["partial"] is True and data["complete"] == 0
    assert data["results"][0]["missing"] == ["空运"]
    html = client.get("/search/", {"q": "普拉托 服装 商会 空运"}).content.decode()
    assert "没有同时包含全部搜索词的结果" in html
    assert "未包含" in html and "空运" in html
    # Timing is for the admin, not the public page.
    assert " ms）" not in html and "search-took" not in html


def test_heading_levels_are_not_content(home_page):
    import datetime

    from cms.publicity.models import NewsPage
    from search.models import IndexEntry

    index = quality.news_indexes(home_page)["zh-hans"]
    page = NewsPage(
        title="侨批的来历",
        slug="qiaopi-origin",
        date=datetime.date(2025, 1, 1),
        body=[
            {"type": "heading", "value": {"text": "银信与批局", "level": "h2"}},
            {"type": "paragraph", "value": "<p>批局负责把侨批送到侨眷手中。</p>"},
        ],
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    interface.rebuild()
    assert interface.search("批局").results[0].page_id == page.pk
    assert interface.search("银信与批局").results[0].page_id == page.pk
    for query in ["H2", "h2"]:
        result = interface.search(query)
        assert result.total == 0 and result.results == []
    assert "H2" not in IndexEntry.objects.get(page_id=page.pk).text


def test_index_and_navigation_pages_rank_below_content(home_page):
    index = quality.news_indexes(home_page)["zh-hans"]
    index.title = "侨批新闻"  # a listing whose title is the query word
    index.save_revision().publish()
    built = quality.build_set(
        {"zh-hans": index},
        [{"id": "n", "title": "展览开幕", "intro": "", "body": "侨批展览开幕，展出二百封侨批。"}],
    )
    interface.rebuild()
    for q in ["侨批", "侨批 展览"]:
        ids = [hit.page_id for hit in interface.search(q, lang="zh-hans").results]
        assert ids.index(built["n"].pk) < ids.index(index.pk)


def test_a_facet_without_a_query_lists_the_facets_pages(client, pages):
    result = interface.search("", filters={"type": ["news"]}, lang="zh-hans")
    assert {pages.get(hit.page_id) for hit in result.results} == set(pages.values())
    assert result.total == len(pages) and not result.partial
    # The chosen facet still offers its alternatives with their counts.
    assert {f.value: f.count for f in result.facets["type"]}["news"] == len(pages)

    data = client.get("/api/search/", {"type": "news", "lang": "zh-hans"}).json()
    assert data["total"] == len(pages)
    html = client.get("/search/", {"type": "news"}).content.decode()
    assert "托斯卡纳的温州服装城" in html
    # Without a query or a facet the request is still refused with a message.
    assert client.get("/api/search/").status_code == 400
