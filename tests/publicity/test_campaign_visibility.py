"""Campaigns on the public site: approved ones only, planning fields never, phase by date."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from cms.publicity.models import CampaignPage
from frontend.feeds import feed_items
from frontend.publishing.dependencies import publishable_pages

from .conftest import add_campaign

pytestmark = pytest.mark.django_db
d = datetime.date

PLANNING = ("海外侨团与留学生", "内部宣传要点：突出回归投资", "微信公众号")


@pytest.fixture
def campaigns(campaign_index, channels):
    approved = add_campaign(
        campaign_index, "public", d(2026, 6, 1), d(2026, 10, 31), [channels["wechat"]]
    )
    approved.audience = PLANNING[0]
    approved.talking_points = PLANNING[1]
    approved.save_revision().publish()
    planned = add_campaign(
        campaign_index,
        "planned",
        d(2026, 6, 1),
        d(2026, 10, 31),
        status="planned",
        title="策划中的活动",
    )
    cancelled = add_campaign(
        campaign_index,
        "cancelled",
        d(2026, 6, 1),
        d(2026, 6, 30),
        status="cancelled",
        title="取消的活动",
    )
    return {"approved": approved, "planned": planned, "cancelled": cancelled}


@pytest.fixture
def in_june():
    with time_machine.travel(datetime.datetime(2026, 6, 20, 12, tzinfo=datetime.UTC), tick=False):
        yield


def test_public_pages_show_no_planning_fields_and_no_unapproved_campaign(
    client, campaigns, campaign_index, in_june
):
    page = client.get(campaigns["approved"].url).content.decode()
    listing = client.get(campaign_index.url).content.decode()
    for html in (page, listing):
        for secret in PLANNING:
            assert secret not in html
        assert "目标受众" not in html and "宣传要点" not in html
        assert "策划中的活动" not in html and "取消的活动" not in html
    assert "进行中" in page
    assert client.get(campaigns["planned"].url).status_code == 404
    assert client.get(campaigns["cancelled"].url).status_code == 404


def test_the_static_site_feeds_and_api_leave_out_unapproved_campaigns(client, campaigns, in_june):
    published = set(publishable_pages().type(CampaignPage).values_list("slug", flat=True))
    assert published == {"public"}
    assert [page.slug for page in feed_items("campaigns", "zh-hans")] == ["public"]

    listing = client.get("/api/v2/pages/?type=publicity.CampaignPage&fields=*").json()
    assert [item["meta"]["slug"] for item in listing["items"]] == ["public"]
    detail = client.get(f"/api/v2/pages/{campaigns['approved'].pk}/").json()
    for field in ("audience", "channels", "talking_points", "assets", "status"):
        assert field not in detail
    assert detail["phase"] == {"value": "running", "label": "进行中"}
    assert client.get(f"/api/v2/pages/{campaigns['planned'].pk}/").status_code == 404


def test_planning_fields_are_not_searchable(campaigns):
    searched = {field.field_name for field in CampaignPage.search_fields}
    assert not searched & {"audience", "channels", "talking_points", "assets"}


def test_the_phase_follows_the_dates(campaigns):
    campaign = campaigns["approved"]
    for day, phase, label in (
        (datetime.datetime(2026, 5, 31, 12), "upcoming", "即将开始"),
        (datetime.datetime(2026, 6, 1, 12), "running", "进行中"),
        (datetime.datetime(2026, 10, 31, 12), "running", "进行中"),
        (datetime.datetime(2026, 11, 1, 12), "past", "已结束"),
    ):
        with time_machine.travel(timezone.make_aware(day), tick=False):
            assert (campaign.phase, str(campaign.get_phase_display())) == (phase, label)
