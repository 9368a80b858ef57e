"""The tours calendar on the tours index and the leading merchants roster on the merchant index."""

import datetime

import pytest
import time_machine

from cms.core.factories import publish
from cms.events.factories import EventIndexPageFactory, EventPageFactory
from museum.factories import MerchantHistoryPageFactory, MerchantIndexPageFactory, MuseumPageFactory

pytestmark = pytest.mark.django_db
d = datetime.date


def section(html, marker):
    start = html.index(marker)
    return html[start : html.index("</section>", start)]


def test_tours_calendar_by_month_against_the_plan(client, home_page):
    index = publish(EventIndexPageFactory(parent=home_page))
    for slug, title, start in [
        ("may", "五月意大利考察团", d(2026, 5, 20)),
        ("jun-a", "六月西班牙考察团", d(2026, 6, 3)),
        ("jun-b", "六月法国考察团", d(2026, 6, 18)),
        ("jul", "七月上海温商考察团", d(2026, 7, 8)),
    ]:
        publish(
            EventPageFactory(parent=index, slug=slug, title=title, start_date=start, end_date=start)
        )
    draft = EventPageFactory(
        parent=index,
        slug="draft",
        title="未发布考察",
        start_date=d(2026, 6, 5),
        end_date=d(2026, 6, 6),
    )
    draft.unpublish()

    with time_machine.travel(datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC), tick=False):
        html = client.get(index.url).content.decode()
    calendar = section(html, 'class="tour-calendar"')
    upcoming, past = calendar.split("往期考察")
    assert upcoming.index("2026-06") < upcoming.index("2026-07")
    assert "六月西班牙考察团" in upcoming and "六月法国考察团" in upcoming
    assert "五月意大利考察团" in past and "五月意大利考察团" not in upcoming
    assert "未发布考察" not in calendar
    # June is on plan (two tours); July, with one so far, is marked below plan.
    months = upcoming.split('class="calendar-month"')[1:]
    assert "is-below-plan" not in months[0] and "2 批" in months[0]
    assert "is-below-plan" in months[1]


def test_leading_merchants_roster(client, home_page):
    museum = publish(MuseumPageFactory(parent=home_page))
    index = publish(MerchantIndexPageFactory(parent=museum))
    publish(
        MerchantHistoryPageFactory(
            parent=index,
            title="王志远",
            name_pinyin="Wang Zhiyuan",
            is_leading_merchant=True,
            enterprise="远航电气",
        )
    )
    publish(
        MerchantHistoryPageFactory(
            parent=index, title="陈美华", name_pinyin="Chen Meihua", is_leading_merchant=True
        )
    )
    publish(
        MerchantHistoryPageFactory(
            parent=index, title="李建国", name_pinyin="Li Jianguo", is_leading_merchant=False
        )
    )
    hidden = MerchantHistoryPageFactory(
        parent=index, title="林草稿", name_pinyin="Lin Caogao", is_leading_merchant=True
    )
    hidden.unpublish()

    html = client.get(index.url).content.decode()
    roster = section(html, 'id="leading-merchants"')
    assert "王志远" in roster and "陈美华" in roster and "远航电气" in roster
    assert "李建国" not in roster and "林草稿" not in roster
    assert "领头雁名录（2 位）" in roster
    # Ordered by pinyin: Chen before Wang.
    assert roster.index("陈美华") < roster.index("王志远")
