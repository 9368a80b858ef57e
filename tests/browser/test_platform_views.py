"""The information platform's views in a real Chromium: project filters, progress, chamber
network, and the share card of a news page."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page, Site

from cms.chambers.factories import ChamberIndexPageFactory, ChamberPageFactory
from cms.chambers.models import ChamberLevel
from cms.core.factories import HomePageFactory, make_default_site, paragraph, publish
from cms.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from cms.projects.models import ProgressPage
from cms.publicity.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def platform(live_server):
    for code in ("zh-hans", "en"):
        Locale.objects.get_or_create(language_code=code)
    home = publish(HomePageFactory(parent=Page.get_first_root_node()))
    make_default_site(home)
    # Absolute URLs (Open Graph, QR codes) point at the live server, as at the real host.
    address = urlsplit(live_server.url)
    Site.objects.filter(is_default_site=True).update(hostname=address.hostname, port=address.port)

    projects = publish(ProjectIndexPageFactory(parent=home))
    d = datetime.date
    specs = [
        ("瑞安汽车零部件产业园", "signed", "ruian", "auto_parts", "45.00", d(2025, 3, 1)),
        ("瑞安新能源电池项目", "signed", "ruian", "new_energy", "80.00", d(2025, 6, 1)),
        ("瑞安生物医药中试基地", "construction", "ruian", "biomedicine", "12.00", d(2024, 9, 1)),
        ("鹿城数字经济总部", "signed", "lucheng", "digital_economy", "20.00", d(2025, 1, 8)),
        ("乐清智能电气项目", "negotiating", "yueqing", "electrical", "6.50", None),
    ]
    created = {}
    for title, stage, county, industry, amount, signed in specs:
        created[title] = publish(
            ProjectPageFactory(
                parent=projects,
                title=title,
                stage=stage,
                county=county,
                industry=industry,
                amount=Decimal(amount),
                signed_date=signed,
                officer_name=f"{title[:2]}专员",
                officer_phone="0577-88880000",
            )
        )
    progress = ProgressPage(title="回归投资进展", slug="progress", goal_amount=Decimal(3000))
    home.add_child(instance=progress)
    publish(progress)

    chambers = publish(ChamberIndexPageFactory(parent=home))
    federation = publish(
        ChamberPageFactory(
            parent=chambers,
            title="全国温州商会联合会",
            level=ChamberLevel.NATIONAL,
            province="",
            city="",
        )
    )
    zhejiang = publish(
        ChamberPageFactory(
            parent=chambers,
            title="浙江省温州商会",
            province="zhejiang",
            city="杭州",
            parent_chamber=federation,
        )
    )
    jiangsu = publish(
        ChamberPageFactory(
            parent=chambers,
            title="江苏省温州商会",
            province="jiangsu",
            city="南京",
            parent_chamber=federation,
        )
    )
    ningbo = publish(
        ChamberPageFactory(
            parent=chambers,
            title="宁波市温州商会",
            level=ChamberLevel.CITY,
            province="zhejiang",
            city="宁波",
            parent_chamber=zhejiang,
        )
    )
    suzhou = publish(
        ChamberPageFactory(
            parent=chambers,
            title="苏州市温州商会",
            level=ChamberLevel.CITY,
            province="jiangsu",
            city="苏州",
            parent_chamber=jiangsu,
        )
    )

    news_index = publish(NewsIndexPageFactory(parent=home))
    news = publish(
        NewsPageFactory(
            parent=news_index,
            title="世界温商大会开幕，百名领头雁共商回归",
            listing_image=None,
            body=[paragraph("大会在温州开幕。")],
        )
    )
    return {
        "projects": projects,
        "created": created,
        "progress": progress,
        "chambers": chambers,
        "ningbo": ningbo,
        "suzhou": suzhou,
        "news": news,
    }


def listing_titles(tab):
    return sorted(tab.locator("main .card-grid h3, main .card-grid h2").all_inner_texts())


def test_projects_filtered_by_stage_then_county(live_server, page_in_browser, platform):
    tab = page_in_browser
    tab.goto(live_server.url + platform["projects"].url)
    nav = tab.get_by_role("navigation", name="筛选项目")
    nav.get_by_role("link", name=re.compile(r"^签约")).click()
    assert tab.url.endswith("/projects/stage/signed/")
    expect(nav.get_by_role("link", name=re.compile(r"^签约"))).to_have_attribute(
        "aria-current", "page"
    )
    main = tab.locator("main")
    for title in ("瑞安汽车零部件产业园", "瑞安新能源电池项目", "鹿城数字经济总部"):
        expect(main.get_by_role("link", name=title)).to_be_visible()
    expect(main.get_by_role("link", name="瑞安生物医药中试基地")).to_have_count(0)

    # The county link keeps the stage: signed projects in Rui'an.
    nav.get_by_role("link", name=re.compile(r"^瑞安市")).click()
    assert tab.url.endswith("/projects/stage/signed/county/ruian/")
    expect(tab.locator("main")).to_contain_text("签约 · 瑞安市")
    expect(main.get_by_role("link", name="瑞安汽车零部件产业园")).to_be_visible()
    expect(main.get_by_role("link", name="瑞安新能源电池项目")).to_be_visible()
    expect(main.get_by_role("link", name="鹿城数字经济总部")).to_have_count(0)
    expect(main.get_by_role("link", name="瑞安生物医药中试基地")).to_have_count(0)

    # Each project carries its service officer's card.
    main.get_by_role("link", name="瑞安新能源电池项目").click()
    expect(tab.locator("main")).to_contain_text("瑞安专员")
    expect(tab.locator("main a[href^='tel:']").first).to_be_visible()


def test_progress_view_draws_charts_and_table(live_server, page_in_browser, platform):
    tab = page_in_browser
    tab.goto(live_server.url + platform["progress"].url)
    expect(tab.locator("main h1")).to_have_text("回归投资进展")
    charts = tab.locator("main svg.chart")
    expect(charts).to_have_count(5)
    for index in range(5):
        box = charts.nth(index).bounding_box()
        assert box and box["width"] > 200 and box["height"] > 20
    county_table = tab.locator("main table", has_text="按县（市、区）")
    ruian = county_table.locator("tr", has=tab.locator("th", has_text="瑞安市"))
    expect(ruian).to_contain_text("137")  # 45 + 80 + 12
    expect(tab.locator("main")).to_contain_text("157")  # counted: 45 + 80 + 12 + 20
    # County bars, in the vocabulary's order: 鹿城区 20, 瑞安市 137, 乐清市 6.5 (亿元).
    bars = tab.locator("main svg.chart--bar").nth(2).locator("rect")
    widths = [float(bars.nth(i).get_attribute("width")) for i in range(bars.count())]
    assert len(widths) == 3
    assert widths[1] / widths[0] == pytest.approx(137 / 20, rel=0.02)
    assert widths[1] / widths[2] == pytest.approx(137 / 6.5, rel=0.05)


def test_chamber_network_is_a_navigable_hierarchy(live_server, page_in_browser, platform):
    tab = page_in_browser
    tab.goto(live_server.url + platform["chambers"].url)
    tree = tab.locator("main .chamber-tree")
    expect(tree.get_by_role("link", name="全国温州商会联合会")).to_be_visible()
    # Provincial chambers are open under the federation; city chambers fold under them.
    expect(tree.get_by_role("link", name="宁波市温州商会")).to_be_hidden()
    tree.locator("summary", has_text="浙江省温州商会").locator("span").click()
    expect(tree.get_by_role("link", name="宁波市温州商会")).to_be_visible()
    tree.get_by_role("link", name="宁波市温州商会").click()
    expect(tab.locator("main h1")).to_have_text("宁波市温州商会")

    # By province: a published path per province.
    tab.goto(live_server.url + platform["chambers"].url)
    tab.get_by_role("navigation", name="按省份浏览").get_by_role(
        "link", name=re.compile(r"^江苏省")
    ).click()
    assert tab.url.endswith("/chambers/province/jiangsu/")
    main = tab.locator("main")
    expect(
        main.locator(".chamber-directory").get_by_role("link", name="苏州市温州商会")
    ).to_be_visible()
    expect(
        main.locator(".chamber-directory").get_by_role("link", name="宁波市温州商会")
    ).to_have_count(0)


def test_news_share_card_image_loads(live_server, page_in_browser, platform):
    tab = page_in_browser
    tab.goto(live_server.url + platform["news"].url)
    og_image = tab.locator("meta[property='og:image']").get_attribute("content")
    assert og_image.startswith(live_server.url) and og_image.endswith(".png")
    # The QR code on the page encodes this page's address.
    expect(tab.locator("main svg.qr-code, .share-panel svg.qr-code").first).to_be_visible()

    # Printed, the page keeps its QR code so a paper copy leads back to it.
    tab.emulate_media(media="print")
    expect(tab.locator(".share-panel svg.qr-code")).to_be_visible()
    expect(tab.locator(".language-switch")).to_be_hidden()
    tab.emulate_media(media="screen")

    response = tab.goto(og_image)
    assert response.status == 200
    assert response.headers["content-type"] == "image/png"
    size = tab.evaluate(
        """url => new Promise((resolve, reject) => {
            const img = new Image();
            img.onload = () => resolve([img.naturalWidth, img.naturalHeight]);
            img.onerror = () => reject(new Error("card did not load"));
            img.src = url;
        })""",
        og_image,
    )
    assert size == [1200, 630]
