"""URL names from Chinese titles: pinyin, unique among siblings, never typed by an editor."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from wagtail.admin.rich_text import get_rich_text_editor_widget
from wagtail.models import APIToken

from cms.core.models import StandardPage
from cms.publicity.models import NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("温商座谈会", "wenshang-zuotanhui"),
        ("2026年世界温商大会开幕", "2026-nian-shijie-wenshang-dahui-kaimu"),
        ("温州商人回归 Visit", "wenzhou-shangren-huigui-visit"),
        ("English Title", "english-title"),
        ("！？", ""),
    ],
)
def test_pinyin_slug(title, slug):
    from cms.core.slugs import pinyin_slug

    assert pinyin_slug(title) == slug


def test_long_titles_are_cut_at_a_word(db):
    from cms.core.slugs import pinyin_slug

    slug = pinyin_slug("温州商人" * 40)
    assert 0 < len(slug) <= 80 and not slug.endswith("-")


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(title="新闻", slug="news")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")
    client.force_login(user)
    return client


def news_form(title, slug=""):
    return {
        "title": title,
        "slug": slug,
        "date": "2026-06-20",
        "byline": "",
        "intro": "",
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-value": get_rich_text_editor_widget().format_value("<p>正文。</p>"),
        "body-0-deleted": "",
        "body-0-order": "0",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
    }


def add_url(index):
    return reverse("wagtailadmin_pages:add", args=("publicity", "newspage", index.pk))


def test_admin_saves_a_chinese_title_without_a_slug(admin_client, news_index):
    response = admin_client.post(add_url(news_index), news_form("温商座谈会"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert NewsPage.objects.get(title="温商座谈会").slug == "wenshang-zuotanhui"

    # A second page of the same title gets a slug of its own among its siblings.
    response = admin_client.post(add_url(news_index), news_form("温商座谈会"))
    assert response.status_code == 302
    slugs = sorted(NewsPage.objects.filter(title="温商座谈会").values_list("slug", flat=True))
    assert slugs == ["wenshang-zuotanhui", "wenshang-zuotanhui-2"]


def test_an_editor_may_type_their_own_slug(admin_client, news_index):
    response = admin_client.post(add_url(news_index), news_form("温商座谈会", "forum-2026"))
    assert response.status_code == 302
    assert NewsPage.objects.get(title="温商座谈会").slug == "forum-2026"


def test_existing_pages_keep_their_slug(admin_client, news_index):
    news = NewsPage(title="旧新闻", slug="old-news", date="2026-01-01", body=[])
    news_index.add_child(instance=news)
    url = reverse("wagtailadmin_pages:edit", args=(news.pk,))
    response = admin_client.post(url, news_form("温商座谈会", "old-news"))
    assert response.status_code == 302
    news.refresh_from_db()
    assert news.slug == "old-news"


def test_a_title_without_letters_asks_for_a_slug_in_chinese(admin_client, news_index):
    with translation.override("zh-hans"):
        response = admin_client.post(add_url(news_index), news_form("！？"))
    assert response.status_code == 200
    assert "无法从标题生成网址名称" in response.content.decode()
    assert not NewsPage.objects.exists()


def test_the_slug_field_sits_under_the_title_on_the_content_tab(admin_client, news_index):
    html = admin_client.get(add_url(news_index)).content.decode()
    # Tab ids are the escaped Chinese headings: 内容 (content) and 推荐 (promote).
    content_tab = html.split('id="tab-u5185u5bb9"', 1)[1].split('id="tab-u63a8u8350"', 1)[0]
    assert 'name="slug"' in content_tab
    assert content_tab.index('name="title"') < content_tab.index('name="slug"')
    assert "core/js/pinyin-slug.js" in html


def test_preview_endpoint_gives_a_slug_unique_among_siblings(admin_client, news_index):
    news = NewsPage(title="温商座谈会", slug="wenshang-zuotanhui", date="2026-01-01", body=[])
    news_index.add_child(instance=news)
    url = reverse("core_pinyin_slug")
    assert admin_client.get(url, {"title": "温商座谈会"}).json() == {"slug": "wenshang-zuotanhui"}
    taken = admin_client.get(url, {"title": "温商座谈会", "parent": news_index.pk}).json()
    assert taken == {"slug": "wenshang-zuotanhui-2"}
    own = {"title": "温商座谈会", "parent": news_index.pk, "page": news.pk}
    assert admin_client.get(url, own).json() == {"slug": "wenshang-zuotanhui"}


def test_preview_endpoint_needs_an_admin_login(client, db):
    response = client.get(reverse("core_pinyin_slug"), {"title": "温商"})
    assert response.status_code == 302


def test_pages_created_in_code_get_a_pinyin_slug(news_index):
    news = NewsPage(title="温商回归投资", date="2026-01-01", body=[])
    news_index.add_child(instance=news)
    assert news.slug == "wenshang-huigui-touzi"


def test_pages_created_through_the_v3_api_get_a_pinyin_slug(client, home_page):
    user = get_user_model().objects.create_superuser("api", "api@example.com", "pw")
    _, token = APIToken.create_token(user=user, name="测试")
    response = client.post(
        "/api/v3/pages/",
        data={
            "meta": {"type": "core.StandardPage", "parent_id": home_page.pk},
            "title": "温商座谈会",
        },
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    assert StandardPage.objects.get(title="温商座谈会").slug == "wenshang-zuotanhui"


def test_words_search_adds_to_jieba_do_not_change_slugs():
    import jieba

    from cms.core.slugs import pinyin_slug

    before = pinyin_slug("温州商人回归")
    jieba.add_word("温州商人回归", freq=200_000)
    try:
        assert pinyin_slug("温州商人回归") == before
    finally:
        jieba.del_word("温州商人回归")
