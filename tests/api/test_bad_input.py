"""Bad paging, id and search input answers 400 or 404 with a message, never a 500."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

LISTINGS = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v3/pages/",
    "/api/v3/images/",
    "/api/v3/documents/",
    "/api/v3/redirects/",
]
DETAILS = [
    "/api/v2/pages/{}/",
    "/api/v2/images/{}/",
    "/api/v2/documents/{}/",
    "/api/v3/pages/{}/",
    "/api/v3/images/{}/",
    "/api/v3/documents/{}/",
    "/api/v3/redirects/{}/",
]
HUGE = [str(2**63), str(10**20)]


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("name", ["offset", "limit"])
@pytest.mark.parametrize("value", ["-1", *HUGE])
def test_out_of_range_paging_is_a_bad_request(client, shared_site_tree, url, name, value):
    response = client.get(url, {name: value})
    assert response.status_code == 400, response.content
    assert name in response.content.decode()


@pytest.mark.parametrize("url", LISTINGS)
def test_zero_offset_is_the_first_page(client, shared_site_tree, url):
    assert client.get(url, {"offset": "0"}).status_code == 200


@pytest.mark.parametrize("url", LISTINGS)
def test_zero_limit_is_answered_without_error(client, shared_site_tree, url):
    assert client.get(url, {"limit": "0"}).status_code in (200, 400)


@pytest.mark.parametrize("url", DETAILS)
@pytest.mark.parametrize("value", ["0", *HUGE])
def test_unknown_or_out_of_range_ids_are_not_found(client, shared_site_tree, url, value):
    assert client.get(url.format(value)).status_code == 404


@pytest.mark.parametrize("url", DETAILS)
def test_negative_ids_are_not_found(client, shared_site_tree, url):
    assert client.get(url.format("-1")).status_code == 404


@pytest.mark.parametrize("name", ["child_of", "descendant_of", "ancestor_of", "id"])
@pytest.mark.parametrize("value", HUGE)
def test_out_of_range_filters_are_bad_requests(client, shared_site_tree, name, value):
    assert client.get("/api/v2/pages/", {name: value}).status_code == 400
    assert client.get("/api/v3/pages/", {name: value}).status_code == 400


def test_out_of_range_field_filter_is_a_bad_request(client, shared_site_tree):
    response = client.get("/api/v2/pages/", {"type": "museum.HallPage", "number": str(10**20)})
    assert response.status_code == 400


@pytest.mark.parametrize("name", ["page", "page_size"])
@pytest.mark.parametrize("value", ["0", "-1", *HUGE])
def test_search_api_paging_is_checked(client, shared_site_tree, name, value):
    response = client.get("/api/search/", {"q": "温商", name: value})
    assert response.status_code == 400, response.content


def test_messages_follow_the_readers_language(client, shared_site_tree):
    chinese = client.get("/api/v3/pages/", {"offset": str(10**20)}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    english = client.get("/api/v3/pages/", {"offset": str(10**20)}, HTTP_ACCEPT_LANGUAGE="en")
    assert "超出范围" in chinese.json()["detail"]
    assert "out of range" in english.json()["detail"]


SEARCH_LISTINGS = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v3/pages/",
    "/api/v3/images/",
    "/api/v3/documents/",
]


@pytest.mark.parametrize("url", SEARCH_LISTINGS)
@pytest.mark.parametrize("text", ['"', '纽扣"', '"桥头', 'a " b', "NEAR(a b)", "*", "'", "%", "^"])
def test_search_syntax_characters_are_searched_as_text(client, shared_site_tree, url, text):
    response = client.get(url, {"search": text})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("url", SEARCH_LISTINGS)
def test_nul_bytes_are_refused(client, shared_site_tree, url):
    response = client.get(url, {"search": "纽扣\x00"})
    assert response.status_code == 400
    assert "search" in response.json()["detail"]


def test_search_still_finds_pages_around_a_quote(client, shared_site_tree):
    response = client.get("/api/v2/pages/", {"search": '"纽扣市场'})
    titles = [item["title"] for item in response.json()["items"]]
    plain = client.get("/api/v2/pages/", {"search": "纽扣市场"}).json()["items"]
    assert titles == [item["title"] for item in plain]


ADMIN_SEARCHES = [
    "/admin/images/",
    "/admin/documents/",
    "/admin/pages/search/",
    "/admin/images/chooser/",
    "/admin/documents/chooser/",
    "/admin/choose-page/search/",
    "/admin/users/",
]


@pytest.mark.parametrize("url", ADMIN_SEARCHES)
@pytest.mark.parametrize("text", ['"', 'a "b', "\x00"])
def test_admin_searches_answer_quotes_and_nul(client, shared_site_tree, url, text):
    admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
    client.force_login(admin)
    response = client.get(url, {"q": text})
    assert response.status_code == 200


def test_search_suggestions_refuse_an_overlong_prefix(client, shared_site_tree):
    response = client.get("/api/search/suggest/", {"q": "纽" * 201})
    assert response.status_code == 400
    assert client.get("/api/search/suggest/", {"q": "纽" * 200}).status_code == 200


@pytest.mark.parametrize("value", ["\r 43216462\r\x85\x0b\x1f", " 12\x1c"])
def test_odd_spaces_around_digits_are_the_views_to_judge(client, shared_site_tree, value):
    """The guard reads ASCII integer literals only; the search API strips spaces as Python does."""
    assert client.get("/api/search/", {"q": "纽扣", "year": value}).status_code == 200
    assert client.get("/api/v2/pages/", {"offset": value}).status_code in (200, 400)


def test_digits_of_other_scripts_are_not_years(client, shared_site_tree):
    assert client.get("/api/search/", {"q": "纽扣", "year": "٣٣"}).status_code == 400
