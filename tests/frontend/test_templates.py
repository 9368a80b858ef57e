"""Every page type renders its own fields, metadata, navigation and responsive images."""

import json
import re

import pytest
from django.test import override_settings
from wagtail.models import Site

from cms.chambers.factories import ChamberPageFactory
from cms.chambers.models import ChamberLevel
from cms.core.choices import Province
from cms.core.models import SiteSettings
from cms.projects.factories import ProjectPageFactory
from cms.projects.models import ProjectStage
from museum.factories import ArtifactPageFactory

from .pages import SiteBuilder, parse

# page attribute on SiteBuilder -> (schema.org @type, texts the page must show); the texts are
# the values SiteBuilder gives or, where it gives none, the factories' values.
PAGE_TYPES = {
    "home": ("WebSite", ["世界温商博物馆与信息平台", "温商回归投资目标进度"]),
    "standard": ("WebPage", ["关于我们", "世界温商博物馆由温州市人民政府主办。"]),
    "news_index": ("CollectionPage", ["新闻动态"]),
    "news": (
        "NewsArticle",
        [
            "温商回归恳谈会在温州举行",
            "2026年3月18日",
            "温州市委宣传部",
            "一批温商回归项目在温州集中签约。",
            "签约现场",
            "2026 温商回归月",
        ],
    ),
    "campaign_index": ("CollectionPage", ["宣传活动"]),
    "campaign": (
        "Event",
        [
            "温商回归 共建家乡",
            "2026年5月1日",
            "2026年6月30日",
            "关于我们",
        ],
    ),
    "project_index": ("CollectionPage", ["招商项目"]),
    "project": (
        "Project",
        [
            "WZ-2026-007",
            "电气装备",
            "龙湾区",
            "85.5 亿元",
            "海外温商",
            "上海温州商会会员企业",
            "在建",
            "陈晓东",
            "乐清市投资促进中心",
            "0577-00000000",
            "officer@wzmuseum.example",
            "首轮洽谈",
            "正式签约",
            "2026年2月8日",
        ],
    ),
    "chamber_index": ("CollectionPage", ["商会网络"]),
    "chamber": (
        "Organization",
        [
            "江苏省温州商会",
            "省级",
            "世界温州人联谊总会",
            "<dd>江苏省</dd>",
            "1995",
            "林建华",
            "025-00000000",
            "南京市鼓楼区",
            "在苏温商的家。",
        ],
    ),
    "event_index": ("CollectionPage", ["回乡考察"]),
    "event": (
        "Event",
        [
            "欧洲温商回乡考察团",
            "意大利温州同乡会",
            "温州市投资促进局",
            "36",
            "2026年4月10日",
            "瓯江口智能电气产业园",
        ],
    ),
    "museum": (
        "Museum",
        ["世界温商博物馆", "改革开放与温州模式", "馆藏精品", "温商人物", "温商大事记"],
    ),
    "hall": (
        "ExhibitionEvent",
        [
            "改革开放与温州模式",
            "1978—1992",
            "第3展厅",
            "桥头纽扣市场",
            "供销员账本",
            "家庭工业与专业市场兴起。",
        ],
    ),
    "exhibit": (
        "CreativeWork",
        [
            "一粒纽扣闯天下",
            "桥头镇的纽扣市场曾是亚洲最大。",
            "八十年代的纽扣摊位",
            "市场旧影",
            "走遍千山万水",
            "四千精神",
            "市场史料汇编",
            "市场年表",
            "纽扣销往何方",
            "镇馆之宝",
            "WZM-2026-0042",
        ],
    ),
    "collection": ("CollectionPage", ["馆藏精品", "供销员账本"]),
    "artifact": (
        "VisualArtwork",
        [
            "WZM-2026-0042",
            "文书档案",
            "1980年代",
            "1982—1986",
            "温州永嘉",
            "毛边纸、棉线",
            "21 × 15 厘米",
            "一位供销员记录往来生意的账本。",
            "由捐赠者家属保存至今。",
            "王氏家族",
            "允许教育用途",
            "账本封面",
            "王建国",
            "改革开放与温州模式",
        ],
    ),
    "merchants": ("CollectionPage", ["温商人物", "王建国"]),
    "merchant": (
        "ProfilePage",
        [
            "王建国",
            "Wang Jianguo",
            "示例内容（虚构人物）",
            "1958",
            "永嘉县",
            "鞋服时尚",
            "商贸物流、金融投资",
            "建国鞋业有限公司",
            "百名领头雁",
            "全国优秀民营企业家",
            "意大利 · 米兰",
            "法国 · 巴黎",
            "在米兰开设第一家鞋店",
            "回乡创办建国鞋业",
            "十六岁离家，走南闯北做供销员。",
            "供销员账本",
        ],
    ),
    "timeline": (
        "ItemList",
        ["温商大事记", "1982年6月", "桥头纽扣市场兴起", "2001", "温商走向世界"],
    ),
}

# Children that must exist for an index page to have something to list.
NEEDS = {
    "news_index": ["news"],
    "campaign_index": ["campaign", "news", "event"],
    "campaign": ["news", "event"],
    "project_index": ["project"],
    "chamber_index": ["chamber"],
    "event_index": ["event"],
    "museum": ["hall", "collection", "merchants", "timeline"],
    "hall": ["exhibit", "artifact"],
    "collection": ["artifact"],
    "merchants": ["merchant"],
    "merchant": ["artifact"],
}


@pytest.fixture
def builder(home_page):
    return SiteBuilder(home_page)


def build(builder, name):
    for dependency in NEEDS.get(name, []):
        getattr(builder, dependency)
    page = builder.home if name == "home" else getattr(builder, name)
    page.refresh_from_db()
    return page.specific


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_page_type_renders_its_fields_and_metadata(client, builder, name):
    page = build(builder, name)
    schema_type, texts = PAGE_TYPES[name]
    html = get(client, page)
    for text in texts:
        assert text in html, f"{name}: {text!r} missing"
    head = parse(html)
    assert head.html_lang == "zh-Hans"
    assert head.meta["og:title"] == [page.title]
    assert head.meta["og:locale"] == ["zh_CN"]
    assert head.meta["og:type"] == ["article" if name == "news" else "website"]
    if name == "news":
        assert head.meta["article:published_time"] == ["2026-03-18"]
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [page.get_full_url()]
    assert len(head.ld_json) == 1
    data = json.loads(head.ld_json[0])
    assert data["@type"] == schema_type
    assert data["name"] == page.title
    assert data["url"] == page.get_full_url()


# The image each page shares, as the factories attach it.
SHARED_IMAGE = {
    "hall": lambda page: page.hero_image,
    "artifact": lambda page: page.gallery_images.first().image,
    "merchant": lambda page: page.portrait,
    "news": lambda page: page.listing_image,
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", SHARED_IMAGE)
def test_share_image_is_an_absolute_og_image(client, builder, name):
    page = build(builder, name)
    head = parse(get(client, page))
    (og_image,) = head.meta["og:image"]
    assert og_image.startswith("http://localhost/")
    assert og_image.endswith(".jpg")
    image = SHARED_IMAGE[name](page)
    assert image is not None
    rendition = image.get_rendition("fill-1200x630|format-jpeg")
    assert og_image.endswith(rendition.url)
    assert head.meta["og:image:width"] == [str(rendition.width)]
    assert head.meta["twitter:card"] == ["summary_large_image"]


@pytest.mark.django_db
def test_images_are_responsive_webp_with_alt_text(client, builder):
    page = build(builder, "exhibit")
    head = parse(get(client, page))
    webp_sources = [s for s in head.sources if s.get("type") == "image/webp"]
    assert webp_sources, "no <source type=image/webp>"
    for source in webp_sources:
        candidates = [part.strip().split(" ") for part in source["srcset"].split(",")]
        assert len(candidates) >= 2
        assert all(url.endswith(".webp") and width.endswith("w") for url, width in candidates)
    content_images = [img for img in head.images if "/images/" in img.get("src", "")]
    assert content_images
    for img in content_images:
        assert img["width"].isdigit() and img["height"].isdigit()
        assert img["loading"] in {"lazy", "eager"}
        assert "alt" in img
    alts = {img["alt"] for img in content_images}
    # The ImageBlock's own alt text, the image's description for the hero, "" for the decorative one.
    assert "市场里挑选纽扣的商户" in alts
    assert "改革开放初期的桥头纽扣市场街景" in alts
    assert "" in alts


@pytest.mark.django_db
def test_a_lost_original_image_leaves_the_page_served_without_it(client, builder):
    page = build(builder, "hall")
    page.hero_image.file.storage.delete(page.hero_image.file.name)

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.title in response.content.decode()


@pytest.mark.django_db
def test_map_block_draws_places_in_svg_with_an_accessible_list(client, builder):
    html = get(client, build(builder, "exhibit"))
    svg = html[html.index('<svg class="map-svg"') : html.index("</svg>", html.index("map-svg"))]
    assert "温州" in svg and "巴黎" in svg
    assert svg.count("<circle") == 2
    # Equirectangular: Paris (west, north) is left of and above Wenzhou.
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', svg)
    (wz_x, wz_y), (paris_x, paris_y) = [(float(x), float(y)) for x, y in circles]
    assert paris_x < wz_x and paris_y < wz_y
    # Longitude span 118.32° against latitude span 20.86°: x distance / y distance keeps that ratio.
    assert (wz_x - paris_x) / (wz_y - paris_y) == pytest.approx(
        (120.67 - 2.35) / (48.86 - 28.0), rel=0.02
    )
    assert '<ol class="map-places">' in html
    assert "(28.00, 120.67)" in html


@pytest.mark.django_db
def test_breadcrumbs_list_ancestors_below_the_site_root(client, builder):
    html = get(client, build(builder, "exhibit"))
    start = html.index('class="breadcrumbs')
    crumbs = html[start : html.index("</nav>", start)]
    assert f'href="{builder.home.url}"' in crumbs
    assert f'href="{builder.museum.url}"' in crumbs
    assert f'href="{builder.hall.url}"' in crumbs
    assert 'aria-current="page">桥头纽扣市场<' in crumbs
    assert "Root" not in crumbs


@pytest.mark.django_db
def test_menu_lists_home_children_shown_in_menus(client, builder):
    build(builder, "museum")
    build(builder, "news_index")
    assert builder.standard.show_in_menus is False
    html = get(client, builder.news_index)
    nav = html[
        html.index('class="main-nav"') : html.index("</nav>", html.index('class="main-nav"'))
    ]
    assert "世界温商博物馆" in nav and "新闻动态" in nav
    assert "关于我们" not in nav
    assert f'href="{builder.news_index.url}" aria-current="page"' in nav


@pytest.mark.django_db
def test_search_form_is_a_plain_get_to_the_backend(client, builder):
    with override_settings(BACKEND_URL="https://api.wzmuseum.example"):
        html = get(client, builder.home)
    assert 'action="https://api.wzmuseum.example/search/"' in html
    assert 'method="get"' in html
    assert 'name="q"' in html


@pytest.mark.django_db
def test_footer_comes_from_site_settings(client, builder):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.address = "温州市鹿城区市府路1号"
    site_settings.icp_number = "浙ICP备12345678号"
    site_settings.save()
    html = get(client, builder.home)
    footer = html[html.index("<footer") :]
    assert "温州市人民政府" in footer
    assert "温州市鹿城区市府路1号" in footer
    assert "浙ICP备12345678号" in footer


@pytest.mark.django_db
def test_sample_notice_only_on_sample_merchants(client, builder):
    merchant = build(builder, "merchant")
    assert "示例内容（虚构人物）" in get(client, merchant)
    merchant.is_sample = False
    merchant.save_revision().publish()
    assert "示例内容（虚构人物）" not in get(client, merchant)


@pytest.mark.django_db
def test_home_progress_sums_live_projects_against_the_goal(client, builder):
    build(builder, "project")
    second = ProjectPageFactory(
        parent=builder.project_index,
        title="鹿城数字经济总部",
        amount="64.50",
        stage=ProjectStage.SIGNED,
    )
    draft = ProjectPageFactory(
        parent=builder.project_index,
        title="未发布项目",
        amount="1000",
        stage=ProjectStage.NEGOTIATING,
    )
    draft.unpublish()
    home = builder.home
    home.goal_amount = 3000
    home.save_revision().publish()
    html = get(client, home)
    # 85.5 + 64.5 = 150 of 3000 -> 5%
    assert "<strong>150</strong>" in html
    assert "完成 5.0%" in html
    assert 'aria-valuenow="5.0"' in html
    # Stage counts cover the live projects only.
    assert "<dt>项目总数</dt><dd>2</dd>" in html
    assert "<dt>在建</dt><dd>1</dd>" in html
    assert "<dt>签约</dt><dd>1</dd>" in html
    assert "<dt>洽谈</dt><dd>0</dd>" in html
    # Only key projects are featured.
    assert "瓯江口智能电气产业园" in html
    assert second.title not in html


@pytest.mark.django_db
def test_chambers_grouped_national_provincial_city(client, builder):
    build(builder, "chamber")
    ChamberPageFactory(
        parent=builder.chamber_index,
        title="义乌市温州商会",
        level=ChamberLevel.CITY,
        province=Province.ZHEJIANG,
        city="义乌",
    )
    html = get(client, builder.chamber_index)
    html = html[html.index('class="chamber-directory"') :]
    national = html.index("全国商会")
    provincial = html.index("省级商会")
    city = html.index("市级商会")
    assert national < provincial < city
    assert national < html.index("世界温州人联谊总会") < provincial
    assert provincial < html.index("江苏省温州商会") < city < html.index("义乌市温州商会")


# Pagination -------------------------------------------------------------------------------


def make_artifacts(builder, count):
    # Listed by year: 藏品 000 first.
    for number in range(count):
        ArtifactPageFactory(
            parent=builder.collection,
            title=f"藏品 {number:03d}",
            year_start=1990 + number,
            year_end=1990 + number,
        )


@pytest.mark.django_db
def test_listing_pages_under_page_n(client, builder, monkeypatch):
    from museum.models import CollectionIndexPage

    monkeypatch.setattr(CollectionIndexPage, "paginate_by", 4)
    make_artifacts(builder, 9)
    index = builder.collection.specific
    assert index.get_static_subpaths() == ["page/2/", "page/3/"]

    first = client.get(index.url).content.decode()
    assert "藏品 000" in first and "藏品 004" not in first
    assert f'href="{index.url}page/2/"' in first

    second = client.get(index.url + "page/2/")
    assert second.status_code == 200
    html = second.content.decode()
    assert "藏品 004" in html and "藏品 000" not in html
    canonical = [link["href"] for link in parse(html).links if link.get("rel") == "canonical"]
    assert canonical == [index.get_full_url() + "page/2/"]

    third = client.get(index.url + "page/3/").content.decode()
    assert "藏品 008" in third
    assert client.get(index.url + "page/4/").status_code == 404
    assert client.get(index.url + "page/0/").status_code == 404
    first_again = client.get(index.url + "page/1/")
    assert first_again.status_code == 301 and first_again["Location"] == index.url


@pytest.mark.django_db
@pytest.mark.parametrize(
    "index_name",
    [
        "news_index",
        "campaign_index",
        "project_index",
        "chamber_index",
        "event_index",
        "collection",
        "merchants",
    ],
)
def test_every_index_page_paginates(builder, index_name):
    index = getattr(builder, index_name).specific
    # Nothing to list yet: no extra listing pages (other subpaths, such as filters, may exist).
    assert not [p for p in index.get_static_subpaths() if p.startswith("page/")]
    assert index.get_listing().count() == 0


@pytest.mark.django_db
def test_single_listing_page_has_no_extra_subpaths(client, builder):
    build(builder, "news_index")
    index = builder.news_index.specific
    assert index.get_static_subpaths() == []
    assert client.get(index.url + "page/2/").status_code == 404


# Safety and self-containment ---------------------------------------------------------------


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client, builder):
    page = builder.standard
    page.title = "关于我们</script><script>alert(1)</script>"
    page.save_revision().publish()
    html = get(client, page)
    assert "<script>alert(1)</script>" not in html
    head = parse(html)
    assert json.loads(head.ld_json[0])["name"] == page.title


@pytest.mark.django_db
def test_pages_load_no_external_assets(client, builder):
    html = get(client, build(builder, "exhibit"))
    head = parse(html)
    stylesheets = [link["href"] for link in head.links if link.get("rel") in {"stylesheet", "icon"}]
    assert stylesheets and all(href.startswith("/static/") for href in stylesheets)
    scripts = re.findall(r"<script[^>]*\ssrc=\"([^\"]+)\"", html)
    assert scripts and all(src.startswith("/static/") for src in scripts)
    assert all(img["src"].startswith("/") for img in head.images)
    for source in head.sources:
        assert all(part.strip().startswith("/") for part in source["srcset"].split(","))


@pytest.mark.django_db
def test_base_template_renders_without_a_page(rf, home_page):
    from django.template.loader import render_to_string

    request = rf.get("/search/")
    html = render_to_string("base.html", {}, request=request)
    assert '<main id="main"' in html
    assert 'name="q"' in html
    assert "breadcrumbs" not in html


# In a real browser --------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_keyboard_navigation_and_print_in_chromium(live_server, page_in_browser, home_page):
    builder = SiteBuilder(home_page)
    hall = build(builder, "hall")
    build(builder, "news_index")
    tab = page_in_browser
    tab.goto(live_server.url + hall.url)

    # The first Tab reaches the skip link, shown on screen; Enter moves to the main content.
    tab.keyboard.press("Tab")
    skip = tab.evaluate(
        "(() => { const el = document.activeElement; const box = el.getBoundingClientRect();"
        " return {cls: el.className, top: box.top, outline: getComputedStyle(el).outlineStyle}; })()"
    )
    assert skip["cls"] == "skip-link"
    assert skip["top"] >= 0
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#main"

    # Every menu link is reachable with Tab and shows a focus outline.
    tab.goto(live_server.url + hall.url)
    seen = []
    for _ in range(20):
        tab.keyboard.press("Tab")
        focused = tab.evaluate(
            "(() => { const el = document.activeElement;"
            " return {nav: !!el.closest('.main-nav'), text: el.textContent.trim(),"
            " outline: getComputedStyle(el).outlineStyle}; })()"
        )
        if focused["nav"]:
            seen.append(focused["text"])
            assert focused["outline"] != "none"
    assert {"首页", "世界温商博物馆", "新闻动态"} <= set(seen)

    # Printing hides navigation and search but keeps the content.
    tab.emulate_media(media="print")
    hidden = tab.evaluate(
        "['.main-nav', '.site-search', '.skip-link']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none", "none", "none"]
    assert tab.evaluate("getComputedStyle(document.querySelector('main h1')).display") != "none"
