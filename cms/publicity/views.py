"""Admin views of the publicity department: the campaign calendar, the publishing report
and the result of a review step."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, TaskState
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import reports
from .calendar import build_campaign_calendar
from .checks import blocking_findings, findings_html
from .models import CampaignIndexPage, CampaignPage, Channel
from .review import progress

#: Page permissions that make a campaign one's own to plan: the publicity roles and site
#: administrators hold them on the campaign section; other departments do not.
PLANNING_ACTIONS = {"add", "change", "publish"}


def planned_campaigns(user):
    """Campaigns ``user`` plans (drafts included): those in sections they may write in."""
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, PLANNING_ACTIONS)
    return CampaignPage.objects.filter(pk__in=pages.type(CampaignPage).values("pk"))


def can_plan_campaigns(user):
    if user.is_active and user.is_superuser:
        return True  # even before the campaign section exists
    pages = PagePermissionPolicy().instances_user_has_any_permission_for(user, PLANNING_ACTIONS)
    return pages.type(CampaignIndexPage, CampaignPage).exists()


class CalendarFilterForm(forms.Form):
    month = forms.CharField(
        label=_("从哪个月看起"),
        required=False,
        help_text=_("格式：2026-11"),
        widget=forms.TextInput(attrs={"placeholder": "2026-11"}),
    )
    channel = forms.ModelChoiceField(
        label=_("渠道"),
        queryset=Channel.objects.all(),
        required=False,
        empty_label=_("全部渠道"),
        to_field_name="code",
    )

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        if not value:
            return None
        try:
            return datetime.datetime.strptime(value, "%Y-%m").date()
        except ValueError:
            raise forms.ValidationError(
                _("月份格式应为“年-月”，例如 2026-11。 / Use year-month, e.g. 2026-11.")
            ) from None


class WorkspaceView(WagtailAdminTemplateMixin, TemplateView):
    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]


def one_per_campaign(campaigns):
    """A campaign and its translations are one plan: keep the default-language version."""
    default = Locale.get_default().pk
    chosen = {}
    for campaign in campaigns:
        current = chosen.get(campaign.translation_key)
        if current is None or (campaign.locale_id == default and current.locale_id != default):
            chosen[campaign.translation_key] = campaign
    return list(chosen.values())


class CampaignCalendarView(WorkspaceView):
    """The campaigns one plans, drafts included, by phase, by channel and on a month grid."""

    template_name = "publicity/admin/campaign_calendar.html"
    page_title = _("宣传活动日历")
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if not can_plan_campaigns(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = CalendarFilterForm(self.request.GET or None)
        # Plans are read from each campaign's latest revision, drafts and pending edits included.
        campaigns = [
            campaign.get_latest_revision_as_object()
            if campaign.has_unpublished_changes
            else campaign
            for campaign in one_per_campaign(
                planned_campaigns(self.request.user)
                .prefetch_related("channels")
                .order_by("start_date")
            )
        ]
        first_month = None
        if form.is_bound and form.is_valid():
            channel = form.cleaned_data["channel"]
            if channel:
                campaigns = [c for c in campaigns if channel in c.channels.all()]
            first_month = form.cleaned_data["month"]
        calendar = build_campaign_calendar(campaigns, first_month=first_month)
        context.update(
            {
                "form": form,
                "calendar": calendar,
                "add_url": _add_campaign_url(),
            }
        )
        return context


def _add_campaign_url():
    from .models import CampaignIndexPage

    index = CampaignIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
    if index is None:
        return ""
    return reverse("wagtailadmin_pages:add_subpage", args=[index.pk])


class PublishingReportForm(forms.Form):
    date_from = forms.DateField(
        label=_("开始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("结束日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    section = forms.ModelChoiceField(
        label=_("栏目"), queryset=reports.section_pages(), required=False, empty_label=_("全部栏目")
    )
    author = forms.ModelChoiceField(
        label=_("发布人"),
        queryset=get_user_model().objects.none(),  # set per user in __init__
        required=False,
        empty_label=_("全部人员"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = reports.authors(user)
        self.fields["section"].label_from_instance = lambda page: (
            f"{page.title}（{page.locale.get_display_name()}）"
        )
        self.fields["author"].label_from_instance = reports.user_label

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and end < start:
            raise forms.ValidationError(
                _("结束日期不能早于开始日期。 / The end date is before the start date.")
            )
        return cleaned


class PublishingReportView(ReportView):
    """What was published, by whom, when, per section and month; CSV/XLSX of the filtered rows.

    Wagtail's report shape: the listing, pagination and XLSX export are ReportView's; the filter
    form, the section-by-month summary and the CSV (with its byte-order mark and formula guard)
    are this report's own. ``?export=summary_csv`` downloads the summary.
    """

    template_name = "publicity/admin/publishing_report.html"
    page_title = _("发布统计")
    header_icon = "list-ul"
    index_url_name = "publicity_publishing_report"
    paginate_by = 100
    columns = [
        Column("time", label=_("发布时间")),
        Column("title", label=_("页面")),
        Column("page_type", label=_("类型")),
        Column("section", label=_("栏目")),
        Column("language", label=_("语言")),
        Column("user", label=_("发布人")),
    ]
    list_export = [key for key, _label in reports.CSV_HEADINGS]
    export_headings = dict(reports.CSV_HEADINGS)
    # Times are Asia/Shanghai in the cells, as on screen, not UTC.
    custom_field_preprocess = {"timestamp": {"xlsx": timezone.make_naive}}

    @cached_property
    def form(self):
        return PublishingReportForm(self.request.GET or None, user=self.request.user)

    @cached_property
    def filters_are_valid(self):
        return not self.form.is_bound or self.form.is_valid()

    def get_filename(self):
        return f"publications-{timezone.localdate().isoformat()}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get_queryset(self):
        if not self.filters_are_valid:
            return []  # bad filters change nothing: show the errors and no figures
        filters = {}
        if self.form.is_bound:
            filters = {name: self.form.cleaned_data[name] for name in self.form.fields}
        return reports.publications(self.request.user, **filters)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = self.object_list
        context["form"] = self.form
        context["items"] = items
        context["summary"] = reports.summarise(items) if self.filters_are_valid else None
        query = self.request.GET.copy()
        query.pop("export", None)
        base = query.urlencode()
        context["csv_url"] = "?" + "&".join(filter(None, [base, "export=csv"]))
        context["summary_csv_url"] = "?" + "&".join(filter(None, [base, "export=summary_csv"]))
        return context

    def render_to_response(self, context, **response_kwargs):
        export = self.request.GET.get("export")
        if export in ("csv", "summary_csv", "xlsx") and not self.filters_are_valid:
            self.is_export = False
        elif export == "csv":
            return self.csv_response(reports.publications_csv(self.object_list), "publications")
        elif export == "summary_csv":
            summary = reports.summary_csv(reports.summarise(self.object_list))
            return self.csv_response(summary, "publications-by-section-month")
        return super().render_to_response(context, **response_kwargs)

    def csv_response(self, body, name):
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
        return response


def review_result(request, task_state_id):
    """Where a reviewer lands after acting on a review step: what happened and what comes next.

    ``ReviewTask.on_action`` sends the workflow action view here. With ``?blocked=1`` the
    approval was refused because of blocking findings, listed for the reviewer.
    """
    task_state = get_object_or_404(
        TaskState.objects.select_related("workflow_state"), pk=task_state_id
    )
    page = task_state.workflow_state.content_object
    if not isinstance(page, Page):
        raise Http404
    page = page.specific
    if not page.permissions_for_user(request.user).can_edit() and not (
        task_state.task.specific.user_can_access_editor(page, request.user)
    ):
        raise PermissionDenied
    if request.GET.get("blocked"):
        findings = blocking_findings(task_state.revision.as_object())
        messages.error(
            request,
            format_html(
                "{} {}",
                _("《%(title)s》未能通过审核：以下问题必须先修改。")
                % {"title": page.get_admin_display_title()},
                findings_html(findings),
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    messages.success(request, progress(page))
    return redirect("wagtailadmin_home")
