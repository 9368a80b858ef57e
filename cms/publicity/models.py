"""The publicity department's content: news and campaigns."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Orderable, TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask
from wagtail.search import index

from cms.api.fields import ChoiceField, PageLinkField
from cms.core.blocks import BodyBlock, DocumentBlock
from cms.core.listing import ListingPageMixin
from cms.core.models import BasePage
from cms.publicity.forms import PublicityPageForm
from cms.publicity.panels import ChecksPanel


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
    content_panels = (
        [ChecksPanel()]
        + BasePage.content_panels
        + [
            MultiFieldPanel(
                [FieldPanel("date"), FieldPanel("byline"), FieldPanel("campaign")],
                heading=_("发布信息"),
            ),
            FieldPanel("body"),
        ]
    )
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
    base_form_class = PublicityPageForm

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
        """The campaigns the public sees: live and approved."""
        return (
            CampaignPage.objects.live()
            .child_of(self)
            .filter(status__in=CampaignPage.PUBLIC_STATUSES)
            .order_by("-start_date", "-pk")
        )

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
    """A publicity campaign: public once approved, its phase following its dates.

    Audience, channels, talking points and attachments are the department's planning
    notes: they stay in the admin and never reach a template, the API or search.
    """

    class Status(models.TextChoices):
        PLANNED = "planned", _("策划中")
        APPROVED = "approved", _("已批准")
        CANCELLED = "cancelled", _("已取消")

    #: Statuses in which a live campaign appears on the public site.
    PUBLIC_STATUSES = (Status.APPROVED,)

    theme = models.CharField(_("主题"), max_length=200)
    start_date = models.DateField(_("开始日期"))
    end_date = models.DateField(_("结束日期"))
    channels = ParentalManyToManyField(Channel, verbose_name=_("渠道"), blank=True)
    audience = models.CharField(_("目标受众"), max_length=200, blank=True)
    talking_points = models.TextField(_("宣传要点"), blank=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=Status.choices,
        default=Status.PLANNED,
        help_text=_("只有“已批准”的活动在网站上显示；即将开始、进行中、已结束按日期自动显示"),
    )
    body = StreamField(BodyBlock(), verbose_name=_("正文"), blank=True, use_json_field=True)
    assets = StreamField(
        [("document", DocumentBlock())],
        verbose_name=_("内部附件"),
        blank=True,
        use_json_field=True,
    )

    parent_page_types = ["publicity.CampaignIndexPage"]
    subpage_types = []
    content_panels = (
        [ChecksPanel()]
        + BasePage.content_panels
        + [
            MultiFieldPanel(
                [
                    FieldPanel("theme"),
                    FieldPanel("start_date"),
                    FieldPanel("end_date"),
                    FieldPanel("status"),
                ],
                heading=_("活动信息"),
            ),
            FieldPanel("body"),
            InlinePanel("related_pages", label=_("相关内容")),
            MultiFieldPanel(
                [
                    FieldPanel("audience"),
                    FieldPanel("channels", widget=forms.CheckboxSelectMultiple),
                    FieldPanel("talking_points"),
                    FieldPanel("assets"),
                ],
                heading=_("内部策划（不在网站、接口和搜索中公开）"),
            ),
        ]
    )
    search_fields = BasePage.search_fields + [
        index.SearchField("theme", boost=2),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("start_date"),
    ]
    api_fields = BasePage.api_fields + [
        APIField("theme"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("phase", serializer=ChoiceField()),
        APIField("body"),
        APIField("related_pages"),
    ]
    schema_type = "Event"
    base_form_class = PublicityPageForm

    class Meta:
        verbose_name = _("宣传活动")
        verbose_name_plural = _("宣传活动")

    @classmethod
    def hidden_from_public(cls):
        """Live campaigns that are not (or no longer) approved: kept off the public site."""
        return cls.objects.exclude(status__in=cls.PUBLIC_STATUSES)

    @property
    def is_public(self):
        return self.status in self.PUBLIC_STATUSES

    @property
    def phase(self):
        """``upcoming``, ``running`` or ``past`` on today's date."""
        from cms.publicity.calendar import phase, today

        return phase(self.start_date, self.end_date, today())

    def get_phase_display(self):
        from cms.publicity.calendar import PHASES

        return dict(PHASES)[self.phase]

    def serve(self, request, *args, **kwargs):
        if not self.is_public:
            raise Http404
        return super().serve(request, *args, **kwargs)

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


class ReviewTask(AbstractGroupApprovalTask):
    """A step of the publicity review: approved by members of its groups.

    With ``not_by_author`` the person who submitted the page or wrote its reviewed
    revision cannot approve it, so 初审 is always a second pair of eyes. Approval runs
    the checks before publishing (``cms.publicity.checks``) and is refused while a
    blocking wording remains; the reviewer is then told what comes next
    (``cms.publicity.review``).
    """

    not_by_author = models.BooleanField(
        _("作者本人不能审核"),
        default=False,
        help_text=_("提交人和稿件作者不能通过这一步，由其他成员审核"),
    )

    admin_form_fields = AbstractGroupApprovalTask.admin_form_fields + ["not_by_author"]

    class Meta:
        verbose_name = _("宣传审核步骤")
        verbose_name_plural = _("宣传审核步骤")

    def is_author(self, obj, user):
        state = getattr(obj, "current_workflow_state", None)
        if state is not None and state.requested_by_id == user.pk:
            return True
        task_state = getattr(obj, "current_workflow_task_state", None)
        revision = task_state.revision if task_state else obj.get_latest_revision()
        return revision is not None and revision.user_id == user.pk

    def get_actions(self, obj, user):
        if self.not_by_author and self.is_author(obj, user):
            return []
        return super().get_actions(obj, user)

    def locked_for_user(self, obj, user):
        # Those who may publish directly (站点管理员, for an urgent publish) are not locked out.
        if obj.permissions_for_user(user).can_publish():
            return False
        return super().locked_for_user(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if self.not_by_author:
            states = states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)
        return states

    def on_action(self, task_state, user, action_name, **kwargs):
        from cms.publicity.checks import blocking_findings

        if action_name == "approve":
            obj = task_state.revision.as_object()
            if blocking_findings(obj):
                return reverse("publicity_review_result", args=(task_state.pk,)) + "?blocked=1"
        super().on_action(task_state, user, action_name, **kwargs)
        if action_name == "approve" and task_state.status == TaskState.STATUS_APPROVED:
            from cms.publicity.review import record_warnings

            record_warnings(task_state.revision.as_object(), user, task_state.task.name)
        # The workflow action view redirects here, which tells the reviewer what comes next.
        return reverse("publicity_review_result", args=(task_state.pk,))


@register_setting(icon="tasks")
class ReviewSettings(BaseSiteSetting):
    """How many review steps news and campaigns go through on this site."""

    class Chain(models.TextChoices):
        THREE = "three", _("三审：初审、复审、终审")
        TWO = "two", _("两级审核：初审、终审")

    chain = models.CharField(
        _("审核流程"),
        max_length=10,
        choices=Chain.choices,
        default=Chain.THREE,
        help_text=_(
            "新闻与宣传活动的审核步骤；只有最后一步通过后才发布。更改只影响此后提交的稿件。"
        ),
    )

    panels = [FieldPanel("chain")]

    class Meta:
        verbose_name = _("审核流程")


class Wording(models.Model):
    """A wrong or sensitive wording (错敏词) and the standard form (规范表述) to use instead.

    Checked in news and campaigns before they are submitted, approved or published
    (``cms.publicity.checks``): a blocking one stops the page until it is corrected, a
    warning lets it through and is recorded in the page's history.
    """

    class Severity(models.TextChoices):
        BLOCK = "block", _("禁止发布")
        WARN = "warn", _("提醒")

    wrong = models.CharField(_("错敏词"), max_length=100, unique=True)
    correct = models.CharField(
        _("规范表述"), max_length=200, blank=True, help_text=_("留空表示应删除或改写")
    )
    severity = models.CharField(
        _("级别"), max_length=10, choices=Severity.choices, default=Severity.WARN
    )
    exceptions = models.CharField(
        _("例外"),
        max_length=300,
        blank=True,
        help_text=_("包含该词但正确的写法，用顿号或逗号分隔，如“世界温商博物馆”"),
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    active = models.BooleanField(_("启用"), default=True)

    panels = [
        FieldPanel("wrong"),
        FieldPanel("correct"),
        FieldPanel("severity"),
        FieldPanel("exceptions"),
        FieldPanel("note"),
        FieldPanel("active"),
    ]

    class Meta:
        verbose_name = _("错敏词与规范表述")
        verbose_name_plural = _("错敏词与规范表述")
        ordering = ["severity", "wrong"]

    def __str__(self):
        return self.wrong

    @property
    def exception_list(self):
        import re

        return [
            part.strip() for part in re.split(r"[、,，;；\s]+", self.exceptions) if part.strip()
        ]

    def clean(self):
        super().clean()
        self.wrong = self.wrong.strip()
        if self.correct and self.wrong in self.correct and self.wrong not in self.exception_list:
            # e.g. 温商博物馆 -> 世界温商博物馆: the correct form must not be flagged itself.
            self.exceptions = "、".join([*self.exception_list, self.correct])
