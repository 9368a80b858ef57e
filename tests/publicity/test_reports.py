import csv
import datetime
import io

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale

from cms.publicity import reports

from .conftest import add_campaign, add_news

pytestmark = pytest.mark.django_db
d = datetime.date


def at(year, month, day, hour=10):
    return time_machine.travel(
        datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC), tick=False
    )


@pytest.fixture
def editors(db):
    User = get_user_model()
    return {
        "li": User.objects.create_user(
            "li", password="pw-li-12345", first_name="丽", last_name="李"
        ),
        "wang": User.objects.create_user("wang", password="pw-wang-12345"),
    }


@pytest.fixture
def history(news_index, campaign_index, editors):
    """Publications by two people in two sections over two months."""
    with at(2026, 3, 5):
        news = add_news(news_index, "n1", d(2026, 3, 5), live=False)
        news.save_revision(user=editors["li"]).publish(
            user=editors["li"], skip_permission_checks=True
        )
    with at(2026, 3, 20):
        news2 = add_news(news_index, "n2", d(2026, 3, 20), live=False)
        news2.save_revision(user=editors["li"]).publish(
            user=editors["li"], skip_permission_checks=True
        )
    with at(2026, 4, 2):
        news.save_revision(user=editors["wang"]).publish(
            user=editors["wang"], skip_permission_checks=True
        )
        campaign = add_campaign(campaign_index, "c1", d(2026, 4, 1), d(2026, 5, 1), live=False)
        campaign.save_revision(user=editors["wang"]).publish(
            user=editors["wang"], skip_permission_checks=True
        )
    return {"news": news, "news2": news2, "campaign": campaign}


def mine(items, titles):
    return [i for i in items if i.title in titles]


def test_publications_are_counted_per_section_month_and_person(superuser, history):
    titles = {p.title for p in history.values()}
    items = mine(reports.publications(superuser), titles)
    assert len(items) == 4
    summary = reports.summarise(items)
    assert summary["months"] == ["2026-03", "2026-04"]
    rows = {row["section"]: row["cells"] for row in summary["rows"]}
    assert rows == {"新闻": [2, 1], "宣传活动": [0, 1]}
    assert dict(summary["people"]) == {"李丽": 2, "wang": 2}


def test_date_and_section_filters(superuser, history, news_index):
    items = reports.publications(
        superuser, date_from=d(2026, 3, 10), date_to=d(2026, 4, 30), section=news_index
    )
    assert sorted(i.title for i in items) == sorted([history["news2"].title, history["news"].title])
    assert all(i.section == "新闻" for i in items)


def test_publications_are_limited_to_pages_the_user_may_explore(history, editors):
    assert reports.publications(editors["wang"]) == []


def test_report_view_and_csv_export(client, superuser, history):
    client.force_login(superuser)
    url = reverse("publicity_publishing_report")
    response = client.get(url, {"date_from": "2026-03-01", "date_to": "2026-04-30"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026-03" in html and "2026-04" in html and "李丽" in html

    response = client.get(
        url, {"date_from": "2026-03-01", "date_to": "2026-04-30", "export": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0][:3] == ["发布时间", "月份", "栏目"]
    assert len(rows) == 1 + 4
    assert {row[6] for row in rows[1:]} == {"李丽", "wang"}

    response = client.get(
        url, {"date_from": "2026-03-01", "date_to": "2026-04-30", "export": "summary_csv"}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").lstrip("\ufeff"))))
    assert rows[0] == ["栏目", "2026-03", "2026-04", "合计"]
    assert ["新闻", "2", "1", "3"] in rows
    assert rows[-1] == ["合计", "2", "2", "4"]


def test_bad_filter_shows_a_message_and_no_figures(client, superuser, history):
    client.force_login(superuser)
    url = reverse("publicity_publishing_report")
    response = client.get(url, {"date_from": "2026-05-01", "date_to": "2026-03-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "结束日期不能早于开始日期" in html
    assert "导出明细" not in html
    response = client.get(url, {"date_from": "not-a-date", "export": "csv"})
    assert not response["Content-Type"].startswith("text/csv")


def test_csv_cells_cannot_start_formulas(superuser, news_index, editors):
    news = add_news(news_index, "f", d(2026, 3, 1), title='=HYPERLINK("x")', live=False)
    news.save_revision(user=editors["li"]).publish(user=editors["li"], skip_permission_checks=True)
    text = reports.publications_csv(reports.publications(superuser))
    assert "'=HYPERLINK" in text


def test_calendar_admin_view(client, superuser, campaign_index, channels, locales):
    add_campaign(
        campaign_index,
        "draft",
        d(2026, 7, 1),
        d(2026, 7, 20),
        [channels["wechat"]],
        live=False,
        title="七月草稿活动",
    )
    tv = add_campaign(
        campaign_index, "tv", d(2026, 6, 1), d(2026, 6, 20), [channels["tv"]], title="六月电视活动"
    )
    client.force_login(superuser)
    url = reverse("publicity_campaign_calendar")
    with at(2026, 6, 10):
        html = client.get(url).content.decode()
        assert "七月草稿活动" in html and "六月电视活动" in html
        filtered = client.get(url, {"channel": "wechat"}).content.decode()
        assert "七月草稿活动" in filtered and "六月电视活动" not in filtered
        assert "<title>宣传活动日历" in html or "宣传活动日历</" in html
        # A translated campaign is the same plan: listed once, in Chinese.
        english = tv.copy_for_translation(Locale.objects.get(language_code="en"), copy_parents=True)
        english.title = "June TV campaign"
        english.save_revision().publish()
        html = client.get(url).content.decode()
        assert "六月电视活动" in html and "June TV campaign" not in html
        bad = client.get(url, {"month": "June"}).content.decode()
        assert "月份格式应为" in bad
        start = client.get(url, {"month": "2026-07"}).content.decode()
        assert '<th scope="col">2026-07</th>' in start and "2026-06</th>" not in start


def test_menu_items_are_in_the_admin(client, superuser):
    client.force_login(superuser)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("publicity_campaign_calendar") in html
    assert reverse("publicity_publishing_report") in html


def test_report_is_a_wagtail_report_with_xlsx_of_the_filtered_rows(client, superuser, history):
    import openpyxl
    from wagtail.admin.views.reports import ReportView

    from cms.publicity.views import PublishingReportView

    assert issubclass(PublishingReportView, ReportView)
    client.force_login(superuser)
    url = reverse("publicity_publishing_report")
    params = {"date_from": "2026-03-01", "date_to": "2026-03-31", "export": "xlsx"}
    response = client.get(url, params)
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header[:3]) == ["发布时间", "月份", "栏目"]
    # Only March: two publications by 李丽, at Shanghai time (10:00 UTC is 18:00 here).
    assert [(row[1], row[6]) for row in rows] == [("2026-03", "李丽"), ("2026-03", "李丽")]
    assert {row[0] for row in rows} == {
        datetime.datetime(2026, 3, 20, 18, 0),
        datetime.datetime(2026, 3, 5, 18, 0),
    }
    # A bad filter downloads nothing.
    response = client.get(
        url, {"date_from": "2026-05-01", "date_to": "2026-03-01", "export": "xlsx"}
    )
    assert response["Content-Type"].startswith("text/html")
    assert "结束日期不能早于开始日期" in response.content.decode()
