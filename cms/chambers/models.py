"""The chamber-of-commerce network: one national federation, 31 provincial chambers, city chambers (1+31+X)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.search import index

from cms.api.fields import ChoiceField, PageLinkField
from cms.core.blocks.text import RICH_TEXT_FEATURES
from cms.core.choices import Province
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage


class ChamberLevel(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCIAL = "provincial", _("省级")
    CITY = "city", _("市级")


class ChamberIndexPage(ListingPageMixin, BasePage):
    paginate_by = 60
    parent_page_types = ["core.HomePage"]
    subpage_types = ["chambers.ChamberPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("商会网络栏目")
        verbose_name_plural = _("商会网络栏目")

    def get_chambers(self):
        return ChamberPage.objects.live().child_of(self).order_by("level", "province", "title")

    def get_listing(self):
        """National first, then provincial, then city chambers, so a page groups cleanly."""
        rank = Case(
            *(When(level=level, then=Value(i)) for i, level in enumerate(ChamberLevel.values)),
            output_field=IntegerField(),
        )
        return (
            self.get_chambers()
            .annotate(level_rank=rank)
            .order_by("level_rank", "province", "title")
        )

    # The network by province, published as a path: province/<code>/.
    @path("province/<slug:province>/", name="province")
    def province_route(self, request, province):
        from django.core.paginator import Paginator
        from django.http import Http404

        if province not in Province.values:
            raise Http404("Unknown province")
        chambers = list(self.get_listing().filter(province=province))
        if not chambers:
            raise Http404("No chambers in this province")
        return self.render(
            request,
            context_overrides={
                "listing_page": Paginator(chambers, len(chambers)).page(1),
                "chamber_province": province,
                "chamber_province_label": Province(province).label,
            },
        )

    def province_url(self, province):
        return (self.get_url() or "") + self.reverse_subpage("province", args=[province]).lstrip(
            "/"
        )

    def get_static_subpaths(self):
        provinces = self.get_chambers().exclude(province="").values_list("province", flat=True)
        return super().get_static_subpaths() + [
            f"province/{code}/" for code in sorted(set(provinces))
        ]


class ChamberPage(BasePage):
    level = models.CharField(_("层级"), max_length=20, choices=ChamberLevel.choices)
    parent_chamber = models.ForeignKey(
        "chambers.ChamberPage",
        verbose_name=_("上级商会"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="member_chambers",
    )
    province = models.CharField(_("省份"), max_length=20, choices=Province.choices, blank=True)
    city = models.CharField(_("城市"), max_length=60, blank=True)
    founded = models.PositiveIntegerField(
        _("成立年份"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    president = models.CharField(_("会长"), max_length=60, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=40, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("纬度"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("经度"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = RichTextField(_("简介"), blank=True, features=RICH_TEXT_FEATURES)

    parent_page_types = ["chambers.ChamberIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("level"), FieldPanel("parent_chamber")]),
                FieldRowPanel([FieldPanel("province"), FieldPanel("city")]),
                FieldRowPanel([FieldPanel("founded"), FieldPanel("president")]),
            ],
            heading=_("商会信息"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("contact_phone"), FieldPanel("contact_email")]),
                FieldPanel("website"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("联系方式"),
        ),
        FieldPanel("description"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("city", boost=2),
        index.SearchField("president"),
        index.SearchField("description"),
        index.FilterField("level"),
        index.FilterField("province"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("level", serializer=ChoiceField()),
        APIField("parent_chamber", serializer=PageLinkField()),
        APIField("province", serializer=ChoiceField()),
        APIField("city"),
        APIField("founded"),
        APIField("president"),
        APIField("contact_phone"),
        APIField("contact_email"),
        APIField("website"),
        APIField("address"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("description"),
    ]
    schema_type = "Organization"

    class Meta:
        verbose_name = _("商会")
        verbose_name_plural = _("商会")

    def clean(self):
        super().clean()
        errors = {}
        if self.level == ChamberLevel.NATIONAL and self.parent_chamber_id:
            errors["parent_chamber"] = _("全国性商会没有上级商会。")
        if self.level in (ChamberLevel.PROVINCIAL, ChamberLevel.CITY) and not self.province:
            errors["province"] = _("省级和市级商会须填写省份。")
        if self.level == ChamberLevel.CITY and not self.city:
            errors["city"] = _("市级商会须填写城市。")
        if (self.latitude is None) != (self.longitude is None):
            errors["longitude"] = _("经纬度须同时填写。")
        if errors:
            raise ValidationError(errors)

    def get_schema_extra(self):
        data = {"address": self.address} if self.address else {}
        if self.founded:
            data["foundingDate"] = str(self.founded)
        if self.latitude is not None:
            data["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": self.latitude,
                "longitude": self.longitude,
            }
        return data
