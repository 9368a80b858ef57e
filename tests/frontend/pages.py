"""Builds, on demand, one small page of each type under the test home page, with real images."""

import datetime
import io
from decimal import Decimal
from functools import cached_property
from html.parser import HTMLParser

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents.models import Document
from wagtail.images.models import Image

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


def make_image(title, description="", size=(640, 480), color=(150, 40, 30)):
    """A real JPEG drawn by Pillow and stored as a Wagtail image."""
    picture = PILImage.new("RGB", size, color)
    draw = ImageDraw.Draw(picture)
    draw.rectangle([size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4], fill=(230, 200, 120))
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    name = f"wzm-{abs(hash(title)) % 10**8}.jpg"
    image = Image(title=title, description=description, file=ImageFile(buffer, name=name))
    image.save()
    return image


def add(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class SiteBuilder:
    """Each property builds its page (and what it needs) the first time it is read."""

    def __init__(self, home):
        self.home = home

    # Images -------------------------------------------------------------------------------
    @cached_property
    def hall_image(self):
        return make_image("展厅主图", "改革开放初期的桥头纽扣市场街景")

    @cached_property
    def artifact_image(self):
        return make_image("纽扣样品", "一板桥头纽扣市场的彩色纽扣样品")

    @cached_property
    def portrait(self):
        return make_image("人物肖像", "示例人物陈海潮的肖像照", size=(480, 640))

    @cached_property
    def news_image(self):
        return make_image("新闻配图", "温商回归恳谈会会场")

    @cached_property
    def document(self):
        doc = Document(title="温商回归宣传册")
        doc.file.save("brochure.pdf", ContentFile(b"%PDF-1.4\n% test\n"), save=False)
        doc.save()
        return doc

    # Museum ------------------------------------------------------------------------------
    @cached_property
    def museum(self):
        return add(self.home, MuseumPage(title="世界温商博物馆", slug="museum", intro="温商历史的博物馆", show_in_menus=True))

    @cached_property
    def hall(self):
        return add(
            self.museum,
            HallPage(
                title="改革开放与温州模式",
                slug="hall-reform",
                number=3,
                period="1978—1992",
                start_year=1978,
                end_year=1992,
                hero_image=self.hall_image,
                intro="家庭工业与专业市场",
                body=[{"type": "paragraph", "value": "<p>前店后厂的家庭作坊遍布乡镇。</p>"}],
            ),
        )

    @cached_property
    def collection(self):
        return add(self.museum, CollectionIndexPage(title="馆藏目录", slug="collection"))

    @cached_property
    def merchants(self):
        return add(self.museum, MerchantIndexPage(title="温商名录", slug="merchants"))

    @cached_property
    def merchant(self):
        merchant = MerchantHistoryPage(
            title="陈海潮",
            slug="chen-haichao",
            name_pinyin="Chen Haichao",
            portrait=self.portrait,
            birth_year=1956,
            home_county="yongjia",
            primary_industry="footwear_apparel",
            other_industries="商贸物流、金融投资",
            enterprise="海潮鞋业集团",
            is_leading_merchant=True,
            is_honoured=True,
            honours="全国优秀民营企业家",
            is_sample=True,
            biography=[{"type": "paragraph", "value": "<p>十六岁离乡闯荡，从修鞋摊做起。</p>"}],
        )
        merchant.business_locations = [
            MerchantBusinessLocation(country="意大利", city="米兰"),
            MerchantBusinessLocation(country="法国", city="巴黎"),
        ]
        merchant.life_events = [MerchantLifeEvent(year=1979, text="在米兰开设第一家鞋店")]
        return add(self.merchants, merchant)

    @cached_property
    def artifact(self):
        artifact = ArtifactPage(
            title="桥头纽扣样品板",
            slug="button-board",
            accession_number="WZM-2026-0042",
            object_type="product",
            era="1980年代",
            year_start=1983,
            year_end=1986,
            place_of_origin="永嘉县桥头镇",
            materials="塑料、纸板",
            dimensions="30 × 20 厘米",
            description="<p>桥头纽扣市场的样品板。</p>",
            provenance="<p>由商户家属保存至今。</p>",
            donor="陈氏家族",
            rights="educational_use",
            hall=self.hall,
        )
        artifact.gallery_images = [ArtifactImage(image=self.artifact_image, caption="样品板正面")]
        artifact.related_merchants = [self.merchant]
        return add(self.collection, artifact)

    @cached_property
    def exhibit(self):
        return add(
            self.hall,
            ExhibitPage(
                title="桥头纽扣市场",
                slug="qiaotou-buttons",
                hero_image=self.hall_image,
                body=[
                    {"type": "heading", "value": {"text": "一粒纽扣闯天下", "level": "h2"}},
                    {"type": "paragraph", "value": "<p>桥头镇的纽扣市场曾是亚洲最大。</p>"},
                    {
                        "type": "image",
                        "value": {
                            "image": {"image": self.hall_image.pk, "alt_text": "市场里挑选纽扣的商户", "decorative": False},
                            "caption": "八十年代的纽扣摊位",
                        },
                    },
                    {
                        "type": "gallery",
                        "value": {
                            "title": "市场旧影",
                            "images": [
                                {
                                    "image": {"image": self.news_image.pk, "alt_text": "", "decorative": True},
                                    "caption": "装饰花纹",
                                }
                            ],
                        },
                    },
                    {"type": "quote", "value": {"text": "走遍千山万水", "attribution": "四千精神"}},
                    {"type": "document", "value": {"document": self.document.pk, "title": "市场史料汇编"}},
                    {
                        "type": "timeline",
                        "value": {
                            "title": "市场年表",
                            "entries": [{"year": 1983, "title": "市场开业", "text": "首批摊位"}],
                        },
                    },
                    {
                        "type": "map",
                        "value": {
                            "title": "纽扣销往何方",
                            "places": [
                                {"name": "温州", "latitude": 28.0, "longitude": 120.67, "note": "家乡"},
                                {"name": "巴黎", "latitude": 48.86, "longitude": 2.35, "note": "欧洲"},
                            ],
                        },
                    },
                    {"type": "artifact", "value": {"artifact": self.artifact.pk, "note": "镇馆之宝"}},
                ],
            ),
        )

    @cached_property
    def timeline(self):
        page = TimelinePage(title="温商大事记", slug="timeline")
        page.milestones = [
            TimelineMilestone(year=1982, month=6, title="桥头纽扣市场兴起", description="专业市场起步"),
            TimelineMilestone(year=2001, title="中国加入世贸组织", description="温商走向世界"),
        ]
        return add(self.museum, page)

    # Platform ----------------------------------------------------------------------------
    @cached_property
    def standard(self):
        return add(
            self.home,
            StandardPage(
                title="关于我们",
                slug="about",
                body=[{"type": "paragraph", "value": "<p>世界温商博物馆由温州市人民政府主办。</p>"}],
            ),
        )

    @cached_property
    def news_index(self):
        return add(self.home, NewsIndexPage(title="新闻中心", slug="news", show_in_menus=True))

    @cached_property
    def news(self):
        return add(
            self.news_index,
            NewsPage(
                title="温商回归恳谈会在温州举行",
                slug="homecoming-forum",
                date=datetime.date(2026, 3, 18),
                byline="市委宣传部",
                listing_image=self.news_image,
                campaign=self.campaign,
                body=[{"type": "paragraph", "value": "<p>三百余位温商齐聚一堂。</p>"}],
            ),
        )

    @cached_property
    def campaign_index(self):
        return add(self.home, CampaignIndexPage(title="宣传活动", slug="campaigns"))

    @cached_property
    def campaign(self):
        wechat, _ = Channel.objects.update_or_create(
            code="alumni-wechat", defaults={"name": "校友微信群", "name_en": "Alumni WeChat groups"}
        )
        campaign = CampaignPage(
            title="2026 温商回归月",
            slug="homecoming-month",
            theme="温商回归 共建家乡",
            start_date=datetime.date(2026, 3, 1),
            end_date=datetime.date(2026, 3, 31),
            audience="海内外温商",
            status="running",
            assets=[{"type": "document", "value": {"document": self.document.pk, "title": "活动海报"}}],
        )
        campaign.related_pages = [CampaignRelatedPage(page=self.standard)]
        campaign = add(self.campaign_index, campaign)
        campaign.channels.set([wechat])
        campaign.save_revision().publish()
        return campaign

    @cached_property
    def project_index(self):
        return add(self.home, ProjectIndexPage(title="招商项目", slug="projects", show_in_menus=True))

    @cached_property
    def project(self):
        project = ProjectPage(
            title="瓯江口智能电气产业园",
            slug="oujiangkou-electrical",
            code="WZ-2026-007",
            industry="electrical",
            county="longwan",
            amount=Decimal("85.50"),
            investor_origin="overseas_wenzhou",
            investor="欧洲温商联合体",
            stage="construction",
            signed_date=datetime.date(2026, 1, 10),
            is_key_project=True,
            description="<p>建设智能电气装备生产基地。</p>",
            officer_name="林晓华",
            officer_unit="温州市投资促进局",
            officer_phone="0577-88990011",
            officer_email="linxh@example.gov.cn",
        )
        project.progress_updates = [
            ProjectProgressUpdate(date=datetime.date(2026, 2, 20), stage="construction", text="一期厂房开工")
        ]
        return add(self.project_index, project)

    @cached_property
    def chamber_index(self):
        return add(self.home, ChamberIndexPage(title="商会网络", slug="chambers"))

    @cached_property
    def national_chamber(self):
        return add(
            self.chamber_index,
            ChamberPage(title="世界温州人联谊总会", slug="national", level="national", founded=2003, president="王总会"),
        )

    @cached_property
    def chamber(self):
        return add(
            self.chamber_index,
            ChamberPage(
                title="上海市温州商会",
                slug="shanghai",
                level="provincial",
                parent_chamber=self.national_chamber,
                province="shanghai",
                city="上海",
                founded=1995,
                president="周会长",
                contact_phone="021-55556666",
                contact_email="office@shwzcc.example",
                website="https://shwzcc.example/",
                address="上海市黄浦区温商大厦",
                latitude=31.23,
                longitude=121.47,
                description="<p>在沪温商的家。</p>",
            ),
        )

    @cached_property
    def event_index(self):
        return add(self.home, EventIndexPage(title="回乡考察", slug="events"))

    @cached_property
    def event(self):
        event = add(
            self.event_index,
            EventPage(
                title="欧洲温商回乡考察团",
                slug="europe-tour",
                start_date=datetime.date(2026, 4, 8),
                end_date=datetime.date(2026, 4, 12),
                delegation_origin="意大利、法国温商",
                organiser="温州市人民政府侨务办公室",
                merchant_count=46,
                campaign=self.campaign,
            ),
        )
        event.signed_projects.set([self.project])
        event.save_revision().publish()
        return event


class HeadParser(HTMLParser):
    """Collects meta/link tags, JSON-LD scripts, <img>/<source> attributes and the <html> lang."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.images, self.sources, self.ld_json = {}, [], [], [], []
        self.html_lang = None
        self._in_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
        elif tag == "source":
            self.sources.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True
            self.ld_json.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.ld_json[-1] += data


def parse(html):
    parser = HeadParser()
    parser.feed(html)
    return parser
