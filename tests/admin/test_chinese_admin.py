"""A zh-hans editor of every group sees a Chinese admin: no English interface text anywhere."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model

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
EXAMPLE_VALUES = {"WZ-2026-001", "WZM-2026-0001", "Wang Jianguo"}


def field_values(world, user):
    """Data the admin shows as it is: usernames, emails, codes, file names, the pages' values."""
    values = {user.username, user.email, world.donation.email, world.donation.reference}
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
            words = latin_words(visible_text(response.content.decode()), allowed)
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
