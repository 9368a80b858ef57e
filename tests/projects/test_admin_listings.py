"""Admin listings of projects, chambers and tours: filters, and CSV/XLSX of the filtered rows."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from cms.chambers.models import ChamberIndexPage, ChamberPage
from cms.events.models import EventIndexPage, EventPage

pytestmark = pytest.mark.django_db


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff"), "Excel needs the byte-order mark to read Chinese"
    return list(csv.DictReader(io.StringIO(body[1:])))


def read_xlsx(response):
    assert response.status_code == 200
    assert (
        response["Content-Type"]
        == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_projects_filter_by_stage_county_industry_and_amount(admin_client, known_projects):
    url = reverse("project_listing:index")
    page = admin_client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    for code in ("WZ-1", "WZ-2", "WZ-3", "WZ-4", "WZ-5", "WZ-6"):
        assert f"项目 {code}" in html
    for label in ("项目阶段", "所在县（市、区）", "产业", "投资额", "瑞安市", "10–50亿元"):
        assert label in html

    # Signed projects in Ruian: WZ-1 (live) and WZ-6 (a draft, but editors list drafts too).
    rows = read_csv(admin_client.get(url, {"stage": "signed", "county": "ruian", "export": "csv"}))
    assert sorted(row["项目编号"] for row in rows) == ["WZ-1", "WZ-6"]
    assert {row["项目阶段"] for row in rows} == {"签约"}
    assert {row["所在县（市、区）"] for row in rows} == {"瑞安市"}

    # Amount bands are the public site's: 10 to under 50 hundred million yuan.
    rows = read_xlsx(admin_client.get(url, {"amount": "10-to-50", "export": "xlsx"}))
    assert sorted((row["项目编号"], row["投资额（亿元）"]) for row in rows) == [
        ("WZ-4", 35),
        ("WZ-5", 15),
    ]

    rows = read_csv(admin_client.get(url, {"industry": "biomedicine", "export": "csv"}))
    assert [(row["项目编号"], row["产业"]) for row in rows] == [("WZ-2", "生物医药")]

    # A value that is not a choice is named, in Chinese, beside the filter.
    html = admin_client.get(url, {"stage": "bogus"}).content.decode()
    assert "bogus 不在可用的选项中" in html

    results = admin_client.get(reverse("project_listing:index_results"), {"county": "lucheng"})
    html = results.content.decode()
    assert "项目 WZ-3" in html and "项目 WZ-5" in html and "项目 WZ-1" not in html


def test_csv_export_keeps_titles_from_becoming_formulas(admin_client, project_index):
    from .conftest import add_project

    project = add_project(project_index, "WZ-9", amount="1", stage="signed", county="ruian")
    project.title = '=HYPERLINK("http://evil.example")'
    project.save_revision().publish()
    rows = read_csv(admin_client.get(reverse("project_listing:index"), {"export": "csv"}))
    assert rows[0]["项目名称"] == "'" + project.title


def test_chambers_filter_by_level_and_province(admin_client, home_page):
    index = add(home_page, ChamberIndexPage(title="商会网络", slug="chambers"))
    national = add(
        index, ChamberPage(title="全国温州商会联合会", slug="national", level="national")
    )
    add(
        index,
        ChamberPage(
            title="江苏省温州商会",
            slug="js",
            level="provincial",
            province="jiangsu",
            parent_chamber=national,
        ),
    )
    add(
        index,
        ChamberPage(
            title="南京市温州商会", slug="nj", level="city", province="jiangsu", city="南京"
        ),
    )
    add(
        index,
        ChamberPage(title="广东省温州商会", slug="gd", level="provincial", province="guangdong"),
    )
    url = reverse("chamber_listing:index")

    rows = read_csv(admin_client.get(url, {"level": "provincial", "export": "csv"}))
    assert sorted(row["商会名称"] for row in rows) == ["广东省温州商会", "江苏省温州商会"]
    assert {row["层级"] for row in rows} == {"省级"}
    assert {row["上级商会"] for row in rows} == {"全国温州商会联合会", ""}

    rows = read_xlsx(admin_client.get(url, {"province": "jiangsu", "export": "xlsx"}))
    assert sorted(row["商会名称"] for row in rows) == ["南京市温州商会", "江苏省温州商会"]
    assert {row["省份"] for row in rows} == {"江苏省"}


def test_tours_filter_by_the_days_they_run(admin_client, home_page):
    index = add(home_page, EventIndexPage(title="回乡考察", slug="tours"))
    d = datetime.date

    def tour(title, slug, start, end):
        return add(
            index,
            EventPage(
                title=title,
                slug=slug,
                start_date=start,
                end_date=end,
                delegation_origin="意大利",
                organiser="投促局",
            ),
        )

    tour("三月考察团", "march", d(2026, 3, 1), d(2026, 3, 4))
    tour("跨月考察团", "across", d(2026, 3, 30), d(2026, 4, 2))
    tour("五月考察团", "may", d(2026, 5, 10), d(2026, 5, 12))
    url = reverse("event_listing:index")

    params = {"running_from": "2026-04-01", "running_to": "2026-04-30"}
    html = admin_client.get(url, params).content.decode()
    assert "跨月考察团" in html and "三月考察团" not in html and "五月考察团" not in html

    rows = read_csv(admin_client.get(url, {**params, "export": "csv"}))
    assert [(row["考察活动"], row["开始日期"], row["结束日期"]) for row in rows] == [
        ("跨月考察团", "2026-03-30", "2026-04-02")
    ]
    rows = read_xlsx(admin_client.get(url, {"running_from": "2026-03-01", "export": "xlsx"}))
    assert [row["考察活动"] for row in rows] == ["五月考察团", "跨月考察团", "三月考察团"]


def test_listings_are_in_the_admin_menu(admin_client):
    import json

    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    text = json.dumps(props, ensure_ascii=False)
    for label in ("招商数据", "项目一览", "商会一览", "考察一览"):
        assert label in text
    for name in ("project_listing:index", "chamber_listing:index", "event_listing:index"):
        assert reverse(name) in text
