"""GET /api/search/ and the search page at /search/ and /en/search/."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_returns_results_facets_and_timing(client, corpus):
    response = client.get("/api/search/", {"q": "溫商", "lang": "zh-hans", "type": "news"})
    assert response.status_code == 200
    data = response.json()
    # Three news pages say 温商; a fourth says 温州商人, its synonym in the starting list.
    assert data["total"] == len(data["results"]) == 4
    assert "瓯海智能鞋服产业园开工建设" in [hit["title"] for hit in data["results"]]
    first = data["results"][0]
    assert set(first) >= {"title", "url", "type", "type_label", "snippet", "image", "title_html"}
    assert first["type"] == "news" and first["url"].startswith("/news/")
    assert "<mark>温商</mark>" in first["title_html"]
    assert {f["value"]: f["count"] for f in data["facets"]["type"]}["news"] == 4
    assert data["took_ms"] >= 0 and data["suggestions"] == []

    english = client.get("/api/search/", {"q": "Paris", "lang": "en"}).json()
    assert english["results"][0]["url"] == "/en/museum/hall-3/paris-wenzhou-street/"
    # Facet labels follow the reader's language.
    assert all(f["label"].isascii() for f in english["facets"]["type"])

    nothing = client.get("/api/search/", {"q": "qiaotouniu"}).json()
    assert nothing["total"] == 0 and "桥头纽扣市场的兴起" in nothing["suggestions"]

    partial = client.get("/api/search/", {"q": "纽扣 火星"}).json()
    assert partial["partial"] is True and partial["complete"] == 0
    assert partial["results"][0]["missing"] == ["火星"]

    suggest = client.get("/api/search/suggest/", {"q": "wangj"}).json()
    assert suggest["suggestions"][0]["title"] == "王建国"


@pytest.mark.parametrize(
    ("params", "fragment"),
    [
        ({}, "请输入搜索词"),
        ({"q": "温商", "page": "abc"}, "page 必须是整数"),
        ({"q": "温商", "page": "0"}, "page 必须在"),
        ({"q": "温商", "page_size": "500"}, "page_size 必须在"),
        ({"q": "温商", "colour": "red"}, "不支持的参数"),
        ({"q": "温商", "year": "nineteen"}, "year 必须是数字"),
        # 19 digits: what the published document refuses, the API refuses with its own words.
        ({"q": "温商", "era": "1234567890123456789"}, "era 必须是数字，最多 18 位"),
        ({"q": "温商", "lang": "fr"}, "lang 只能是"),
        ({"q": "温" * 201}, "搜索词太长"),
    ],
)
def test_bad_parameters_get_a_400_in_chinese(client, home_page, params, fragment):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    body = response.json()["error"]
    assert body["message"] == "请求参数有误"
    assert any(fragment in detail for detail in body["details"])


def test_bad_parameters_answer_in_the_readers_language(client, home_page):
    response = client.get("/api/search/", {"q": "x", "page": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["message"] == "Invalid request parameters"
    assert error["details"] == ["Parameter page must be an integer."]
    # ?lang= wins over the browser's language.
    zh = client.get("/api/search/", {"page": "1", "lang": "zh-hans"}, HTTP_ACCEPT_LANGUAGE="en")
    assert zh.json()["error"]["details"] == ["请输入搜索词（参数 q）。"]


def test_search_page_works_without_javascript_in_both_languages(client, corpus):
    page = client.get("/search/", {"q": "纽扣"})
    assert page.status_code == 200
    html = page.content.decode()
    assert 'method="get"' in html and 'name="q"' in html
    assert 'href="/museum/hall-2/qiaotou-buttons/"' in html
    assert "桥头<mark>纽扣</mark>市场的兴起" in html
    assert "search/search.js" in html
    # Facet links are plain URLs that add a filter.
    assert "type=exhibit" in html

    filtered = client.get("/search/", {"q": "纽扣", "type": "artifact"}).content.decode()
    assert "/museum/collection/button-card/" in filtered
    assert "/museum/hall-2/qiaotou-buttons/" not in filtered

    english = client.get("/en/search/", {"q": "Paris"})
    assert english.status_code == 200
    assert "The Wenzhou Street of <mark>Paris</mark>" in english.content.decode()

    bad = client.get("/search/", {"q": "纽扣", "page": "x"})
    assert bad.status_code == 400 and "page 必须是整数" in bad.content.decode()
    assert client.get("/search/").status_code == 200


def test_admin_searches_through_the_same_interface(client, corpus, django_user_model):
    admin = django_user_model.objects.create_superuser("searchadmin", "a@example.com", "pw")
    client.force_login(admin)
    response = client.get("/admin/site-search/", {"q": "wjg"})
    assert response.status_code == 200
    html = response.content.decode()
    assert f"/admin/pages/{corpus['m1'].pk}/edit/" in html
    assert "merchanthistory" in html  # the index table by type


def test_admin_search_needs_an_admin_login(client, home_page):
    response = client.get("/admin/site-search/", {"q": "wjg"})
    assert response.status_code == 302


def test_long_facets_fold_their_smaller_values_keeping_the_chosen_one():
    from search.views import FACET_VISIBLE, _fold

    values = [
        {"label": str(year), "count": year % 7, "active": year == 1900}
        for year in range(1900, 1920)
    ]
    facet = _fold("year", values)
    assert len(facet["values"]) == FACET_VISIBLE + 1  # the eight largest, and the chosen year
    assert facet["values"][0]["label"] == "1900"  # chosen, though its count is 0
    assert min(v["count"] for v in facet["values"][1:]) >= max(v["count"] for v in facet["more"])
    # Both parts keep the facet's own order (years stay chronological).
    assert [v["label"] for v in facet["values"]] == sorted(v["label"] for v in facet["values"])
    assert len(facet["values"]) + len(facet["more"]) == len(values)


def test_search_page_folds_long_facets_under_more(client, corpus, monkeypatch):
    monkeypatch.setattr("search.views.FACET_VISIBLE", 1)
    html = client.get("/search/", {"q": "纽扣"}).content.decode()
    assert '<details class="search-facet__more">' in html and "更多（" in html
    english = client.get("/en/search/", {"q": "Paris"}).content.decode()
    assert " more</summary>" in english
