"""Investment project listings (招商项目) kept by investment-promotion staff."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import re_path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index

from cms.api.fields import ChoiceField
from cms.core.blocks.text import RICH_TEXT_FEATURES
from cms.core.choices import Industry, WenzhouCounty
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage
from cms.core.visibility import public_pages


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

    # Filters are paths (stage/signed/county/ruian/), see cms.projects.filters.
    @re_path(r"^((?:(?:stage|county|industry|amount)/[\w-]+/)+)$", name="filtered")
    def filtered_route(self, request, subpath):
        from . import filters

        active = filters.parse(subpath)
        projects = [p for p in self.get_projects() if filters.matches(p, active)]
        listing = Paginator(projects, max(len(projects), 1)).page(1)
        return self.render(
            request,
            context_overrides={
                "listing_page": listing,
                "project_filters": active,
                "project_filter_label": filters.describe(active),
                "project_filter_nav": filters.navigation(
                    self.get_projects(), active, self.get_url(request)
                ),
            },
        )

    def filter_url(self, **active):
        """The published path of a filtered listing, e.g. ``filter_url(stage="signed")``."""
        from . import filters

        return (self.get_url() or "") + filters.to_path(active)

    def get_static_subpaths(self):
        from . import filters

        return super().get_static_subpaths() + filters.static_subpaths()

    def get_context(self, request, *args, **kwargs):
        from . import filters

        context = super().get_context(request, *args, **kwargs)
        context.setdefault("project_filters", {})
        context.setdefault(
            "project_filter_nav",
            filters.navigation(self.get_projects(), {}, self.get_url(request)),
        )
        return context


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
                FieldRowPanel(
                    [FieldPanel("amount"), FieldPanel("stage"), FieldPanel("signed_date")]
                ),
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
        APIField("industry", serializer=ChoiceField()),
        APIField("county", serializer=ChoiceField()),
        APIField("amount"),
        APIField("investor_origin", serializer=ChoiceField()),
        APIField("investor"),
        APIField("stage", serializer=ChoiceField()),
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
    api_fields = [APIField("date"), APIField("stage", serializer=ChoiceField()), APIField("text")]

    class Meta(Orderable.Meta):
        verbose_name = _("项目进展")
        ordering = ["-date", "sort_order"]


class ProgressPage(BasePage):
    """Progress toward the goal of returned investment, computed from the live project pages."""

    goal_amount = models.DecimalField(
        _("目标投资额（亿元）"),
        max_digits=10,
        decimal_places=2,
        default=3000,
        validators=[MinValueValidator(1)],
    )
    goal_start_year = models.PositiveSmallIntegerField(_("目标起始年份"), default=2024)
    goal_end_year = models.PositiveSmallIntegerField(_("目标截止年份"), default=2026)
    method_note = RichTextField(
        _("统计口径说明"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("说明哪些项目计入目标，例如签约、在建、投产项目"),
    )

    parent_page_types = ["core.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # Its figures sum every project: any project change must re-render it on the static site.
    static_dependency_types = ["projects.ProjectPage"]
    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("goal_amount"),
                FieldRowPanel([FieldPanel("goal_start_year"), FieldPanel("goal_end_year")]),
            ],
            heading=_("目标"),
        ),
        FieldPanel("method_note"),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("method_note")]
    api_fields = BasePage.api_fields + [
        APIField("goal_amount"),
        APIField("goal_start_year"),
        APIField("goal_end_year"),
        APIField("method_note"),
        APIField("totals"),
    ]
    schema_type = "WebPage"

    class Meta:
        verbose_name = _("回归投资进展")
        verbose_name_plural = _("回归投资进展")

    def clean(self):
        super().clean()
        if (
            self.goal_start_year
            and self.goal_end_year
            and self.goal_end_year < self.goal_start_year
        ):
            raise ValidationError({"goal_end_year": _("截止年份不能早于起始年份。")})

    def get_projects(self):
        """Live projects under the Chinese version of this page's home page.

        The Chinese tree is the record; an English progress page shows the same figures
        rather than the sum of whichever projects happen to be translated.
        """
        from wagtail.models import Locale

        home = self.get_parent()
        source = home.get_translation_or_none(Locale.get_default()) or home
        return public_pages(ProjectPage.objects.descendant_of(source))

    def get_progress(self):
        from .progress import compute_progress

        return compute_progress(self.get_projects(), self.goal_amount)

    @property
    def totals(self):
        """The figures as plain data for the API."""
        progress = self.get_progress()

        def rows(items):
            return [
                {"key": r.key, "label": r.label, "amount": r.amount, "projects": r.projects}
                for r in items
            ]

        return {
            "goal": progress.goal,
            "total": progress.total,
            "projects": progress.projects,
            "counted": progress.counted,
            "counted_projects": progress.counted_projects,
            "by_year": rows(progress.by_year),
            "by_stage": rows(progress.by_stage),
            "by_county": rows(progress.by_county),
            "by_origin": rows(progress.by_origin),
        }

    def get_context(self, request, *args, **kwargs):
        from .charts import bar_chart, goal_gauge

        context = super().get_context(request, *args, **kwargs)
        progress = self.get_progress()
        context["progress"] = progress
        context["charts"] = {
            "goal": goal_gauge(progress.counted, progress.goal, title=_("目标完成情况")),
            "year": bar_chart(
                [(r.label, r.amount) for r in progress.by_year], title=_("按年份（签约年份）")
            ),
            "stage": bar_chart(
                [(r.label, r.amount) for r in progress.by_stage], title=_("按项目阶段")
            ),
            "county": bar_chart(
                [(r.label, r.amount) for r in progress.by_county], title=_("按县（市、区）")
            ),
            "origin": bar_chart(
                [(r.label, r.amount) for r in progress.by_origin], title=_("按投资方来源")
            ),
        }
        return context
