"""A visitor walks the museum in a real Chromium by following links, then switches language."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, Page

from cms.core.factories import (
    HomePageFactory,
    ImageFactory,
    make_default_site,
    paragraph,
    publish,
    translate,
)
from museum.factories import (
    ArtifactImageFactory,
    ArtifactPageFactory,
    CollectionIndexPageFactory,
    ExhibitPageFactory,
    HallPageFactory,
    MuseumPageFactory,
    artifact_block,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def museum_site():
    """home -> museum -> hall -> exhibit (embedding an artifact) and the collection, in both languages."""
    for code in ("zh-hans", "en"):
        Locale.objects.get_or_create(language_code=code)
    root = Page.get_first_root_node()
    home = publish(HomePageFactory(parent=root, title="世界温商博物馆与信息平台"))
    make_default_site(home)
    museum = publish(MuseumPageFactory(parent=home, title="世界温商博物馆"))
    hall = publish(
        HallPageFactory(
            parent=museum,
            title="敢为人先：改革开放与温州模式",
            number=2,
            hero_image=ImageFactory(title="八十年代的温州街头", file__color="#2f5d62"),
        )
    )
    collection = publish(CollectionIndexPageFactory(parent=museum, title="馆藏精品"))
    artifact = ArtifactPageFactory(parent=collection, title="供销员的账本", hall=hall)
    ArtifactImageFactory(
        artifact=artifact, image=ImageFactory(title="账本封面", file__color="#7a4b2a")
    )
    artifact = publish(artifact)
    exhibit = publish(
        ExhibitPageFactory(
            parent=hall,
            title="十万供销员走天下",
            hero_image=ImageFactory(title="供销员合影", file__color="#44515f"),
            body=[
                paragraph("他们背着样品走遍全国。"),
                artifact_block(artifact, "一本记满订单的账本"),
            ],
        )
    )

    english = {
        "home": translate(
            home, "en", title="World Wenzhou Merchants Museum and Information Platform"
        ),
        "museum": translate(museum, "en", title="World Wenzhou Merchants Museum"),
        "hall": translate(hall, "en", title="Daring to Lead: Reform and the Wenzhou Model"),
        "collection": translate(collection, "en", title="Collection Highlights"),
        "exhibit": translate(exhibit, "en", title="A Hundred Thousand Salesmen on the Road"),
        "artifact": translate(artifact, "en", title="A Travelling Salesman's Ledger"),
    }
    return {
        "home": home,
        "museum": museum,
        "hall": hall,
        "exhibit": exhibit,
        "artifact": artifact,
        "en": english,
    }


def assert_heading(tab, title):
    expect(tab.locator("main h1")).to_have_text(title)


def assert_image_loaded(tab, locator):
    """The image was fetched and decoded: the browser knows its real width.

    A broken image is complete with a natural width of 0, so this waits for a real one.
    Uploads are served by the live server from MEDIA_ROOT, as a web server does in production.
    """
    image = locator.first
    image.scroll_into_view_if_needed()
    handle = image.element_handle()
    tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=handle, timeout=10_000)
    assert handle.evaluate("img => img.naturalWidth") > 0


def test_walk_from_home_to_an_artifact_and_switch_to_english(
    live_server, page_in_browser, museum_site
):
    tab = page_in_browser
    site = museum_site

    response = tab.goto(live_server.url + "/")
    assert response.status == 200
    expect(tab.locator("html")).to_have_attribute("lang", re.compile(r"^zh", re.IGNORECASE))
    assert_heading(tab, site["home"].title)

    # Home -> museum through the main navigation.
    tab.get_by_role("navigation", name="主导航").get_by_role(
        "link", name=site["museum"].title
    ).click()
    assert_heading(tab, site["museum"].title)

    # Museum -> hall through the hall's card.
    tab.locator("main").get_by_role("link", name=site["hall"].title).first.click()
    assert_heading(tab, site["hall"].title)
    assert_image_loaded(tab, tab.locator("main header img"))
    crumbs = tab.get_by_role("navigation", name="面包屑导航")
    expect(crumbs.get_by_role("link", name=site["museum"].title)).to_be_visible()

    # Hall -> exhibit.
    tab.locator("main").get_by_role("link", name=site["exhibit"].title).first.click()
    assert_heading(tab, site["exhibit"].title)
    assert_image_loaded(tab, tab.locator("main img").first)
    embedded = tab.locator("main figure", has=tab.get_by_role("link", name=site["artifact"].title))
    expect(embedded).to_contain_text("一本记满订单的账本")
    assert_image_loaded(tab, embedded.locator("img"))
    expect(crumbs.get_by_role("link", name=site["hall"].title)).to_be_visible()

    # Exhibit -> artifact through the embedded artifact.
    embedded.get_by_role("link", name=site["artifact"].title).click()
    assert_heading(tab, site["artifact"].title)
    expect(tab.locator("main")).to_contain_text(site["artifact"].accession_number)
    assert_image_loaded(tab, tab.locator("main img"))
    assert tab.url.endswith(site["artifact"].url)

    # The language switch leads to the same artifact in English.
    tab.get_by_role("navigation", name="切换语言").get_by_role("link").first.click()
    expect(tab.locator("html")).to_have_attribute("lang", "en")
    assert_heading(tab, site["en"]["artifact"].title)
    assert tab.url.endswith(site["en"]["artifact"].url)
    assert_image_loaded(tab, tab.locator("main img"))
    # The English page's navigation is English too, and leads back up the English tree.
    english_crumbs = tab.get_by_role("navigation", name="Breadcrumbs")
    expect(english_crumbs.get_by_role("link", name="Home")).to_be_visible()
    english_crumbs.get_by_role("link", name=site["en"]["museum"].title).click()
    assert_heading(tab, site["en"]["museum"].title)
    expect(tab.locator("html")).to_have_attribute("lang", "en")

    # And the switch leads back to the Chinese museum.
    tab.get_by_role("navigation", name="Language").get_by_role("link").first.click()
    assert_heading(tab, site["museum"].title)
    expect(tab.locator("html")).to_have_attribute("lang", re.compile(r"^zh", re.IGNORECASE))
