"""A zh-hans editor of every group sees a Chinese admin: no English interface text anywhere."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model

from tests.frontend.test_i18n import read_po

from .latin import latin_words, visible_text

pytestmark = pytest.mark.django_db


def admin_urls(world):
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_explore", args=[world.pages[0].pk]),
        reverse("wagtailadmin_explore", args=[world.builder.news_index.pk]),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("publicity_publishing_report"),
        reverse("publicity_campaign_calendar"),
        reverse("search_index_status"),
        reverse("search_index_status") + "?q=温商",
        reverse("project_listing:index"),
        reverse("chamber_listing:index"),
        reverse("event_listing:index"),
        reverse("donations_admin:index"),
        reverse("donations_admin:inspect", args=[world.donation.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtaildocs:index"),
    ]
    urls += [reverse("wagtailadmin_pages:edit", args=[page.pk]) for page in world.pages]
    return urls


# Examples of data in help texts (项目编号 "如 WZ-2026-001", 拼音 "如 Wang Jianguo").
# Examples in help texts: a code, a reference, a name, a URL name in pinyin.
EXAMPLE_VALUES = {"WZ-2026-001", "WZM-2026-0001", "Wang Jianguo", "wenshang-zuotanhui"}


def field_values(world, user):
    """Data the admin shows as it is: usernames, emails, codes, file names, the pages' values."""
    # Every account's name: the site history lists who signed in.
    values = {account.username for account in world.users.values()}
    values |= {user.username, user.email, world.donation.email, world.donation.reference}
    values |= EXAMPLE_VALUES
    for page in world.pages:
        values |= {page.url_path}
        values |= {
            str(value)
            for field in page._meta.concrete_fields
            if isinstance(value := field.value_from_object(page), str)
        }
    for document in get_document_model().objects.all():
        values |= {document.title, document.filename}
    return values


def test_every_group_sees_no_english_interface_text(client, admin_world):
    offenders = {}
    opened = {}
    for group, user in admin_world.users.items():
        client.force_login(user)
        allowed = field_values(admin_world, user)
        opened[group] = 0
        for url in admin_urls(admin_world):
            response = client.get(url)
            if response.status_code != 200:
                continue
            opened[group] += 1
            html = response.content.decode()
            # Nothing the page loads comes from another host: no gravatar, no release check.
            for outside in ("gravatar.com", "releases.wagtail.org"):
                if outside in html:
                    offenders.setdefault((url, outside), (group, "an address of another host"))
            words = latin_words(visible_text(html), allowed)
            for word, context in words.items():
                offenders.setdefault((url, word), (group, context))
    report = "\n".join(
        f"{url} [{group}] {word!r} in {context!r}"
        for (url, word), (group, context) in sorted(offenders.items())
    )
    assert not offenders, f"{len(offenders)} English words:\n{report}"
    # Every group really saw pages: each opens at least its dashboard and explorer.
    assert all(count >= 3 for count in opened.values()), opened
    assert opened["超级管理员"] == len(admin_urls(admin_world))
    client.force_login(admin_world.users["超级管理员"])
    status = client.get(reverse("search_index_status")).content.decode()
    assert 'data-content-type="publicity.newspage">新闻<' in status


ZH_HANS = Path(settings.BASE_DIR) / "cms" / "locale" / "zh_Hans" / "LC_MESSAGES"


def test_the_admin_catalogue_is_complete_compiled_and_wins_over_wagtails():
    entries = read_po(ZH_HANS / "django.po")
    assert len(entries) > 300
    assert [e["msgid"] for e in entries if not all(e["msgstr"].values())] == []
    with translation.override("zh-hans"):
        for entry in entries:
            if entry["msgctxt"] is None and entry["msgid_plural"] is None:
                assert translation.gettext(entry["msgid"]) == entry["msgstr"][0], entry["msgid"]
        # Wagtail's own translation of this help text is half English; ours replaces it.
        slug_help = (
            "The name of the page as it will appear in URLs e.g http://domain.com/blog/[my-slug]/"
        )
        assert translation.gettext(slug_help) == "页面在网址中的名称，即网址的最后一段。"


def test_javascript_strings_come_from_the_admin_catalogue(client, admin_user):
    """Wagtail's JS reads gettext() from /admin/jsi18n/, which merges LOCALE_PATHS."""
    entries = read_po(ZH_HANS / "djangojs.po")
    assert [e["msgid"] for e in entries if not all(e["msgstr"].values())] == []
    client.force_login(admin_user)
    response = client.get(
        reverse("wagtailadmin_javascript_catalog"), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    # The catalogue is JavaScript with \uXXXX escapes; only those are undone.
    catalogue = re.sub(
        r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), response.content.decode()
    )
    for entry in entries:
        assert entry["msgstr"][0] in catalogue, entry["msgid"]
