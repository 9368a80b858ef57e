"""Investment tours home (回乡投资考察)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.search import index

from cms.api.fields import PageLinkField, PageLinksField
from cms.core.blocks import BodyBlock
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage


class EventIndexPage(ListingPageMixin, BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"
    # Its calendar sorts by today's date: `refresh_dated_pages` re-renders it each morning.
    static_refresh_daily = True

    class Meta:
        verbose_name = _("考察活动栏目")
        verbose_name_plural = _("考察活动栏目")

    def get_events(self):
        return EventPage.objects.live().child_of(self).order_by("-start_date", "-pk")

    def get_listing(self):
        return self.get_events()


class EventPage(BasePage):
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    delegation_origin = models.CharField(_("考察团来源"), max_length=120)
    organiser = models.CharField(_("组织部门"), max_length=120)
    merchant_count = models.PositiveIntegerField(_("参团客商人数"), default=0)
    signed_projects = ParentalManyToManyField(
        "projects.ProjectPage", verbose_name=_("签约项目"), blank=True, related_name="tours"
    )
    campaign = models.ForeignKey(
        "publicity.CampaignPage",
        verbose_name=_("所属宣传活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True, use_json_field=True)

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
                FieldRowPanel([FieldPanel("delegation_origin"), FieldPanel("organiser")]),
                FieldPanel("merchant_count"),
                FieldPanel("signed_projects"),
                FieldPanel("campaign"),
            ],
            heading=_("考察信息"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("delegation_origin", boost=2),
        index.SearchField("organiser"),
        index.SearchField("body"),
        index.FilterField("start_date"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("start_date"),
        APIField("end_date"),
        APIField("delegation_origin"),
        APIField("organiser"),
        APIField("merchant_count"),
        APIField("signed_projects", serializer=PageLinksField()),
        APIField("campaign", serializer=PageLinkField()),
        APIField("body"),
    ]
    schema_type = "Event"

    class Meta:
        verbose_name = _("回乡考察")
        verbose_name_plural = _("回乡考察")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})

    def get_schema_extra(self):
        return {
            "startDate": self.start_date.isoformat(),
            "endDate": self.end_date.isoformat(),
            "organizer": {"@type": "GovernmentOrganization", "name": self.organiser},
        }
