"""Pinyin finds words anywhere in a page through the index's vocabulary, and a query with a
same-sound wrong character is corrected, with a notice and a way back to the query as typed."""

import pytest

from search import interface, quality
from search.models import VocabularyTerm

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    {
        "id": "prato",
        "title": "托斯卡纳的服装城",
        "intro": "数万名温州人在这里经营服装。",
        "body": "普拉托位于佛罗伦萨西北，是意大利传统的纺织城。",
    },
    {
        "id": "lucheng",
        "title": "鹿城区推出回乡创业专窗",
        "intro": "营业执照一窗办结。",
        "body": "材料齐全的当天即可领取执照。",
    },
    {
        "id": "other",
        "title": "瑞安汽摩配产业",
        "intro": "小零件撑起大产业。",
        "body": "企业两千多家。",
    },
]


@pytest.fixture
def pages(home_page):
    built = quality.build_set(quality.news_indexes(home_page), DOCUMENTS)
    interface.rebuild()
    return {key: page.pk for key, page in built.items()}


def first(q, **kwargs):
    result = interface.search(q, lang="zh-hans", **kwargs)
    return result.results[0].page_id if result.results else None


def test_pinyin_finds_a_word_of_the_body(pages):
    assert VocabularyTerm.objects.filter(text="普拉托", pinyin="pulatuo", initials="plt").exists()
    assert first("pulatuo") == pages["prato"]
    assert first("plt") == pages["prato"]


def test_pinyin_finds_a_title_word_jieba_cut_in_two(pages):
    # jieba cuts 鹿城区 into 鹿城 + 区; the vocabulary keeps the run of title words too.
    assert first("luchengqu") == pages["lucheng"]
    assert first("lcq") == pages["lucheng"]


def test_a_homophone_typo_finds_the_intended_page_with_a_notice(client, pages):
    result = interface.search("鹿成区", lang="zh-hans")
    assert result.results[0].page_id == pages["lucheng"]
    assert result.corrected_from == "鹿成区" and result.query == "鹿城区"

    html = client.get("/search/", {"q": "鹿成区"}).content.decode()
    assert "显示的是「鹿城区」的结果；仍然搜索「" in html
    assert "nocorrect=1" in html and ">鹿成区</a>」" in html
    english = client.get("/en/search/", {"q": "鹿成区", "lang": "zh-hans"}).content.decode()
    assert "Showing results for “鹿城区”. Search instead for" in english

    data = client.get("/api/search/", {"q": "鹿成区", "lang": "zh-hans"}).json()
    assert data["corrected_from"] == "鹿成区" and data["query"] == "鹿城区"


def test_the_query_as_typed_is_searched_when_asked(client, pages):
    data = client.get("/api/search/", {"q": "鹿成区", "lang": "zh-hans", "nocorrect": "1"}).json()
    assert data["corrected_from"] == "" and data["query"] == "鹿成区"
    assert (
        pages["lucheng"] not in [hit["page_id"] for hit in data["results"][:1]] or data["partial"]
    )


def test_a_query_the_index_knows_is_not_corrected(pages):
    result = interface.search("鹿城区", lang="zh-hans")
    assert result.corrected_from == "" and result.results[0].page_id == pages["lucheng"]
