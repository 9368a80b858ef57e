"""The timeline of dated milestones in the history of Wenzhou merchants."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.api import APIField
from wagtail.models import Orderable
from wagtail.search import index

from cms.api.fields import PageLinkField, PublicImageRenditionField
from cms.core.models import BasePage


class TimelinePage(BasePage):
    parent_page_types = ["museum.MuseumPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = BasePage.content_panels + [InlinePanel("milestones", label=_("大事记"))]
    search_fields = BasePage.search_fields + [
        index.RelatedFields(
            "milestones", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]
    api_fields = BasePage.api_fields + [APIField("milestones")]
    schema_type = "ItemList"

    class Meta:
        verbose_name = _("大事记")
        verbose_name_plural = _("大事记")


class TimelineMilestone(Orderable):
    page = ParentalKey(TimelinePage, related_name="milestones", on_delete=models.CASCADE)
    year = models.SmallIntegerField(_("年份"))
    month = models.PositiveSmallIntegerField(_("月份"), null=True, blank=True)
    title = models.CharField(_("事件"), max_length=120)
    description = models.TextField(_("说明"), blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("图片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("相关页面"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("month")]),
        FieldPanel("title"),
        FieldPanel("description"),
        FieldPanel("image"),
        FieldPanel("link"),
    ]
    api_fields = [
        APIField("year"),
        APIField("month"),
        APIField("title"),
        APIField("description"),
        APIField("image", serializer=PublicImageRenditionField("fill-400x300|format-webp")),
        APIField("link", serializer=PageLinkField()),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("大事记条目")
        ordering = ["year", "month", "sort_order"]
