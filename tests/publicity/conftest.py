import datetime

import pytest
from django.contrib.auth import get_user_model

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
