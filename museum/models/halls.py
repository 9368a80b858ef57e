"""The museum home, its halls and the exhibits inside them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.core.blocks import NarrativeBlock
from cms.core.models import BasePage, image_api_field
from cms.core.visibility import public_pages


class MuseumPage(BasePage):
    search_navigation = True  # site search ranks it below content pages
    """The museum's home: the entrance to halls, the collection, merchants and the timeline."""

    body = StreamField(NarrativeBlock(), verbose_name=_("正文"), blank=True, use_json_field=True)

    parent_page_types = ["core.HomePage"]
    subpage_types = [
        "museum.HallPage",
        "museum.CollectionIndexPage",
        "museum.MerchantIndexPage",
        "museum.TimelinePage",
        "donations.DonationPage",
        "core.StandardPage",
    ]
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]
    schema_type = "Museum"

    class Meta:
        verbose_name = _("博物馆首页")
        verbose_name_plural = _("博物馆首页")

    def get_halls(self):
        return HallPage.objects.live().child_of(self).order_by("number", "path")


class HallPage(BasePage):
    """An exhibition hall covering one period of the history of Wenzhou merchants."""

    number = models.PositiveSmallIntegerField(_("展厅序号"), default=1)
    period = models.CharField(_("时期"), max_length=80, help_text=_("如 “1978—1992”"))
    start_year = models.SmallIntegerField(_("起始年份"), null=True, blank=True)
    end_year = models.SmallIntegerField(_("结束年份"), null=True, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("展厅主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(NarrativeBlock(), verbose_name=_("序言"), blank=True, use_json_field=True)

    parent_page_types = ["museum.MuseumPage"]
    subpage_types = ["museum.ExhibitPage"]
    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("number"), FieldPanel("period")]),
        FieldRowPanel([FieldPanel("start_year"), FieldPanel("end_year")]),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("period"),
        index.SearchField("body"),
        index.FilterField("start_year"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("number"),
        APIField("period"),
        APIField("start_year"),
        APIField("end_year"),
        image_api_field("hero_image"),
        APIField("body"),
    ]
    schema_type = "ExhibitionEvent"

    class Meta:
        verbose_name = _("展厅")
        verbose_name_plural = _("展厅")

    @property
    def share_image(self):
        return self.hero_image or self.listing_image

    def clean(self):
        super().clean()
        if self.start_year and self.end_year and self.end_year < self.start_year:
            raise ValidationError({"end_year": _("结束年份不能早于起始年份。")})

    def get_exhibits(self):
        return ExhibitPage.objects.live().child_of(self).order_by("path")


class ExhibitPage(BasePage):
    """A narrative exhibit: text, galleries, quotes, embedded artifacts, timelines and maps."""

    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("展项主图"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(NarrativeBlock(), verbose_name=_("叙述"), use_json_field=True)

    parent_page_types = ["museum.HallPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [FieldPanel("hero_image"), FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [image_api_field("hero_image"), APIField("body")]
    schema_type = "CreativeWork"

    class Meta:
        verbose_name = _("展项")
        verbose_name_plural = _("展项")

    @property
    def share_image(self):
        return self.hero_image or self.listing_image

    @property
    def hall(self):
        return self.get_parent().specific

    def get_artifacts(self):
        """Artifacts embedded in the narrative, in order of appearance."""
        ids = [
            block.value["artifact"].pk
            for block in self.body
            if block.block_type == "artifact" and block.value["artifact"]
        ]
        from museum.models.collection import ArtifactPage

        found = public_pages(ArtifactPage.objects.all()).in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]
