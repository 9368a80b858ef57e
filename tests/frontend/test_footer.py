"""Issue #14: the government footer (国办发〔2017〕47号) from site settings, linked, absent when empty."""

import re

import pytest
from wagtail.models import Site

from cms.core.factories import ImageFactory
from cms.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def footer_of(html):
    return html[html.index("<footer") :]


@pytest.fixture
def filled(home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation = "温州市人民政府"
    settings.organisation_en = "Wenzhou Municipal People's Government"
    settings.phone = "0577-88880000"
    settings.icp_number = "浙ICP备12345678号"
    settings.police_record_number = "浙公网安备 33030202000001号"
    settings.police_badge = ImageFactory(title="公安备案图标")
    settings.site_identifier = "3303000001"
    settings.government_mark = ImageFactory(title="党政机关网站标识")
    settings.government_mark_url = "https://bszs.conac.cn/sitename?method=show&id=ABC"
    settings.save()
    return settings


def assert_filings(footer):
    assert '<a href="https://beian.miit.gov.cn/"' in footer
    assert "浙ICP备12345678号</a>" in footer
    police = re.search(r'<li data-filing="police">(.*?)</li>', footer, re.S).group(1)
    assert (
        'href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33030202000001"'
        in police
    )
    assert "浙公网安备 33030202000001号" in police
    assert re.search(r'<img[^>]+class="footer-police-badge"', police)
    assert "3303000001" in footer
    mark = re.search(r'data-filing="government-mark">(.*?)</p>', footer, re.S).group(1)
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=ABC"' in mark
    # The marks are this site's own files, never loaded from the filing sites.
    for src in re.findall(r'<img[^>]+src="([^"]+)"', footer):
        assert src.startswith("/media/"), src


def test_footer_shows_every_filing_linked_in_chinese(client, filled):
    footer = footer_of(client.get("/").content.decode())
    assert_filings(footer)
    assert "主办单位：温州市人民政府" in footer
    assert "网站标识码：3303000001" in footer
    assert 'alt="党政机关网站标识"' in footer


def test_footer_in_english(client, filled, locales):
    from cms.core.factories import translate

    home_en = translate(filled.site.root_page, "en", title="Home")
    footer = footer_of(client.get(home_en.url).content.decode())
    assert_filings(footer)
    assert "Wenzhou Municipal People&#x27;s Government" in footer
    assert "Website identification code: 3303000001" in footer
    assert 'alt="Party and government website mark"' in footer


def test_footer_on_the_404_page(client, filled):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert_filings(footer_of(response.content.decode()))


def test_nothing_shows_when_the_settings_are_empty(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.organisation = settings.organisation_en = ""
    settings.save()
    footer = footer_of(client.get("/").content.decode())
    for absent in ("主办单位", "网站标识码", "data-footer-filings", "beian", "<img", "data-filing"):
        assert absent not in footer, absent
    assert "世界温商博物馆" in footer  # the copyright line stays


def test_police_link_needs_digits():
    settings = SiteSettings(police_record_number="浙公网安备（待办理）")
    assert settings.police_record_url == ""
    settings.police_record_number = "浙公网安备 33030202000001号"
    assert settings.police_record_url.endswith("recordcode=33030202000001")


def test_demo_fills_samples_marked_as_samples(home_page, locales):
    from cms.core.demo.builder import DemoBuilder

    builder = DemoBuilder(log=lambda *args: None)
    builder.site_settings()
    builder.site_settings()  # idempotent
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    for value in (settings.icp_number, settings.police_record_number, settings.site_identifier):
        assert "示例" in value
    assert "示例" in settings.police_badge.title and "示例" in settings.government_mark.title
    assert settings.police_record_url.endswith("recordcode=33030200000000")
