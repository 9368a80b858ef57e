"""News recency, sorting by date and editors' pinned results (推荐结果), in the embedded backend,
the API, the results page and the Elasticsearch request bodies."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from search import interface, quality, recency
from search.backends import elasticsearch as es
from search.models import PinnedPage, PinnedResult
from search.text import analyse_query

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(n):
    return (TODAY - datetime.timedelta(days=n)).isoformat()


# The same words in the same places: only the date tells them apart. The old one is made
# first, so it has the lower page id, which wins ties without the decay.
DOCUMENTS = [
    {
        "id": "old",
        "title": "瓯海眼镜商会年会",
        "body": "眼镜企业交流出口经验。",
        "date": days_ago(1500),
    },
    {
        "id": "new",
        "title": "瓯海眼镜商会年会",
        "body": "眼镜企业交流出口经验。",
        "date": days_ago(3),
    },
    {"id": "mid", "title": "纽扣市场的故事", "body": "眼镜与纽扣一起出口。", "date": days_ago(400)},
    {"id": "other", "title": "桥头纽扣", "body": "桥头镇的纽扣市场。", "date": days_ago(30)},
]


@pytest.fixture
def pages(home_page):
    built = quality.build_set(quality.news_indexes(home_page), DOCUMENTS)
    interface.rebuild()
    return built


def keys(result, pages):
    by_id = {page.pk: key for key, page in pages.items()}
    return [by_id.get(hit.page_id) for hit in result.results]


# Recency -------------------------------------------------------------------------------------


def test_recency_factor_halves_the_decaying_part_at_the_half_life(settings):
    settings.SEARCH_NEWS_HALF_LIFE_DAYS = 365
    year_ago = TODAY - datetime.timedelta(days=365)
    assert recency.factor("publicity", TODAY, TODAY) == 1.0
    assert recency.factor("publicity", year_ago, TODAY) == pytest.approx(0.75)
    assert recency.factor("publicity", datetime.date(1900, 1, 1), TODAY) == pytest.approx(0.5)
    # Only news and campaigns decay; 0 turns the decay off.
    assert recency.factor("museum", year_ago, TODAY) == 1.0
    settings.SEARCH_NEWS_HALF_LIFE_DAYS = 0
    assert recency.factor("publicity", year_ago, TODAY) == 1.0


def test_newer_news_ranks_first_among_equal_matches(pages, settings):
    settings.SEARCH_NEWS_HALF_LIFE_DAYS = 365
    assert keys(interface.search("眼镜商会"), pages)[:2] == ["new", "old"]
    # Several words take the coverage path; the decay orders the same way there.
    assert keys(interface.search("瓯海 眼镜 年会"), pages)[:2] == ["new", "old"]
    settings.SEARCH_NEWS_HALF_LIFE_DAYS = 0
    assert keys(interface.search("眼镜商会"), pages)[:2] == ["old", "new"]


def test_the_elasticsearch_body_decays_news_by_the_same_half_life(settings):
    settings.SEARCH_NEWS_HALF_LIFE_DAYS = 180
    request = interface.SearchRequest(q="温商", lang="zh-hans")
    body = es.build_search(request, analyse_query(request.q), ["wzm-publicity"]).to_dict()
    scored = body["query"]["function_score"]
    assert scored["score_mode"] == "sum" and scored["boost_mode"] == "multiply"
    dated = {
        "bool": {"filter": [{"terms": {"family": ["publicity"]}}, {"exists": {"field": "date"}}]}
    }
    assert scored["functions"] == [
        {"filter": {"bool": {"must_not": [dated]}}, "weight": 1},
        {"filter": dated, "weight": recency.FLOOR},
        {
            "filter": dated,
            "exp": {"date": {"origin": "now/d", "scale": "180d", "decay": 0.5}},
            "weight": 1 - recency.FLOOR,
        },
    ]
    assert "sort" not in body
    settings.SEARCH_NEWS_HALF_LIFE_DAYS = 0
    body = es.build_search(request, analyse_query(request.q), ["wzm-publicity"]).to_dict()
    assert "function_score" not in body["query"]


def test_the_document_carries_its_date(pages):
    from search.documents import build_document

    document = build_document(pages["new"])
    assert document.date == TODAY - datetime.timedelta(days=3)
    assert es.to_source(document)["date"] == document.date.isoformat()
    assert es.document_class("publicity", "cjk", "wzm")._doc_type.mapping.to_dict()["properties"][
        "date"
    ] == {"type": "date"}


# Sorting -------------------------------------------------------------------------------------


def test_sort_newest_and_oldest_in_the_api(client, pages):
    newest = client.get("/api/search/", {"q": "眼镜 纽扣", "sort": "newest"}).json()
    assert keys_of(newest, pages) == ["new", "other", "mid", "old"]
    oldest = client.get("/api/search/", {"q": "出口", "sort": "oldest"}).json()
    assert keys_of(oldest, pages) == ["old", "mid", "new"]
    # A facet without words sorts too.
    browse = client.get("/api/search/", {"type": "news", "sort": "oldest"}).json()
    assert keys_of(browse, pages)[:2] == ["old", "mid"]


def keys_of(data, pages):
    by_id = {page.pk: key for key, page in pages.items()}
    return [by_id.get(hit["page_id"]) for hit in data["results"]]


@pytest.mark.parametrize(
    "lang, message",
    [("zh-hans", "参数 sort 只能是 relevance, newest, oldest。"), ("en", "sort must be")],
)
def test_an_unknown_sort_is_refused_in_the_readers_language(client, pages, lang, message):
    response = client.get("/api/search/", {"q": "眼镜", "sort": "date", "lang": lang})
    assert response.status_code == 400
    assert any(message in d for d in response.json()["error"]["details"])


def test_the_results_page_offers_the_sorts(client, pages):
    html = client.get("/search/", {"q": "眼镜", "sort": "newest"}).content.decode()
    assert '<strong aria-current="true">最新</strong>' in html
    assert 'href="?q=%E7%9C%BC%E9%95%9C&amp;sort=oldest"' in html
    assert 'href="?q=%E7%9C%BC%E9%95%9C"' in html  # relevance is the default


def test_the_elasticsearch_body_sorts_by_date_undated_last():
    request = interface.SearchRequest(q="温商", sort="oldest")
    body = es.build_search(request, analyse_query(request.q), ["wzm-publicity"]).to_dict()
    assert body["sort"] == [
        {"date": {"order": "asc", "missing": "_last"}},
        {"page_id": {"order": "desc"}},
    ]


# Pinned results ------------------------------------------------------------------------------


def pin(query, *pages_, variants="", **dates):
    pinned = PinnedResult(query=query, variants=variants, **dates)
    pinned.full_clean()
    pinned.save()
    for order, page in enumerate(pages_):
        PinnedPage.objects.create(pinned=pinned, page=page, sort_order=order)
    return pinned


def test_pinned_pages_come_first_marked_in_the_api_and_the_page(client, pages):
    pin("眼镜", pages["other"], pages["mid"], variants="眼镜业\n眼镜 商会")
    data = client.get("/api/search/", {"q": "眼镜"}).json()
    assert keys_of(data, pages)[:2] == ["other", "mid"]
    assert [hit["pinned"] for hit in data["results"]] == [True, True, False, False]
    # A pinned page that also matches is not listed twice.
    assert keys_of(data, pages).count("mid") == 1
    # Variants, spacing and traditional characters name the same pin.
    assert keys_of(client.get("/api/search/", {"q": "眼鏡  商會"}).json(), pages)[0] == "other"
    html = client.get("/search/", {"q": "眼镜"}).content.decode()
    assert html.count('<span class="search-hit-pinned">推荐</span>') == 2
    # Pins stand above relevance only: a sort by date is the reader's own order.
    newest = client.get("/api/search/", {"q": "眼镜", "sort": "newest"}).json()
    assert not any(hit["pinned"] for hit in newest["results"])
    # The second page does not repeat them.
    second = client.get("/api/search/", {"q": "眼镜", "page": 2, "page_size": 1}).json()
    # (old and new have the same title: which of the two comes first is the database's tie.)
    assert keys_of(second, pages)[0] in {"old", "new"} and not second["results"][0]["pinned"]


def test_pins_only_apply_while_active(pages):
    now = timezone.now()
    pin("眼镜", pages["other"], active_until=now - datetime.timedelta(days=1))
    pin("眼镜", pages["mid"], active_from=now + datetime.timedelta(days=1))
    result = interface.search("眼镜")
    assert not any(hit.pinned for hit in result.results)


def test_draft_and_restricted_pages_are_never_shown_even_if_pinned(home_page, pages):
    from cms.publicity.models import NewsPage

    index = quality.news_indexes(home_page)["zh-hans"]
    draft = NewsPage(
        title="未发布的草稿", slug="draft", date=TODAY, locale=index.locale, live=False
    )
    index.add_child(instance=draft)
    draft.save_revision()
    restricted = pages["mid"]
    PageViewRestriction.objects.create(page=restricted, restriction_type="password", password="x")
    interface.index(restricted)
    pin("眼镜", draft, restricted, pages["other"])
    result = interface.search("眼镜")
    shown = [hit.page_id for hit in result.results]
    assert draft.pk not in shown and restricted.pk not in shown
    assert result.results[0].page_id == pages["other"].pk and result.results[0].pinned


def test_a_pin_obeys_the_facets_and_answers_a_query_that_found_nothing(pages):
    pin("每周推荐", pages["old"])
    result = interface.run(interface.SearchRequest(q="每周推荐", correct=False))
    assert [hit.page_id for hit in result.results] == [pages["old"].pk]
    assert result.total == 1 and not result.suggestions
    assert interface.search("每周推荐", filters={"type": ["artifact"]}).total == 0


def test_a_pin_needs_a_query_and_an_end_after_its_start():
    from django.core.exceptions import ValidationError

    now = timezone.now()
    with pytest.raises(ValidationError) as error:
        PinnedResult(query="  ", active_from=now, active_until=now).full_clean()
    assert set(error.value.message_dict) == {"query", "active_until"}


def test_the_elasticsearch_pins_body_keeps_language_and_facets():
    request = interface.SearchRequest(q="温商", lang="en", filters={"type": ["news"]})
    body = es.build_pinned([7, 3], request, ["wzm-publicity"]).to_dict()
    assert body["query"] == {
        "bool": {
            "filter": [
                {"terms": {"page_id": [7, 3]}},
                {"terms": {"type": ["news"]}},
                {"term": {"locale": "en"}},
            ]
        }
    }
    assert body["size"] == 2
