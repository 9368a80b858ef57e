"""The platform views on the published static site: filter and province paths, charts, cards."""

import datetime
import re

import pytest

from cms.chambers.factories import ChamberIndexPageFactory, ChamberPageFactory
from cms.chambers.models import ChamberLevel
from cms.core.factories import publish
from cms.publicity.factories import NewsIndexPageFactory, NewsPageFactory
from frontend.publishing.builder import build_site
from frontend.publishing.linkcheck import check_links
from frontend.share_cards import card_name

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.STATIC_SITE_DIR = tmp_path / "public" / "site"
    return settings.STATIC_SITE_DIR


def test_filters_provinces_progress_and_share_cards_are_published(
    site_dir, known_projects, project_index, progress_page, home_page
):
    chambers = publish(ChamberIndexPageFactory(parent=home_page))
    zhejiang = publish(
        ChamberPageFactory(parent=chambers, title="浙江省温州商会", province="zhejiang")
    )
    publish(
        ChamberPageFactory(
            parent=chambers,
            title="宁波市温州商会",
            level=ChamberLevel.CITY,
            province="zhejiang",
            city="宁波",
            parent_chamber=zhejiang,
        )
    )
    news_index = publish(NewsIndexPageFactory(parent=home_page))
    news = publish(
        NewsPageFactory(parent=news_index, title="温商回归大会", date=datetime.date(2026, 6, 1))
    )

    build_site(workers=1)

    signed_ruian = (site_dir / "projects/stage/signed/county/ruian/index.html").read_text("utf-8")
    assert "项目 WZ-1" in signed_ruian and "项目 WZ-2" not in signed_ruian
    assert (site_dir / "projects/industry/biomedicine/index.html").is_file()
    assert (site_dir / "projects/amount/over-50/index.html").is_file()
    assert (site_dir / "chambers/province/zhejiang/index.html").is_file()
    assert not (site_dir / "chambers/province/hainan/index.html").exists()

    progress = (site_dir / "progress/index.html").read_text("utf-8")
    assert progress.count('<svg class="chart') == 5
    assert "<script" not in progress.split("<main", 1)[1].split("</main>", 1)[0]

    # The generated share card is copied into the site and the page points at it.
    news_html = (site_dir / news.url.strip("/") / "index.html").read_text("utf-8")
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', news_html).group(1)
    assert og_image.endswith(card_name(news))
    assert (site_dir / "media" / card_name(news)).is_file()
    assert 'class="qr-code"' in news_html

    # Every link of the facet navigation and the province list leads to a published file.
    problems, checked = check_links(site_dir)
    assert problems == []
    assert checked > 100
