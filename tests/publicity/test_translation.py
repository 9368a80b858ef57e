"""Translation zh-hans -> en with Wagtail's simple translation, through the admin and the review."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from cms.core import roles
from cms.publicity.models import NewsIndexPage, NewsPage

from .conftest import add_news
from .test_workflow import approve_all, news_form

pytestmark = pytest.mark.django_db


def switch_links(html):
    start = html.index('class="language-switch"')
    block = html[start : html.index("</nav>", start)]
    return re.findall(r'<a href="([^"]+)"[^>]*data-language="([^"]+)"([^>]*)>([^<]+)</a>', block)


@pytest.fixture
def english_home(home_page, locales):
    english = home_page.copy_for_translation(locales["en"])
    english.title = "World Wenzhou Merchants Museum"
    english.save_revision().publish()
    return english


@pytest.fixture
def people(news_index, english_home):
    User = get_user_model()
    # The section is translated once by an administrator; setup_roles then puts the English
    # section under the same review as the Chinese one.
    english_index = news_index.copy_for_translation(Locale.objects.get(language_code="en"))
    english_index.title = "News"
    english_index.save_revision().publish()
    call_command("setup_roles", verbosity=0)

    def person(username, role):
        user = User.objects.create_user(
            username, email=f"{username}@wzmuseum.example", password="x-12345678"
        )
        user.groups.add(Group.objects.get(name=role.name))
        return user

    return {
        "editor": person("editor", roles.PUBLICITY_EDITOR),
        "colleague": person("colleague", roles.PUBLICITY_EDITOR),
        "approver": person("approver", roles.PUBLICITY_APPROVER),
        "leader": person("leader", roles.PUBLICITY_LEADER),
        "admin": person("siteadmin", roles.SITE_ADMINISTRATOR),
    }


def test_english_section_is_reviewed_like_the_chinese_one(people, news_index):
    english_index = NewsIndexPage.objects.get(locale__language_code="en")
    assert english_index.get_workflow() == news_index.get_workflow() is not None


def test_editor_translates_a_news_page_and_the_switch_follows(
    client, people, news_index, english_home
):
    news = add_news(news_index, "opening", datetime.date(2026, 6, 1), title="温商大会开幕")
    # Untranslated: the switch goes to the English home page and says so.
    ((url, code, attrs, label),) = switch_links(client.get(news.url).content.decode())
    assert (url, code, label) == ("/en/", "en", "English home page")
    assert "is-home-fallback" in attrs

    client.force_login(people["editor"])
    english = Locale.objects.get(language_code="en")
    response = client.post(
        reverse("simple_translation:submit_page_translation", args=[news.pk]),
        {"locales": [english.pk]},
    )
    assert response.status_code == 302
    copy = NewsPage.objects.get(locale=english, translation_key=news.translation_key)
    assert not copy.live  # a draft until it is reviewed
    assert copy.get_parent().specific.locale == english

    # The editor writes the English text and submits it; it is reviewed like any news.
    edit_url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    response = client.post(
        edit_url, news_form("Wenzhou merchants' conference opens", copy.slug, "action-submit")
    )
    assert response.status_code == 302
    ((url, _code, attrs, label),) = switch_links(client.get(news.url).content.decode())
    assert label == "English home page"  # still a draft

    approve_all(client, people, copy)
    copy.refresh_from_db()
    assert copy.live and copy.url.startswith("/en/")

    client.logout()
    ((url, code, attrs, label),) = switch_links(client.get(news.url).content.decode())
    assert (url, label) == (copy.url, "English")
    assert "is-home-fallback" not in attrs
    html = client.get(copy.url).content.decode()
    assert (
        "Wenzhou merchants&#x27; conference opens" in html
        or "Wenzhou merchants' conference opens" in html
    )
    assert switch_links(html)[0][0] == news.url
