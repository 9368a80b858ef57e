"""Builds, on demand, one small page of each type under the test home page, with real images.

Pages come from the factories; ``full=True`` fills every optional field, so the texts the tests
look for are the factories' values unless given here.
"""

import datetime
from decimal import Decimal
from functools import cached_property
from html.parser import HTMLParser

from cms.chambers.factories import ChamberIndexPageFactory, ChamberPageFactory
from cms.core.choices import WenzhouCounty
from cms.core.factories import DocumentFactory, ImageFactory, StandardPageFactory
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


class SiteBuilder:
    """Each property builds its page (and what it needs) the first time it is read."""

    def __init__(self, home):
        self.home = home

    # Museum ------------------------------------------------------------------------------
    @cached_property
    def museum(self):
        return MuseumPageFactory(parent=self.home)

    @cached_property
    def hall(self):
        return HallPageFactory(parent=self.museum, title="改革开放与温州模式", number=3)

    @cached_property
    def collection(self):
        return CollectionIndexPageFactory(parent=self.museum)

    @cached_property
    def merchants(self):
        return MerchantIndexPageFactory(parent=self.museum)

    @cached_property
    def merchant(self):
        return MerchantHistoryPageFactory(
            parent=self.merchants, full=True, title="王建国", name_pinyin="Wang Jianguo"
        )

    @cached_property
    def artifact(self):
        return ArtifactPageFactory(
            parent=self.collection,
            full=True,
            title="供销员账本",
            accession_number="WZM-2026-0042",
            hall=self.hall,
            related_merchants=[self.merchant],
        )

    @cached_property
    def exhibit(self):
        # The hero's description is its alt text; the body's image block has its own.
        image = ImageFactory(description="改革开放初期的桥头纽扣市场街景")
        return ExhibitPageFactory(
            parent=self.hall,
            title="桥头纽扣市场",
            hero_image=image,
            body=every_narrative_block(image, ImageFactory(), DocumentFactory(), self.artifact),
        )

    @cached_property
    def timeline(self):
        return TimelinePageFactory(parent=self.museum, full=True)

    # Platform ----------------------------------------------------------------------------
    @cached_property
    def standard(self):
        return StandardPageFactory(parent=self.home, title="关于我们")

    @cached_property
    def news_index(self):
        return NewsIndexPageFactory(parent=self.home)

    @cached_property
    def news(self):
        return NewsPageFactory(
            parent=self.news_index,
            full=True,
            title="温商回归恳谈会在温州举行",
            campaign=self.campaign,
        )

    @cached_property
    def campaign_index(self):
        return CampaignIndexPageFactory(parent=self.home)

    @cached_property
    def campaign(self):
        return CampaignPageFactory(
            parent=self.campaign_index,
            full=True,
            title="2026 温商回归月",
            related_pages=[CampaignRelatedPage(page=self.standard)],
        )

    @cached_property
    def project_index(self):
        return ProjectIndexPageFactory(parent=self.home)

    @cached_property
    def project(self):
        return ProjectPageFactory(
            parent=self.project_index,
            full=True,
            title="瓯江口智能电气产业园",
            code="WZ-2026-007",
            county=WenzhouCounty.LONGWAN,
            amount=Decimal("85.50"),
            investor_origin=InvestorOrigin.OVERSEAS_WENZHOU,
            stage=ProjectStage.UNDER_CONSTRUCTION,
            signed_date=datetime.date(2026, 1, 10),
        )

    @cached_property
    def chamber_index(self):
        return ChamberIndexPageFactory(parent=self.home)

    @cached_property
    def national_chamber(self):
        return ChamberPageFactory(
            parent=self.chamber_index, national=True, title="世界温州人联谊总会"
        )

    @cached_property
    def chamber(self):
        return ChamberPageFactory(
            parent=self.chamber_index,
            full=True,
            title="江苏省温州商会",
            parent_chamber=self.national_chamber,
        )

    @cached_property
    def event_index(self):
        return EventIndexPageFactory(parent=self.home)

    @cached_property
    def event(self):
        return EventPageFactory(
            parent=self.event_index,
            title="欧洲温商回乡考察团",
            campaign=self.campaign,
            signed_projects=[self.project],
        )


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
