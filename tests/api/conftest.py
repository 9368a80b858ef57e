"""A small, fixed content tree with one page of every type, for API tests.

Pages come from the factories (``full=True`` fills every optional field). Everything that
reaches the API is fixed here or in the factories (titles, slugs, images and documents, not
their sequence defaults), so the API snapshots under tests/api/expected/ stay stable.
"""

from decimal import Decimal
from types import SimpleNamespace

import pytest

from cms.chambers.factories import ChamberIndexPageFactory, ChamberPageFactory
from cms.core.choices import WenzhouCounty
from cms.core.factories import (
    DocumentFactory,
    ImageFactory,
    StandardPageFactory,
    document_block,
)
from cms.events.factories import EventIndexPageFactory, EventPageFactory
from cms.projects.factories import ProjectIndexPageFactory, ProjectPageFactory
from cms.projects.models import InvestorOrigin, ProjectStage
from cms.publicity.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
)
from cms.publicity.models import CampaignRelatedPage
from museum.factories import (
    ArtifactPageFactory,
    CollectionIndexPageFactory,
    ExhibitPageFactory,
    HallPageFactory,
    MerchantHistoryPageFactory,
    MerchantIndexPageFactory,
    MuseumPageFactory,
    TimelinePageFactory,
    every_narrative_block,
)
from museum.models import ArtifactImage, TimelineMilestone
from tests.conftest import built_once_for_the_module, make_home_page, make_locales


@pytest.fixture
def site_tree(home_page):
    """One published page of every type, with images, documents and relations."""
    return build_site_tree(home_page)


@pytest.fixture(scope="module")
def _site_tree_of_the_module(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("site-tree-media")
    with built_once_for_the_module(django_db_blocker, media):
        yield build_site_tree(make_home_page(make_locales())), media


@pytest.fixture
def shared_site_tree(_site_tree_of_the_module, db, settings):
    """The same tree, built once per module: for modules of many tests that read it.

    Each test still runs in its own savepoint, so a change it makes is rolled back.
    """
    tree, media = _site_tree_of_the_module
    settings.MEDIA_ROOT = media
    return tree


def build_site_tree(home):
    photo = ImageFactory(title="桥头纽扣市场")
    portrait = ImageFactory(title="人物肖像", file__width=400, file__height=500)
    brochure = DocumentFactory(title="宣传手册")

    standard = StandardPageFactory(parent=home, title="关于我们", slug="about")
    museum = MuseumPageFactory(parent=home, listing_image=photo)
    hall = HallPageFactory(
        parent=museum, title="第一展厅：敢为人先", slug="hall-1", number=1, hero_image=photo
    )
    collection_index = CollectionIndexPageFactory(parent=museum)
    merchants_index = MerchantIndexPageFactory(parent=museum)
    chambers_index = ChamberIndexPageFactory(parent=home)
    national = ChamberPageFactory(
        parent=chambers_index, national=True, title="全国温州商会联合会", slug="national"
    )
    chamber = ChamberPageFactory(
        parent=chambers_index,
        full=True,
        parent_chamber=national,
        title="江苏省温州商会",
        slug="jiangsu",
    )
    merchant = MerchantHistoryPageFactory(
        parent=merchants_index,
        full=True,
        title="王建国",
        slug="wang-jianguo",
        name_pinyin="Wang Jianguo",
        portrait=portrait,
        chamber=chamber,
    )
    artifact = ArtifactPageFactory(
        parent=collection_index,
        full=True,
        title="第一本个体工商户营业执照",
        slug="first-licence",
        accession_number="WZM-2026-0001",
        hall=hall,
        gallery_images=[ArtifactImage(image=photo, caption="正面")],
        related_merchants=[merchant],
    )
    exhibit = ExhibitPageFactory(
        parent=hall,
        title="八大王事件",
        slug="eight-kings",
        hero_image=photo,
        body=every_narrative_block(photo, portrait, brochure, artifact),
    )
    timeline = TimelinePageFactory(
        parent=museum,
        milestones=[
            TimelineMilestone(
                year=1980, month=12, title="第一张个体营业执照", image=photo, link=artifact
            ),
            TimelineMilestone(year=2001, title="中国加入世贸组织", description="温商走向世界"),
        ],
    )

    campaign_index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(
        parent=campaign_index,
        full=True,
        title="温商回归宣传月",
        slug="homecoming-month",
        assets=[document_block(brochure, "海报")],
        related_pages=[CampaignRelatedPage(page=exhibit), CampaignRelatedPage(page=artifact)],
    )
    news_index = NewsIndexPageFactory(parent=home)
    news = NewsPageFactory(
        parent=news_index,
        full=True,
        title="首批回归项目集中签约",
        slug="first-signing",
        listing_image=photo,
        campaign=campaign,
    )

    projects_index = ProjectIndexPageFactory(parent=home)
    project = ProjectPageFactory(
        parent=projects_index,
        full=True,
        title="瓯江口新能源装备产业园",
        slug="oujiangkou-energy",
        code="WZ-2026-001",
        county=WenzhouCounty.LONGWAN,
        amount=Decimal("52.50"),
        investor_origin=InvestorOrigin.OVERSEAS_WENZHOU,
    )
    other_project = ProjectPageFactory(
        parent=projects_index,
        title="智能电气产业基地",
        slug="smart-electrical",
        code="WZ-2026-002",
        county=WenzhouCounty.YUEQING,
        amount=Decimal("18.00"),
        stage=ProjectStage.NEGOTIATING,
    )

    events_index = EventIndexPageFactory(parent=home)
    event = EventPageFactory(
        parent=events_index,
        title="意大利温商回乡投资考察",
        slug="italy-tour",
        campaign=campaign,
        signed_projects=[project],
    )

    return SimpleNamespace(
        home=home,
        standard=standard,
        museum=museum,
        hall=hall,
        exhibit=exhibit,
        collection_index=collection_index,
        artifact=artifact,
        merchants_index=merchants_index,
        merchant=merchant,
        timeline=timeline,
        chambers_index=chambers_index,
        national_chamber=national,
        chamber=chamber,
        campaign_index=campaign_index,
        campaign=campaign,
        news_index=news_index,
        news=news,
        projects_index=projects_index,
        project=project,
        other_project=other_project,
        events_index=events_index,
        event=event,
        photo=photo,
        portrait=portrait,
        brochure=brochure,
    )
