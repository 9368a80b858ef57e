import datetime

import pytest
import time_machine

from cms.publicity.calendar import build_campaign_calendar, build_tour_calendar, phase
from cms.publicity.models import CampaignPage

from .conftest import add_campaign, add_news

pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.fixture
def campaigns(campaign_index, channels):
    return {
        "running": add_campaign(
            campaign_index,
            "running",
            d(2026, 6, 1),
            d(2026, 7, 31),
            [channels["wechat"], channels["tv"]],
        ),
        "upcoming": add_campaign(
            campaign_index, "upcoming", d(2026, 9, 1), d(2026, 9, 30), [channels["weibo"]]
        ),
        "past": add_campaign(
            campaign_index, "past", d(2026, 1, 1), d(2026, 2, 28), [channels["wechat"]]
        ),
        "ends_today": add_campaign(campaign_index, "ends-today", d(2026, 5, 1), d(2026, 6, 15)),
        "cancelled": add_campaign(
            campaign_index, "cancelled", d(2026, 6, 1), d(2026, 6, 30), status="cancelled"
        ),
    }


def test_phase_boundaries_are_inclusive(today):
    assert phase(today, today, today) == "running"
    assert (
        phase(today + datetime.timedelta(days=1), today + datetime.timedelta(days=2), today)
        == "upcoming"
    )
    assert (
        phase(today - datetime.timedelta(days=2), today - datetime.timedelta(days=1), today)
        == "past"
    )


def test_campaigns_fall_into_phases_and_channels(campaigns, campaign_index, today):
    # The admin calendar's view: every campaign, cancelled ones listed apart.
    calendar = build_campaign_calendar(
        CampaignPage.objects.child_of(campaign_index).live().order_by("-start_date"), on=today
    )
    slugs = {key: [c.slug for c in items] for key, items in calendar.phases.items()}
    assert slugs == {
        "running": ["ends-today", "running"],
        "upcoming": ["upcoming"],
        "past": ["past"],
    }
    assert [c.slug for c in calendar.cancelled] == ["cancelled"]

    by_channel = {
        (group.channel.code if group.channel else None): {
            k: [c.slug for c in v] for k, v in group.phases.items()
        }
        for group in calendar.by_channel
    }
    assert by_channel["wechat"] == {"running": ["running"], "upcoming": [], "past": ["past"]}
    assert by_channel["tv"]["running"] == ["running"]
    assert by_channel["weibo"]["upcoming"] == ["upcoming"]
    assert by_channel[None]["running"] == ["ends-today"]


def test_month_grid_marks_the_months_a_campaign_runs(campaigns, campaign_index, today):
    calendar = build_campaign_calendar(campaign_index.get_campaigns(), on=today)
    assert calendar.months[0] == d(2026, 4, 1)
    assert calendar.months[-1] == d(2026, 12, 1)
    rows = {row["campaign"].slug: row["cells"] for row in calendar.rows}
    months = [m.month for m in calendar.months]
    assert [months[i] for i, on in enumerate(rows["running"]) if on] == [6, 7]
    assert [months[i] for i, on in enumerate(rows["upcoming"]) if on] == [9]
    assert "past" not in rows  # January-February lies before the grid


def test_public_campaign_index_shows_the_calendar(client, campaigns, campaign_index):
    with time_machine.travel(
        datetime.datetime(2026, 6, 15, 10, 0, tzinfo=datetime.UTC), tick=False
    ):
        response = client.get(campaign_index.url)
    html = response.content.decode()
    assert response.status_code == 200
    section = html[html.index('id="campaign-calendar"') :]
    running = section[section.index('id="phase-running"') : section.index('id="phase-upcoming"')]
    assert campaigns["running"].title in running
    assert campaigns["upcoming"].title not in running
    # Channels are planning notes: the public calendar does not show them.
    assert "calendar-channels" not in section and "按渠道" not in section
    assert campaigns["cancelled"].title not in section


def test_campaign_page_gathers_its_news_events_and_related_pages(
    client, campaigns, news_index, home_page
):
    from cms.events.models import EventIndexPage, EventPage
    from cms.publicity.models import CampaignRelatedPage

    campaign = campaigns["running"]
    add_news(news_index, "n1", d(2026, 6, 2), campaign=campaign, title="温商回归启动仪式")
    add_news(news_index, "n2", d(2026, 6, 3), campaign=campaign, title="草稿新闻", live=False)
    add_news(news_index, "n3", d(2026, 6, 4), title="无关新闻")
    events = EventIndexPage(title="考察", slug="tours")
    home_page.add_child(instance=events)
    tour = EventPage(
        title="欧洲温商回乡考察团",
        slug="eu-tour",
        start_date=d(2026, 6, 10),
        end_date=d(2026, 6, 12),
        delegation_origin="意大利",
        organiser="市投资促进局",
        campaign=campaign,
    )
    events.add_child(instance=tour)
    tour.save_revision().publish()
    CampaignRelatedPage.objects.create(campaign=campaign, page=tour)
    campaign.save_revision().publish()

    html = client.get(campaign.url).content.decode()
    assert "温商回归启动仪式" in html
    assert "草稿新闻" not in html
    assert "无关新闻" not in html
    assert "欧洲温商回乡考察团" in html


def test_tours_are_grouped_by_month_against_the_plan(today):
    class Tour:
        def __init__(self, slug, start):
            self.title = slug
            self.start_date = start
            self.end_date = start

    tours = [
        Tour("a", d(2026, 6, 3)),
        Tour("b", d(2026, 6, 20)),
        Tour("c", d(2026, 7, 1)),
        Tour("z", d(2026, 5, 9)),
    ]
    calendar = build_tour_calendar(tours, on=today)
    assert [(m.month, [t.title for t in m.tours]) for m in calendar["upcoming"]] == [
        (d(2026, 6, 1), ["a", "b"]),
        (d(2026, 7, 1), ["c"]),
    ]
    assert [m.month for m in calendar["past"]] == [d(2026, 5, 1)]
    assert calendar["upcoming"][0].on_plan is True
    assert calendar["upcoming"][1].on_plan is False
