import factory
from factory.django import DjangoModelFactory

from cms.core.choices import Industry, WenzhouCounty
from cms.core.factories import (
    BasePageFactory,
    HomePageFactory,
    ImageFactory,
    document_block,
    gallery_block,
    heading_block,
    image_block,
    map_block,
    paragraph,
    quote_block,
    timeline_block,
)
from museum.donations.models import DonationPage
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
    ObjectType,
    RightsStatement,
    TimelineMilestone,
    TimelinePage,
)


def artifact_block(artifact, note=""):
    """A raw StreamField block embedding an artifact in a narrative."""
    return {"type": "artifact", "value": {"artifact": artifact.pk, "note": note}}


def every_narrative_block(image, gallery_image, document, artifact):
    """A narrative body that uses every block type once (the gallery's one image is decorative)."""
    return [
        heading_block("一粒纽扣闯天下"),
        paragraph("桥头镇的纽扣市场曾是亚洲最大。"),
        image_block(image, "八十年代的纽扣摊位", alt_text="市场里挑选纽扣的商户"),
        gallery_block("市场旧影", image_block(gallery_image, "装饰花纹", decorative=True)),
        quote_block("走遍千山万水", "四千精神"),
        document_block(document, "市场史料汇编"),
        timeline_block("市场年表", (1983, "市场开业", "首批摊位")),
        map_block("纽扣销往何方", ("温州", 28.0, 120.67, "家乡"), ("巴黎", 48.86, 2.35, "欧洲")),
        artifact_block(artifact, "镇馆之宝"),
    ]


class MuseumPageFactory(BasePageFactory):
    title = "世界温商博物馆"
    slug = "museum"
    parent = factory.SubFactory(HomePageFactory)
    show_in_menus = True
    body = factory.LazyFunction(lambda: [paragraph("讲述温州人走向世界的故事。")])

    class Meta:
        model = MuseumPage


class HallPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"第{n}展厅 · 改革开放与温州模式")
    slug = factory.Sequence(lambda n: f"hall-{n}")
    parent = factory.SubFactory(MuseumPageFactory)
    number = factory.Sequence(lambda n: n + 1)
    period = "1978—1992"
    start_year = 1978
    end_year = 1992
    hero_image = factory.SubFactory(ImageFactory)
    body = factory.LazyFunction(lambda: [paragraph("家庭工业与专业市场兴起。")])

    class Meta:
        model = HallPage


class ExhibitPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"桥头纽扣市场 {n}")
    slug = factory.Sequence(lambda n: f"exhibit-{n}")
    parent = factory.SubFactory(HallPageFactory)
    hero_image = factory.SubFactory(ImageFactory)
    body = factory.LazyFunction(lambda: [paragraph("一粒纽扣带动了一个市场。")])

    class Meta:
        model = ExhibitPage


class CollectionIndexPageFactory(BasePageFactory):
    title = "馆藏精品"
    slug = "collection"
    parent = factory.SubFactory(MuseumPageFactory)

    class Meta:
        model = CollectionIndexPage


class ArtifactPageFactory(BasePageFactory):
    title = factory.Sequence(lambda n: f"供销员账本 {n}")
    slug = factory.Sequence(lambda n: f"artifact-{n}")
    parent = factory.SubFactory(CollectionIndexPageFactory)
    accession_number = factory.Sequence(lambda n: f"WZM-2026-{n:04d}")
    object_type = ObjectType.DOCUMENT
    era = "1980年代"
    year_start = 1982
    year_end = 1986
    place_of_origin = "温州永嘉"
    materials = "毛边纸、棉线"
    dimensions = "21 × 15 厘米"
    description = "<p>一位供销员记录往来生意的账本。</p>"
    donor = "王氏家族"

    class Params:
        # Every optional field, with one gallery image.
        full = factory.Trait(
            provenance="<p>由捐赠者家属保存至今。</p>",
            rights=RightsStatement.EDUCATIONAL_USE,
            gallery_images=factory.LazyFunction(
                lambda: [ArtifactImage(image=ImageFactory(), caption="账本封面")]
            ),
        )

    class Meta:
        model = ArtifactPage


class ArtifactImageFactory(DjangoModelFactory):
    artifact = factory.SubFactory(ArtifactPageFactory)
    image = factory.SubFactory(ImageFactory)
    caption = "账本封面"

    class Meta:
        model = ArtifactImage


class MerchantIndexPageFactory(BasePageFactory):
    title = "温商人物"
    slug = "merchants"
    parent = factory.SubFactory(MuseumPageFactory)

    class Meta:
        model = MerchantIndexPage


class MerchantHistoryPageFactory(BasePageFactory):
    """A fictional merchant, marked as sample content."""

    title = factory.Sequence(lambda n: f"王建国 {n}")
    slug = factory.Sequence(lambda n: f"merchant-{n}")
    parent = factory.SubFactory(MerchantIndexPageFactory)
    name_pinyin = factory.Sequence(lambda n: f"Wang Jianguo {n}")
    birth_year = 1958
    home_county = WenzhouCounty.YONGJIA
    primary_industry = Industry.FOOTWEAR_APPAREL
    enterprise = "建国鞋业有限公司"
    is_sample = True
    biography = factory.LazyFunction(lambda: [paragraph("十六岁离家，走南闯北做供销员。")])

    class Params:
        # A leading, honoured merchant with every optional field filled.
        full = factory.Trait(
            portrait=factory.SubFactory(ImageFactory),
            other_industries="商贸物流、金融投资",
            is_leading_merchant=True,
            is_honoured=True,
            honours="全国优秀民营企业家",
            business_locations=factory.LazyFunction(
                lambda: [
                    MerchantBusinessLocation(country="意大利", city="米兰"),
                    MerchantBusinessLocation(country="法国", city="巴黎"),
                ]
            ),
            life_events=factory.LazyFunction(
                lambda: [
                    MerchantLifeEvent(year=1979, text="在米兰开设第一家鞋店"),
                    MerchantLifeEvent(year=1995, text="回乡创办建国鞋业"),
                ]
            ),
        )

    class Meta:
        model = MerchantHistoryPage


class MerchantLifeEventFactory(DjangoModelFactory):
    merchant = factory.SubFactory(MerchantHistoryPageFactory)
    year = 1985
    text = "在温州创办第一家鞋厂。"

    class Meta:
        model = MerchantLifeEvent


class TimelinePageFactory(BasePageFactory):
    title = "温商大事记"
    slug = "timeline"
    parent = factory.SubFactory(MuseumPageFactory)

    class Params:
        full = factory.Trait(
            milestones=factory.LazyFunction(
                lambda: [
                    TimelineMilestone(
                        year=1982, month=6, title="桥头纽扣市场兴起", description="专业市场起步"
                    ),
                    TimelineMilestone(
                        year=2001, title="中国加入世贸组织", description="温商走向世界"
                    ),
                ]
            )
        )

    class Meta:
        model = TimelinePage


class TimelineMilestoneFactory(DjangoModelFactory):
    page = factory.SubFactory(TimelinePageFactory)
    year = 1978
    title = "改革开放"
    description = "温州家庭工业兴起。"

    class Meta:
        model = TimelineMilestone


class DonationPageFactory(BasePageFactory):
    title = "捐赠藏品"
    slug = "donate"
    parent = factory.SubFactory(MuseumPageFactory)
    privacy_notice = "<p>捐赠者的联系方式仅用于藏品征集，不会公开。</p>"

    class Meta:
        model = DonationPage
