"""A question names what it asks for with a frame (做什么生意, 哪些国家): the page that answers it
need not repeat the frame, so the frame's words are optional, not required."""

import pytest

from search import interface, quality
from search.backends import elasticsearch as es
from search.text import analyse_query

DOCUMENTS = [
    {
        "id": "dubai",
        "title": "迪拜龙城里的商铺",
        "intro": "在阿联酋迪拜，温州人撑起了中国商品的集散地。",
        "body": "龙城近三成商铺由温州人经营，从鞋服、灯具起步。",
    },
    {
        "id": "trade",
        "title": "温州人做生意的门道",
        "intro": "温州人做生意讲究抱团。",
        "body": "做生意先做人，这是温州人常说的话。",
    },
    {
        "id": "paris",
        "title": "巴黎的温州人",
        "intro": "巴黎三区的皮具批发店多由温州人经营。",
        "body": "他们做生意从摆摊开始。",
    },
]


def test_the_frame_of_a_question_is_optional():
    query = analyse_query("温州人在迪拜做什么生意")
    assert [(t.text, t.optional) for t in query.terms] == [
        ("温州人", False),
        ("迪拜", False),
        ("做", True),
        ("生意", True),
    ]
    assert [t.text for t in query.required.terms] == ["温州人", "迪拜"]
    # A word before the asking word that is not a one-character verb stays required.
    assert not any(
        t.optional for t in analyse_query("温州人什么时候去巴黎").terms if t.text != "时候"
    )
    # A frame alone is the query: nothing else to require.
    assert not any(t.optional for t in analyse_query("做什么生意").terms)


@pytest.mark.django_db
def test_a_question_finds_the_page_that_answers_it(home_page):
    built = quality.build_set(quality.news_indexes(home_page), DOCUMENTS)
    interface.rebuild()
    result = interface.search("温州人在迪拜做什么生意")
    assert result.results[0].page_id == built["dubai"].pk
    # It has every required word, so it is not a partial match.
    assert result.complete == 1 and result.results[0].missing == []


def test_the_elasticsearch_body_does_not_require_the_frame():
    request = interface.SearchRequest(q="温州人在迪拜做什么生意")
    query = analyse_query(request.q)
    body = es.build_search(request, query, ["wzm-publicity"]).to_dict()
    main = body["query"]["bool"]["must"][0]["bool"]
    assert len(main["must"][0]["bool"]["should"]) == 4  # any word matches
    complete = main["should"][0]["bool"]["must"]
    assert len(complete) == 2 and "迪拜" in str(complete) and "生意" not in str(complete)
    assert body["aggs"]["complete"]["filter"]["bool"]["must"] == complete
