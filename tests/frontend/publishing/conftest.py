"""A small bilingual site with every kind of relation the publisher follows, and a site dir."""

import pytest
from django.core.cache import caches
from wagtail.models import Locale, Page

from cms.core.factories import (
    HomePageFactory,
    ImageFactory,
    image_block,
    make_default_site,
    paragraph,
    translate,
)
from cms.publicity.factories import NewsIndexPageFactory, NewsPageFactory
from museum.factories import (
    ArtifactImageFactory,
    ArtifactPageFactory,
    CollectionIndexPageFactory,
    ExhibitPageFactory,
    HallPageFactory,
    MuseumPageFactory,
    artifact_block,
)


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Renditions are cached by image id; ids repeat between tests, media directories do not."""
    for alias in caches:
        caches[alias].clear()


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.STATIC_SITE_DIR = tmp_path / "public" / "site"
    return settings.STATIC_SITE_DIR


@pytest.fixture
def small_site(db, site_dir):
    """Home, museum, hall, exhibit, collection with artifacts, news; some of it in English."""
    Locale.objects.get_or_create(language_code="zh-hans")
    Locale.objects.get_or_create(language_code="en")
    Page.objects.filter(depth=2).delete()
    home = HomePageFactory(slug="home")
    make_default_site(home)
    museum = MuseumPageFactory(parent=home, show_in_menus=True)
    collection = CollectionIndexPageFactory(parent=museum)
    artifacts = [
        ArtifactPageFactory(parent=collection, title=f"供销员账本 {n}", slug=f"ledger-{n}")
        for n in range(3)
    ]
    for artifact in artifacts:
        ArtifactImageFactory(artifact=artifact, image=ImageFactory())
    draft_artifact = ArtifactPageFactory(
        parent=collection, title="未发布的藏品", slug="unpublished-artifact", live=False
    )
    hall = HallPageFactory(parent=museum, slug="hall-reform", title="改革开放展厅")
    exhibit = ExhibitPageFactory(
        parent=hall,
        slug="button-market",
        title="桥头纽扣市场",
        body=[
            paragraph("一粒纽扣带动了一个市场。"),
            image_block(ImageFactory(), "桥头镇旧貌"),
            artifact_block(artifacts[0], "供销员随身携带的账本"),
        ],
    )
    other_exhibit = ExhibitPageFactory(
        parent=hall, slug="shoe-city", title="鞋都崛起", body=[paragraph("鹿城鞋业。")]
    )
    news_index = NewsIndexPageFactory(parent=home, show_in_menus=True)
    news = [
        NewsPageFactory(parent=news_index, title=f"温商回归项目签约 {n}", slug=f"signing-{n}")
        for n in range(3)
    ]
    draft_news = NewsPageFactory(parent=news_index, title="草稿新闻", slug="draft-news", live=False)
    home_en = translate(home, "en", title="World Wenzhou Merchants Museum")
    museum_en = translate(museum, "en", title="Museum")
    hall_en = translate(hall, "en", title="Reform and Opening-up Hall")
    return {
        "home": home,
        "home_en": home_en,
        "museum": museum,
        "museum_en": museum_en,
        "collection": collection,
        "artifacts": artifacts,
        "draft_artifact": draft_artifact,
        "hall": hall,
        "hall_en": hall_en,
        "exhibit": exhibit,
        "other_exhibit": other_exhibit,
        "news_index": news_index,
        "news": news,
        "draft_news": draft_news,
    }
