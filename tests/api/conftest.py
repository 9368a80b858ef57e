"""A small, fixed content tree with one page of every type, for API tests.

Values are fixed so the API snapshots under tests/api/expected/ stay stable.
"""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from cms.chambers.models import ChamberIndexPage, ChamberPage
from cms.core.models import StandardPage
from cms.events.models import EventIndexPage, EventPage
from cms.projects.models import ProjectIndexPage, ProjectPage, ProjectProgressUpdate
from cms.publicity.models import (
    CampaignIndexPage,
    CampaignPage,
    CampaignRelatedPage,
    Channel,
    NewsIndexPage,
    NewsPage,
)
from museum.models import (
    ArtifactImage,
    ArtifactPage,
    CollectionIndexPage,
    ExhibitPage,
    HallPage,
    MerchantBusinessLocation,
    MerchantHistoryPage,
    MerchantIndexPage,
    MerchantLifeEvent,
    MuseumPage,
    TimelineMilestone,
    TimelinePage,
)


def make_image(title, colour=(180, 40, 40), size=(640, 480), collection=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    image = get_image_model()(
        title=title,
        file=ImageFile(buffer, name=f"{title}.png"),
        collection=collection or Collection.get_first_root_node(),
    )
    image.save()
    return image


def make_document(title, collection=None):
    document = get_document_model()(
        title=title, collection=collection or Collection.get_first_root_node()
    )
    document.file.save(f"{title}.txt", ContentFile("温商回归宣传手册\n".encode()), save=False)
    document.save()
    return document


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def paragraph(html):
    return {"type": "paragraph", "value": html}


def image_block(image, caption):
    return {
        "type": "image",
        "value": {
            "image": {"image": image.pk, "alt_text": caption, "decorative": False},
            "caption": caption,
        },
    }


@pytest.fixture
def site_tree(home_page):
    """One published page of every type, with images, documents and relations."""
    home = home_page
    photo = make_image("桥头纽扣市场")
    portrait = make_image("人物肖像", colour=(40, 80, 160), size=(400, 500))
    brochure = make_document("宣传手册")

    standard = add(
        home, StandardPage(title="关于我们", slug="about", body=[paragraph("<p>简介</p>")])
    )

    museum = add(
        home,
        MuseumPage(
            title="世界温商博物馆",
            slug="museum",
            intro="温商的历史与精神",
            listing_image=photo,
            body=[paragraph("<p>欢迎参观。</p>")],
        ),
    )
    hall = add(
        museum,
        HallPage(
            title="第一展厅：敢为人先",
            slug="hall-1",
            number=1,
            period="1978—1992",
            start_year=1978,
            end_year=1992,
            hero_image=photo,
            body=[paragraph("<p>改革开放初期。</p>")],
        ),
    )
    collection_index = add(museum, CollectionIndexPage(title="馆藏", slug="collection"))
    merchants_index = add(museum, MerchantIndexPage(title="温商名录", slug="merchants"))
    chambers_index = add(home, ChamberIndexPage(title="商会网络", slug="chambers"))
    national = add(
        chambers_index,
        ChamberPage(title="全国温州商会联合会", slug="national", level="national", founded=2000),
    )
    shanghai = add(
        chambers_index,
        ChamberPage(
            title="上海市温州商会",
            slug="shanghai",
            level="provincial",
            parent_chamber=national,
            province="shanghai",
            city="上海",
            founded=1995,
            president="示例会长",
            contact_phone="021-00000000",
            contact_email="info@sh-wzchamber.example",
            website="https://sh-wzchamber.example",
            address="上海市示例路 1 号",
            latitude=31.23,
            longitude=121.47,
            description="<p>上海温商之家。</p>",
        ),
    )
    merchant = MerchantHistoryPage(
        title="王建国",
        slug="wang-jianguo",
        name_pinyin="Wang Jianguo",
        portrait=portrait,
        birth_year=1950,
        home_county="yueqing",
        primary_industry="electrical",
        other_industries="新能源、数字经济",
        enterprise="示例电气集团",
        chamber=shanghai,
        is_leading_merchant=True,
        is_honoured=True,
        honours="全国优秀民营企业家",
        is_sample=True,
        biography=[paragraph("<p>从柳市的低压电器作坊起步。</p>")],
    )
    merchant.business_locations = [
        MerchantBusinessLocation(country="中国", city="上海"),
        MerchantBusinessLocation(country="意大利", city="米兰"),
    ]
    merchant.life_events = [
        MerchantLifeEvent(year=1978, text="创办家庭作坊"),
        MerchantLifeEvent(year=1995, text="成立上海公司"),
    ]
    merchant = add(merchants_index, merchant)

    artifact = ArtifactPage(
        title="第一本个体工商户营业执照",
        slug="first-licence",
        accession_number="WZM-2026-0001",
        object_type="certificate",
        era="1980年代",
        year_start=1980,
        year_end=1980,
        place_of_origin="温州",
        materials="纸",
        dimensions="20 × 15 cm",
        description="<p>新中国第一份个体工商户营业执照。</p>",
        provenance="<p>持照人家属捐赠。</p>",
        donor="章氏家族",
        rights="educational_use",
        hall=hall,
    )
    artifact.gallery_images = [ArtifactImage(image=photo, caption="正面")]
    artifact.related_merchants = [merchant]
    artifact = add(collection_index, artifact)

    exhibit = add(
        hall,
        ExhibitPage(
            title="八大王事件",
            slug="eight-kings",
            hero_image=photo,
            body=[
                {"type": "heading", "value": {"text": "柳市八大王", "level": "h2"}},
                paragraph("<p>1982 年的风波。</p>"),
                image_block(photo, "柳市街景"),
                {
                    "type": "gallery",
                    "value": {
                        "title": "旧影",
                        "images": [
                            {
                                "image": {
                                    "image": portrait.pk,
                                    "alt_text": "肖像",
                                    "decorative": False,
                                },
                                "caption": "肖像",
                            }
                        ],
                    },
                },
                {"type": "quote", "value": {"text": "敢为天下先。", "attribution": "温商精神"}},
                {"type": "document", "value": {"document": brochure.pk, "title": "展览手册"}},
                {"type": "artifact", "value": {"artifact": artifact.pk, "note": "原件"}},
                {
                    "type": "timeline",
                    "value": {
                        "title": "大事",
                        "entries": [{"year": 1982, "title": "八大王被查处", "text": ""}],
                    },
                },
                {
                    "type": "map",
                    "value": {
                        "title": "足迹",
                        "places": [
                            {"name": "柳市", "latitude": 28.1, "longitude": 120.9, "note": ""}
                        ],
                    },
                },
            ],
        ),
    )

    timeline = TimelinePage(title="温商大事记", slug="timeline")
    timeline.milestones = [
        TimelineMilestone(
            year=1980, month=12, title="第一张个体营业执照", image=photo, link=artifact
        ),
        TimelineMilestone(year=2001, title="中国加入世贸组织", description="温商走向世界"),
    ]
    timeline = add(museum, timeline)

    wechat = Channel.objects.get_or_create(
        code="wechat", defaults={"name": "微信", "name_en": "WeChat"}
    )[0]
    weibo = Channel.objects.get_or_create(
        code="weibo", defaults={"name": "微博", "name_en": "Weibo"}
    )[0]
    campaign_index = add(home, CampaignIndexPage(title="宣传活动", slug="campaigns"))
    campaign = CampaignPage(
        title="温商回归宣传月",
        slug="homecoming-month",
        theme="温商回归，共建家乡",
        start_date=datetime.date(2026, 3, 1),
        end_date=datetime.date(2026, 3, 31),
        audience="海内外温商",
        status="running",
        body=[paragraph("<p>系列报道与线下活动。</p>")],
        assets=[{"type": "document", "value": {"document": brochure.pk, "title": "海报"}}],
    )
    campaign.related_pages = [CampaignRelatedPage(page=exhibit), CampaignRelatedPage(page=artifact)]
    campaign.channels = [wechat, weibo]
    campaign = add(campaign_index, campaign)

    news_index = add(home, NewsIndexPage(title="新闻", slug="news"))
    news = add(
        news_index,
        NewsPage(
            title="首批回归项目集中签约",
            slug="first-signing",
            intro="二十个项目签约。",
            date=datetime.date(2026, 3, 5),
            byline="宣传部",
            campaign=campaign,
            body=[paragraph("<p>签约仪式在温州举行。</p>"), image_block(photo, "签约现场")],
        ),
    )

    projects_index = add(home, ProjectIndexPage(title="招商项目", slug="projects"))
    project = ProjectPage(
        title="瓯江口新能源装备产业园",
        slug="oujiangkou-energy",
        code="WZ-2026-001",
        industry="new_energy",
        county="longwan",
        amount="52.50",
        investor_origin="overseas_wenzhou",
        investor="示例能源集团",
        stage="signed",
        signed_date=datetime.date(2026, 3, 5),
        is_key_project=True,
        description="<p>年产风电装备。</p>",
        officer_name="李专员",
        officer_unit="温州市投资促进局",
        officer_phone="0577-00000000",
        officer_email="officer@wzinvest.example",
    )
    project.progress_updates = [
        ProjectProgressUpdate(
            date=datetime.date(2026, 1, 10), stage="negotiating", text="首轮洽谈"
        ),
        ProjectProgressUpdate(date=datetime.date(2026, 3, 5), stage="signed", text="正式签约"),
    ]
    project = add(projects_index, project)
    other_project = add(
        projects_index,
        ProjectPage(
            title="智能电气产业基地",
            slug="smart-electrical",
            code="WZ-2026-002",
            industry="electrical",
            county="yueqing",
            amount="18.00",
            investor_origin="domestic_wenzhou",
            stage="negotiating",
        ),
    )

    events_index = add(home, EventIndexPage(title="回乡考察", slug="tours"))
    event = EventPage(
        title="上海温商回乡投资考察",
        slug="shanghai-tour",
        start_date=datetime.date(2026, 3, 4),
        end_date=datetime.date(2026, 3, 6),
        delegation_origin="上海市温州商会",
        organiser="温州市投资促进局",
        merchant_count=35,
        campaign=campaign,
        body=[paragraph("<p>考察龙湾、乐清。</p>")],
    )
    event.signed_projects = [project]
    event = add(events_index, event)

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
        chamber=shanghai,
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
        channels=[wechat, weibo],
    )
