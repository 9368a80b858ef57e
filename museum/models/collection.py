"""The collection: artifacts with accession data, provenance and images."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.api.fields import ChoiceField, PageLinkField, PageLinksField, PublicImageRenditionField
from cms.core.blocks.text import RICH_TEXT_FEATURES
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage


class ObjectType(models.TextChoices):
    DOCUMENT = "document", _("文书档案")
    PHOTOGRAPH = "photograph", _("照片")
    TOOL = "tool", _("生产工具")
    PRODUCT = "product", _("产品实物")
    CERTIFICATE = "certificate", _("证照票据")
    LETTER = "letter", _("书信")
    TEXTILE = "textile", _("服饰织物")
    SIGNBOARD = "signboard", _("招牌匾额")
    MEDAL = "medal", _("奖章荣誉")
    OTHER = "other", _("其他")


class RightsStatement(models.TextChoices):
    """Rights statements after rightsstatements.org, worded for the public."""

    IN_COPYRIGHT = "in_copyright", _("版权保护")
    EDUCATIONAL_USE = "educational_use", _("允许教育用途")
    NO_COPYRIGHT = "no_copyright", _("无版权限制")
    UNDETERMINED = "undetermined", _("版权未确定")


class CollectionIndexPage(ListingPageMixin, BasePage):
    paginate_by = 24
    parent_page_types = ["museum.MuseumPage"]
    subpage_types = ["museum.ArtifactPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("馆藏目录")
        verbose_name_plural = _("馆藏目录")

    def get_artifacts(self):
        return ArtifactPage.objects.live().child_of(self).order_by("year_start", "accession_number")

    def get_listing(self):
        return self.get_artifacts()


class ArtifactPage(BasePage):
    accession_number = models.CharField(
        _("藏品编号"), max_length=40, help_text=_("如 WZM-2026-0001")
    )
    object_type = models.CharField(_("类别"), max_length=20, choices=ObjectType.choices)
    era = models.CharField(_("年代"), max_length=60, help_text=_("如 “清末”“1980年代”"))
    year_start = models.SmallIntegerField(_("起始年份"), null=True, blank=True)
    year_end = models.SmallIntegerField(_("结束年份"), null=True, blank=True)
    place_of_origin = models.CharField(_("产地"), max_length=120, blank=True)
    materials = models.CharField(_("材质"), max_length=200, blank=True)
    dimensions = models.CharField(_("尺寸"), max_length=120, blank=True)
    description = RichTextField(_("藏品描述"), blank=True, features=RICH_TEXT_FEATURES)
    provenance = RichTextField(_("来源与流传"), blank=True, features=RICH_TEXT_FEATURES)
    donor = models.CharField(
        _("捐赠者署名"), max_length=120, blank=True, help_text=_("公开展示的捐赠者署名")
    )
    rights = models.CharField(
        _("权利声明"),
        max_length=20,
        choices=RightsStatement.choices,
        default=RightsStatement.UNDETERMINED,
    )
    hall = models.ForeignKey(
        "museum.HallPage",
        verbose_name=_("所属展厅"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="artifacts",
    )
    related_merchants = ParentalManyToManyField(
        "museum.MerchantHistoryPage",
        verbose_name=_("相关温商"),
        blank=True,
        related_name="artifacts",
    )

    parent_page_types = ["museum.CollectionIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("accession_number"), FieldPanel("object_type")]),
                FieldRowPanel(
                    [FieldPanel("era"), FieldPanel("year_start"), FieldPanel("year_end")]
                ),
                FieldRowPanel([FieldPanel("place_of_origin"), FieldPanel("materials")]),
                FieldPanel("dimensions"),
            ],
            heading=_("藏品信息"),
        ),
        FieldPanel("description"),
        InlinePanel("gallery_images", label=_("藏品图片")),
        MultiFieldPanel(
            [FieldPanel("provenance"), FieldPanel("donor"), FieldPanel("rights")],
            heading=_("来源与权利"),
        ),
        FieldPanel("hall"),
        FieldPanel("related_merchants"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("accession_number", boost=3),
        index.SearchField("era"),
        index.SearchField("place_of_origin"),
        index.SearchField("materials"),
        index.SearchField("description"),
        index.SearchField("provenance"),
        index.SearchField("donor"),
        index.FilterField("object_type"),
        index.FilterField("year_start"),
        index.FilterField("hall"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("accession_number"),
        APIField("object_type", serializer=ChoiceField()),
        APIField("era"),
        APIField("year_start"),
        APIField("year_end"),
        APIField("place_of_origin"),
        APIField("materials"),
        APIField("dimensions"),
        APIField("description"),
        APIField("provenance"),
        APIField("donor"),
        APIField("rights", serializer=ChoiceField()),
        APIField("hall", serializer=PageLinkField()),
        APIField("related_merchants", serializer=PageLinksField()),
        APIField("gallery_images"),
    ]
    schema_type = "VisualArtwork"

    class Meta:
        verbose_name = _("藏品")
        verbose_name_plural = _("藏品")

    @property
    def share_image(self):
        first = self.gallery_images.first()
        return first.image if first else self.listing_image

    def clean(self):
        super().clean()
        if self.year_start and self.year_end and self.year_end < self.year_start:
            raise ValidationError({"year_end": _("结束年份不能早于起始年份。")})

    def get_schema_extra(self):
        data = {"identifier": self.accession_number, "temporalCoverage": self.era}
        if self.materials:
            data["artMedium"] = self.materials
        if self.donor:
            data["creditText"] = self.donor
        return data


class ArtifactImage(Orderable):
    artifact = ParentalKey(ArtifactPage, related_name="gallery_images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("图片"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("图注"), max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]
    api_fields = [
        APIField("image", serializer=PublicImageRenditionField("max-1600x1600|format-webp")),
        APIField("caption"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("藏品图片")
