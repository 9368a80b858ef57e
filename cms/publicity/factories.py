import datetime

import factory
from factory.django import DjangoModelFactory

from cms.core.factories import (
    BasePageFactory,
    DocumentFactory,
    HomePageFactory,
    ImageFactory,
    document_block,
    image_block,
    paragraph,
)
from cms.publicity.models import CampaignIndexPage, CampaignPage, Channel, NewsIndexPage, NewsPage


class NewsIndexPageFactory(BasePageFactory):
    title = "新闻动态"
    slug = "news"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"温商回归项目集中签约 {n}")
    slug = factory.Sequence(lambda n: f"news-{n}")
    parent = factory.SubFactory(NewsIndexPageFactory)
    date = datetime.date(2026, 3, 18)
    byline = "温州市委宣传部"
    body = factory.LazyFunction(lambda: [paragraph("一批温商回归项目在温州集中签约。")])

    class Params:
        # A listing image, also shown in the body.
        full = factory.Trait(
            listing_image=factory.SubFactory(ImageFactory),
            body=factory.LazyAttribute(
                lambda news: [
                    paragraph("一批温商回归项目在温州集中签约。"),
                    image_block(news.listing_image, "签约现场"),
                ]
            ),
        )

    class Meta:
        model = NewsPage


class CampaignIndexPageFactory(BasePageFactory):
    title = "宣传活动"
    slug = "campaigns"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True

    class Meta:
        model = CampaignIndexPage


class ChannelFactory(DjangoModelFactory):
    code = factory.Sequence(lambda n: f"channel-{n}")
    name = factory.Sequence(lambda n: f"渠道 {n}")
    name_en = factory.Sequence(lambda n: f"Channel {n}")

    class Meta:
        model = Channel
        django_get_or_create = ["code"]


class CampaignPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"世界温商大会宣传 {n}")
    slug = factory.Sequence(lambda n: f"campaign-{n}")
    parent = factory.SubFactory(CampaignIndexPageFactory)
    theme = "温商回归 共建家乡"
    start_date = datetime.date(2026, 5, 1)
    end_date = datetime.date(2026, 6, 30)
    audience = "海内外温商"
    # Approved: a campaign the public sees, as most tests want.
    status = CampaignPage.Status.APPROVED
    body = factory.LazyFunction(lambda: [paragraph("围绕世界温商大会开展系列宣传。")])

    class Params:
        # Two channels (one the migrations add, one of the campaign's own) and a poster.
        full = factory.Trait(
            channels=factory.LazyFunction(
                lambda: [
                    ChannelFactory(code="weibo"),
                    ChannelFactory(
                        code="alumni-wechat", name="校友微信群", name_en="Alumni WeChat groups"
                    ),
                ]
            ),
            assets=factory.LazyFunction(lambda: [document_block(DocumentFactory(), "活动海报")]),
        )

    class Meta:
        model = CampaignPage
