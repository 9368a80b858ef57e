import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.users.models import UserProfile

from cms.core import roles
from cms.publicity.models import CampaignIndexPage, CampaignPage, Channel, NewsIndexPage, NewsPage


@pytest.fixture
def channels(db):
    data = [("wechat", "微信", "WeChat"), ("weibo", "微博", "Weibo"), ("tv", "电视", "TV")]
    return {
        code: Channel.objects.get_or_create(code=code, defaults={"name": name, "name_en": en})[0]
        for code, name, en in data
    }


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(title="新闻", slug="news")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def campaign_index(home_page):
    index = CampaignIndexPage(title="宣传活动", slug="campaigns")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def add_campaign(index, slug, start, end, channels=(), status="approved", live=True, title=None):
    campaign = CampaignPage(
        title=title or f"活动 {slug}",
        slug=slug,
        theme="温商回归",
        start_date=start,
        end_date=end,
        status=status,
    )
    campaign.live = live
    index.add_child(instance=campaign)
    campaign.channels.set(channels)
    campaign.save()
    revision = campaign.save_revision()
    if live:
        revision.publish()
    return CampaignPage.objects.get(pk=campaign.pk)


def add_news(index, slug, date, campaign=None, title=None, live=True):
    news = NewsPage(
        title=title or f"新闻 {slug}",
        slug=slug,
        date=date,
        campaign=campaign,
        body=[("paragraph", "<p>温商回归正文。</p>")],
    )
    news.live = live
    index.add_child(instance=news)
    revision = news.save_revision()
    if live:
        revision.publish()
    return news


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.com", "pw-chief-1")


@pytest.fixture
def today():
    return datetime.date(2026, 6, 15)


SHANGHAI = ZoneInfo("Asia/Shanghai")


def local(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def clock():
    with time_machine.travel(local(2026, 6, 20, 9, 0), tick=False) as traveller:
        yield traveller


@pytest.fixture
def people(news_index, campaign_index):
    call_command("setup_roles", verbosity=0)
    User = get_user_model()

    def person(username, role):
        user = User.objects.create_user(
            username, email=f"{username}@wzmuseum.example", password=f"pw-{username}-123"
        )
        user.groups.add(Group.objects.get(name=role.name))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "zh-hans"
        profile.save()
        return user

    return {
        "editor": person("editor", roles.PUBLICITY_EDITOR),
        "colleague": person("colleague", roles.PUBLICITY_EDITOR),
        "approver": person("approver", roles.PUBLICITY_APPROVER),
        "leader": person("leader", roles.PUBLICITY_LEADER),
        "admin": person("siteadmin", roles.SITE_ADMINISTRATOR),
    }
