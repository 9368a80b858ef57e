"""Synonyms kept by editors as snippets apply to the next query, in both directions for a group
and one way for a broader term, without rebuilding the index."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from search import interface, quality
from search.models import Synonym

pytestmark = pytest.mark.django_db

DOCUMENTS = [
    {
        "id": "oujiang",
        "title": "瓯江口新区规划公布",
        "intro": "新区将建设产业园。",
        "body": "瓯江口位于温州东部。",
    },
    {
        "id": "leather",
        "title": "皮鞋店陆续开业",
        "intro": "老街的皮鞋店重新开张。",
        "body": "店主多是温州人。",
    },
    {
        "id": "types",
        "title": "鞋类出口增长",
        "intro": "今年鞋类出口额增长一成。",
        "body": "运动鞋、凉鞋都卖得好。",
    },
    {
        "id": "short",
        "title": "温商大会召开",
        "intro": "各地温商齐聚家乡。",
        "body": "大会签约项目八十六个。",
    },
    {
        "id": "english",
        "lang": "en",
        "title": "Merchants return to Lucheng",
        "intro": "Merchants from Wenzhou open companies at home.",
        "body": "They register at one counter.",
    },
]


@pytest.fixture
def pages(home_page):
    built = quality.build_set(quality.news_indexes(home_page), DOCUMENTS)
    interface.rebuild()
    return {page.pk: key for key, page in built.items()}


def found(q, pages, lang="zh-hans"):
    return [pages.get(hit.page_id) for hit in interface.search(q, lang=lang).results]


def test_a_synonym_added_in_the_admin_changes_the_next_query(admin_client, pages):
    assert "oujiang" not in found("浅滩", pages)
    add_url = reverse("wagtailsnippets_search_synonym:add")
    response = admin_client.post(add_url, {"terms": "浅滩，瓯江口", "broader": "", "note": ""})
    assert response.status_code == 302
    assert found("浅滩", pages)[0] == "oujiang"
    api = admin_client.get("/api/search/", {"q": "浅滩", "lang": "zh-hans"}).json()
    assert api["results"][0]["title"] == "瓯江口新区规划公布"

    synonym = Synonym.objects.get(terms__contains="浅滩")
    delete_url = reverse("wagtailsnippets_search_synonym:delete", args=[synonym.pk])
    assert admin_client.post(delete_url).status_code == 302
    assert "oujiang" not in found("浅滩", pages)


def test_a_broader_term_expands_one_way(admin_client, pages):
    add_url = reverse("wagtailsnippets_search_synonym:add")
    assert "leather" not in found("鞋类", pages)
    admin_client.post(add_url, {"terms": "皮鞋\n运动鞋", "broader": "鞋类", "note": ""})
    assert {"leather", "types"} <= set(found("鞋类", pages))
    assert "types" not in found("皮鞋", pages)


@pytest.mark.parametrize(
    "terms, broader, message",
    [
        ("浅滩", "", "同义词组至少要有两个不同的词语"),
        ("浅滩\n淺灘", "", "同义词组至少要有两个不同的词语"),
        ("皮鞋", "皮鞋", "上位词不能同时出现在词语列表中"),
    ],
)
def test_a_group_that_says_nothing_is_refused_with_a_message(
    admin_client, pages, terms, broader, message
):
    add_url = reverse("wagtailsnippets_search_synonym:add")
    before = Synonym.objects.count()
    response = admin_client.post(add_url, {"terms": terms, "broader": broader, "note": ""})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Synonym.objects.count() == before


def test_the_refusal_is_in_english_for_an_english_editor(admin_client, admin_user, pages):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    response = admin_client.post(
        reverse("wagtailsnippets_search_synonym:add"), {"terms": "浅滩", "broader": "", "note": ""}
    )
    assert "A synonym group needs at least two different terms" in response.content.decode()


def test_the_starting_list_knows_the_domain(pages):
    # Shipped by a data migration: the long form finds the page that uses the short one.
    assert found("温州商人", pages)[0] == "short"
    assert found("business people", pages, lang="en")[0] == "english"
    assert found("traders Lucheng", pages, lang="en")[0] == "english"
