"""Merchant histories: the people whose stories the museum tells."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.api.fields import ChoiceField, PageLinkField, PublicImageRenditionField
from cms.core.blocks import NarrativeBlock
from cms.core.choices import Industry, WenzhouCounty
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage


class MerchantIndexPage(ListingPageMixin, BasePage):
    paginate_by = 24
    parent_page_types = ["museum.MuseumPage"]
    subpage_types = ["museum.MerchantHistoryPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("温商名录")
        verbose_name_plural = _("温商名录")

    def get_merchants(self):
        return MerchantHistoryPage.objects.live().child_of(self).order_by("name_pinyin")

    def get_listing(self):
        return self.get_merchants()


class MerchantHistoryPage(BasePage):
    name_pinyin = models.CharField(_("姓名拼音"), max_length=120, help_text=_("如 Wang Jianguo"))
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("肖像"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    birth_year = models.PositiveSmallIntegerField(
        _("出生年份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1850), MaxValueValidator(2100)],
    )
    home_county = models.CharField(_("籍贯"), max_length=20, choices=WenzhouCounty.choices)
    primary_industry = models.CharField(_("主要行业"), max_length=40, choices=Industry.choices)
    other_industries = models.CharField(
        _("其他行业"), max_length=200, blank=True, help_text=_("以顿号分隔")
    )
    enterprise = models.CharField(_("企业"), max_length=200, blank=True)
    chamber = models.ForeignKey(
        "chambers.ChamberPage",
        verbose_name=_("所属商会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merchants",
    )
    is_leading_merchant = models.BooleanField(_("百名领头雁"), default=False)
    is_honoured = models.BooleanField(_("获得荣誉"), default=False)
    honours = models.CharField(_("荣誉"), max_length=300, blank=True)
    is_sample = models.BooleanField(
        _("示例内容"), default=False, help_text=_("虚构人物，仅作演示，页面上会注明")
    )
    biography = StreamField(NarrativeBlock(), verbose_name=_("生平"), use_json_field=True)

    parent_page_types = ["museum.MerchantIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("name_pinyin"), FieldPanel("birth_year")]),
                FieldPanel("portrait"),
                FieldRowPanel([FieldPanel("home_county"), FieldPanel("primary_industry")]),
                FieldPanel("other_industries"),
                FieldRowPanel([FieldPanel("enterprise"), FieldPanel("chamber")]),
                FieldRowPanel([FieldPanel("is_leading_merchant"), FieldPanel("is_honoured")]),
                FieldPanel("honours"),
                FieldPanel("is_sample"),
            ],
            heading=_("人物信息"),
        ),
        InlinePanel("business_locations", label=_("经商地")),
        FieldPanel("biography"),
        InlinePanel("life_events", label=_("人生大事")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("name_pinyin", boost=3),
        index.SearchField("enterprise", boost=2),
        index.SearchField("honours"),
        index.SearchField("biography"),
        index.RelatedFields(
            "business_locations", [index.SearchField("country"), index.SearchField("city")]
        ),
        index.FilterField("home_county"),
        index.FilterField("primary_industry"),
        index.FilterField("is_leading_merchant"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("name_pinyin"),
        # Portraits keep their proportions rather than the landscape listing crop.
        APIField("portrait", serializer=PublicImageRenditionField("max-800x1000|format-webp")),
        APIField("birth_year"),
        APIField("home_county", serializer=ChoiceField()),
        APIField("primary_industry", serializer=ChoiceField()),
        APIField("other_industries"),
        APIField("enterprise"),
        APIField("chamber", serializer=PageLinkField()),
        APIField("is_leading_merchant"),
        APIField("is_honoured"),
        APIField("honours"),
        APIField("is_sample"),
        APIField("business_locations"),
        APIField("biography"),
        APIField("life_events"),
    ]
    schema_type = "ProfilePage"

    class Meta:
        verbose_name = _("温商人物")
        verbose_name_plural = _("温商人物")

    @property
    def share_image(self):
        return self.portrait or self.listing_image

    def get_schema_extra(self):
        person = {"@type": "Person", "name": self.title, "alternateName": self.name_pinyin}
        if self.birth_year:
            person["birthDate"] = str(self.birth_year)
        if self.enterprise:
            person["worksFor"] = {"@type": "Organization", "name": self.enterprise}
        return {"mainEntity": person}


class MerchantBusinessLocation(Orderable):
    merchant = ParentalKey(
        MerchantHistoryPage, related_name="business_locations", on_delete=models.CASCADE
    )
    country = models.CharField(_("国家或地区"), max_length=60)
    city = models.CharField(_("城市"), max_length=60, blank=True)

    panels = [FieldRowPanel([FieldPanel("country"), FieldPanel("city")])]
    api_fields = [APIField("country"), APIField("city")]

    class Meta(Orderable.Meta):
        verbose_name = _("经商地")


class MerchantLifeEvent(Orderable):
    merchant = ParentalKey(
        MerchantHistoryPage, related_name="life_events", on_delete=models.CASCADE
    )
    year = models.SmallIntegerField(_("年份"))
    text = models.CharField(_("事件"), max_length=300)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("text")])]
    api_fields = [APIField("year"), APIField("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("人生大事")
        ordering = ["year", "sort_order"]
