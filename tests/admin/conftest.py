"""One page of each type, the roles, a zh-hans user per group and a superuser, a donation."""

import io
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Page
from wagtail.users.models import UserProfile

from cms.core import roles
from cms.projects.factories import ProgressPageFactory
from museum.donations.models import Donation
from museum.factories import DonationPageFactory
from search.models import IndexEntry
from tests.frontend.pages import SiteBuilder

PASSWORD = "pw-zh-hans"  # noqa: S105


def zh_hans_user(username, **extra):
    user = get_user_model().objects.create_user(
        username=username,
        email=f"{username}@wzmuseum.example",
        password=PASSWORD,
        first_name="晓明",
        last_name="陈",
        **extra,
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    return user


@pytest.fixture
def admin_world(home_page):
    builder = SiteBuilder(home_page)
    pages = [
        home_page,
        builder.museum,
        builder.hall,
        builder.exhibit,
        builder.collection,
        builder.artifact,
        builder.merchants,
        builder.merchant,
        builder.timeline,
        builder.standard,
        builder.news_index,
        builder.news,
        builder.campaign_index,
        builder.campaign,
        builder.project_index,
        builder.project,
        builder.chamber_index,
        builder.chamber,
        builder.event_index,
        builder.event,
        ProgressPageFactory(parent=home_page),
        DonationPageFactory(parent=builder.museum),
    ]
    call_command("setup_roles", stdout=io.StringIO())
    users = {}
    for role in roles.ROLES:
        user = zh_hans_user(role.key)
        user.groups.add(Group.objects.get(name=role.name))
        users[role.name] = user
    users["超级管理员"] = zh_hans_user("root", is_superuser=True, is_staff=True)
    donation = Donation.objects.create(
        donor_name="林海",
        email="linhai@example.com",
        country="意大利",
        city="米兰",
        title="父亲的供销员账本",
        category=Donation._meta.get_field("category").choices[0][0],
        description="一九八五年的订货账本。",
        intent=Donation._meta.get_field("intent").choices[0][0],
        consent_privacy=True,
    )
    # The 站内搜索 page lists the index by language and type: give it something to list.
    IndexEntry.objects.update_or_create(
        page=builder.news,
        defaults={
            "locale": "zh-hans",
            "content_type": "publicity.newspage",
            "family": "publicity",
            "title": builder.news.title,
            "url": builder.news.url_path,
            "text": "温商回归恳谈会在温州举行。",
        },
    )
    return SimpleNamespace(
        pages=[Page.objects.get(pk=page.pk).specific for page in pages],
        users=users,
        donation=donation,
        builder=builder,
    )
