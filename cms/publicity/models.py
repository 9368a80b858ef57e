"""The publicity department's content: news and campaigns."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from cms.api.fields import ChoiceField, ModelListField, PageLinkField
from cms.core.blocks import BodyBlock, DocumentBlock
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage


class NewsIndexPage(ListingPageMixin, BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["publicity.NewsPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("新闻栏目")
        verbose_name_plural = _("新闻栏目")

    def get_news(self):
        return NewsPage.objects.live().child_of(self).order_by("-date", "-pk")

    def get_listing(self):
        return self.get_news()


class NewsPage(BasePage):
    date = models.DateField(_("发布日期"))
    byline = models.CharField(_("作者/来源"), max_length=120, blank=True)
    campaign = models.ForeignKey(
        "publicity.CampaignPage",
        verbose_name=_("所属宣传活动"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news_items",
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), use_json_field=True)

    parent_page_types = ["publicity.NewsIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [FieldPanel("date"), FieldPanel("byline"), FieldPanel("campaign")],
            heading=_("发布信息"),
        ),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.SearchField("byline"),
        index.FilterField("date"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("date"),
        APIField("byline"),
        APIField("campaign", serializer=PageLinkField()),
        APIField("body"),
    ]
    schema_type = "NewsArticle"

    class Meta:
        verbose_name = _("新闻")
        verbose_name_plural = _("新闻")

    def get_schema_extra(self):
        return {"headline": self.title, "datePublished": self.date.isoformat()}


class CampaignIndexPage(ListingPageMixin, BasePage):
    parent_page_types = ["core.HomePage"]
    subpage_types = ["publicity.CampaignPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"
    # Its calendar sorts by today's date: `refresh_dated_pages` re-renders it each morning.
    static_refresh_daily = True

    class Meta:
        verbose_name = _("宣传活动栏目")
        verbose_name_plural = _("宣传活动栏目")

    def get_campaigns(self):
        return CampaignPage.objects.live().child_of(self).order_by("-start_date", "-pk")

    def get_listing(self):
        return self.get_campaigns()


class Channel(models.Model):
    """A publicity channel such as WeChat, Weibo, television, print or offline events."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=60)

    panels = [FieldPanel("code"), FieldPanel("name"), FieldPanel("name_en")]
    api_fields = [APIField("code"), APIField("name"), APIField("name_en")]

    class Meta:
        verbose_name = _("宣传渠道")
        verbose_name_plural = _("宣传渠道")
        ordering = ["pk"]

    def __str__(self):
        return self.name


class CampaignPage(BasePage):
    class Status(models.TextChoices):
        PLANNED = "planned", _("策划中")
        APPROVED = "approved", _("已批准")
        RUNNING = "running", _("进行中")
        FINISHED = "finished", _("已结束")
        CANCELLED = "cancelled", _("已取消")

    theme = models.CharField(_("主题"), max_length=200)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    channels = ParentalManyToManyField(Channel, verbose_name=_("渠道"), blank=True)
    audience = models.CharField(_("目标受众"), max_length=200, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True, use_json_field=True)
    assets = StreamField(
        [("document", DocumentBlock())],
        verbose_name=_("宣传素材"),
        blank=True,
        use_json_field=True,
    )

    parent_page_types = ["publicity.CampaignIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("start_date"),
                FieldPanel("end_date"),
                FieldPanel("status"),
                FieldPanel("audience"),
                FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("活动策划"),
        ),
        FieldPanel("body"),
        InlinePanel("related_pages", label=_("相关内容")),
        FieldPanel("assets"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("theme", boost=2),
        index.SearchField("body"),
        index.SearchField("audience"),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("theme"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("status", serializer=ChoiceField()),
        APIField("audience"),
        APIField("channels", serializer=ModelListField(("code", "name", "name_en"))),
        APIField("body"),
        APIField("assets"),
        APIField("related_pages"),
    ]
    schema_type = "Event"

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("结束日期不能早于开始日期。")})

    def get_schema_extra(self):
        return {
            "startDate": self.start_date.isoformat(),
            "endDate": self.end_date.isoformat(),
            "eventAttendanceMode": "https://schema.org/MixedEventAttendanceMode",
        }


class CampaignRelatedPage(Orderable):
    campaign = ParentalKey(CampaignPage, related_name="related_pages", on_delete=models.CASCADE)
    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("页面"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("page")]
    api_fields = [APIField("page", serializer=PageLinkField())]

    class Meta(Orderable.Meta):
        verbose_name = _("相关内容")
