"""The results page: one search landmark, the site's margins, facets behind 筛选 on phones and
snippets made of whole sentences."""

import pytest

from search import interface, quality
from search.highlight import highlight
from search.text import analyse_query

TEXT = (
    "温州商人遍布世界。他们在巴黎开店，经营皮具和服装。后来又去了迪拜，把小商品卖到中东！"
    "这一句和前面的没有关系，只是为了让正文更长一些，超过一个摘要能放下的字数。"
)


def test_a_snippet_is_the_sentences_around_the_match():
    snippet = str(highlight(TEXT, analyse_query("迪拜")))
    # From the start of the match's sentence to a sentence's end, not mid-sentence.
    assert snippet.startswith("…后来又去了<mark>迪拜</mark>，把小商品卖到中东！")
    assert snippet.endswith("字数。")
    assert str(
        highlight("Wenzhou merchants. They sell buttons in Paris. More.", analyse_query("paris"))
    ) == ("…They sell buttons in <mark>Paris</mark>. More.")


def test_a_snippet_of_one_long_sentence_is_cut_and_stays_escaped():
    text = "<b>没有句号</b>" + "字" * 300 + "巴黎" + "字" * 300
    snippet = str(highlight(text, analyse_query("巴黎")))
    assert "<mark>巴黎</mark>" in snippet and "&lt;b&gt;" not in snippet
    assert snippet.startswith("…") and snippet.endswith("…") and len(snippet) < 200
    assert str(highlight("前一句。<script>x</script>在巴黎。", analyse_query("巴黎"))) == (
        "…&lt;script&gt;x&lt;/script&gt;在<mark>巴黎</mark>。"
    )


@pytest.mark.django_db
def test_the_page_has_one_search_landmark_margins_and_a_filters_button(client, home_page):
    quality.build_set(
        quality.news_indexes(home_page), [{"id": "a", "title": "巴黎的温州人", "body": TEXT}]
    )
    interface.rebuild()
    html = client.get("/search/", {"q": "巴黎"}).content.decode()
    assert html.count('role="search"') == 1
    assert html.count("<main") == 1
    assert '<div class="search container">' in html
    assert '<details class="search-filters" open>' in html
    assert '<summary class="search-filters__toggle">筛选</summary>' in html
    # Other pages keep the header's search form.
    assert 'class="site-search"' in client.get("/").content.decode()
