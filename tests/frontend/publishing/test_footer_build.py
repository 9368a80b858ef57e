"""Issue #14: the static build carries the government footer on every page and the 404 pages,
with the marks copied into the build; donors' contact details appear nowhere in it."""

import re

import pytest
from wagtail.models import Site

from cms.core.factories import ImageFactory
from cms.core.models import SiteSettings
from frontend.publishing.builder import build_site
from museum.donations.models import Donation

pytestmark = pytest.mark.django_db

WECHAT = "WenShang_Private77"
EMAIL = "private.donor@example.com"


def test_build_has_the_footer_everywhere_and_no_donor_contact(small_site, site_dir):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.icp_number = "浙ICP备12345678号"
    settings.police_record_number = "浙公网安备 33030202000001号"
    settings.police_badge = ImageFactory(title="公安备案图标")
    settings.site_identifier = "3303000001"
    settings.government_mark = ImageFactory(title="党政机关网站标识")
    settings.save()
    Donation.objects.create(
        donor_name="陈私人",
        email=EMAIL,
        wechat=WECHAT,
        country="意大利",
        city="米兰",
        title="旧皮箱",
        category="certificate",
        description="说明",
        intent="donate",
    )

    build_site(workers=1)

    pages = list(site_dir.rglob("*.html"))
    assert (site_dir / "404.html") in pages and (site_dir / "en/404.html") in pages
    for path in pages:
        html = path.read_text("utf-8")
        if "<footer" not in html:
            continue
        footer = html[html.index("<footer") :]
        assert "recordcode=33030202000001" in footer, path
        assert "https://beian.miit.gov.cn/" in footer, path
        assert "3303000001" in footer, path
        for src in re.findall(r'<img[^>]+src="([^"]+)"', footer):
            assert src.startswith("/media/"), (path, src)
            assert (site_dir / src.lstrip("/")).is_file(), (path, src)
    for path in site_dir.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".json", ".xml", ".rss", ".atom", ".txt"}:
            text = path.read_text("utf-8", errors="replace")
            assert WECHAT not in text and EMAIL not in text, path
