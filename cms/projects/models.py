"""Investment project listings (招商项目) kept by investment-promotion staff."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.core.blocks.text import RICH_TEXT_FEATURES
from cms.core.choices import Industry, WenzhouCounty
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage


class InvestorOrigin(models.TextChoices):
    DOMESTIC_WENZHOU = "domestic_wenzhou", _("国内温商")
    OVERSEAS_WENZHOU = "overseas_wenzhou", _("海外温商")
    TAIWAN = "taiwan", _("台商")
    OVERSEAS_CHINESE = "overseas_chinese", _("华侨华人")


class ProjectStage(models.TextChoices):
    NEGOTIATING = "negotiating", _("洽谈")
    SIGNED = "signed", _("签约")
    UNDER_CONSTRUCTION = "construction", _("在建")
    IN_PRODUCTION = "production", _("投产")


class ProjectIndexPage(ListingPageMixin, BasePage):
    paginate_by = 20
    parent_page_types = ["core.HomePage"]
    subpage_types = ["projects.ProjectPage"]
    max_count_per_parent = 1
    schema_type = "CollectionPage"

    class Meta:
        verbose_name = _("招商项目栏目")
        verbose_name_plural = _("招商项目栏目")

    def get_projects(self):
        return ProjectPage.objects.live().child_of(self).order_by("-amount", "code")

    def get_listing(self):
        return self.get_projects()


class ProjectPage(BasePage):
    code = models.CharField(_("项目编号"), max_length=30, help_text=_("如 WZ-2026-001"))
    industry = models.CharField(_("产业"), max_length=40, choices=Industry.choices)
    county = models.CharField(_("所在县（市、区）"), max_length=20, choices=WenzhouCounty.choices)
    amount = models.DecimalField(
        _("投资额（亿元）"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    investor_origin = models.CharField(
        _("投资方来源"), max_length=30, choices=InvestorOrigin.choices
    )
    investor = models.CharField(_("投资方"), max_length=200, blank=True)
    stage = models.CharField(
        _("项目阶段"), max_length=20, choices=ProjectStage.choices, default=ProjectStage.NEGOTIATING
    )
    signed_date = models.DateField(_("签约日期"), null=True, blank=True)
    is_key_project = models.BooleanField(_("重点项目"), default=False)
    description = RichTextField(_("项目介绍"), blank=True, features=RICH_TEXT_FEATURES)
    officer_name = models.CharField(_("服务专员"), max_length=60, blank=True)
    officer_unit = models.CharField(_("专员单位"), max_length=120, blank=True)
    officer_phone = models.CharField(_("专员电话"), max_length=40, blank=True)
    officer_email = models.EmailField(_("专员邮箱"), blank=True)

    parent_page_types = ["projects.ProjectIndexPage"]
    subpage_types = []
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("code"), FieldPanel("is_key_project")]),
                FieldRowPanel([FieldPanel("industry"), FieldPanel("county")]),
                FieldRowPanel([FieldPanel("amount"), FieldPanel("stage"), FieldPanel("signed_date")]),
                FieldRowPanel([FieldPanel("investor_origin"), FieldPanel("investor")]),
            ],
            heading=_("项目信息"),
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("officer_name"), FieldPanel("officer_unit")]),
                FieldRowPanel([FieldPanel("officer_phone"), FieldPanel("officer_email")]),
            ],
            heading=_("服务专员名片"),
        ),
        InlinePanel("progress_updates", label=_("项目进展")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("code", boost=3),
        index.SearchField("description"),
        index.SearchField("investor"),
        index.FilterField("industry"),
        index.FilterField("county"),
        index.FilterField("stage"),
        index.FilterField("investor_origin"),
        index.FilterField("amount"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("code"),
        APIField("industry"),
        APIField("county"),
        APIField("amount"),
        APIField("investor_origin"),
        APIField("investor"),
        APIField("stage"),
        APIField("signed_date"),
        APIField("is_key_project"),
        APIField("description"),
        APIField("officer_name"),
        APIField("officer_unit"),
        APIField("officer_phone"),
        APIField("officer_email"),
        APIField("progress_updates"),
    ]
    schema_type = "Project"

    class Meta:
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")

    def get_schema_extra(self):
        return {"identifier": self.code}


class ProjectProgressUpdate(Orderable):
    project = ParentalKey(ProjectPage, related_name="progress_updates", on_delete=models.CASCADE)
    date = models.DateField(_("日期"))
    stage = models.CharField(_("阶段"), max_length=20, choices=ProjectStage.choices, blank=True)
    text = models.CharField(_("进展"), max_length=300)

    panels = [FieldPanel("date"), FieldPanel("stage"), FieldPanel("text")]
    api_fields = [APIField("date"), APIField("stage"), APIField("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("项目进展")
        ordering = ["-date", "sort_order"]
