"""Admin menu and URLs of the publicity department's workspace, its review chain and
checks before publishing."""

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Wording
from .review import URGENT_PUBLISH, WORDING_WARNINGS, progress, record_warnings, reviewed_models
from .views import (
    CampaignCalendarView,
    PublishingReportView,
    can_plan_campaigns,
    review_result,
)


class CampaignPlannersMenuItem(MenuItem):
    def is_shown(self, request):
        return can_plan_campaigns(request.user)


@hooks.register("register_admin_urls")
def register_publicity_urls():
    return [
        path(
            "publicity/calendar/",
            CampaignCalendarView.as_view(),
            name="publicity_campaign_calendar",
        ),
        path(
            "publicity/publishing-report/",
            PublishingReportView.as_view(),
            name="publicity_publishing_report",
        ),
        path(
            "publicity/review/<int:task_state_id>/",
            review_result,
            name="publicity_review_result",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_campaign_calendar_menu_item():
    return CampaignPlannersMenuItem(
        _("宣传活动日历"),
        reverse("publicity_campaign_calendar"),
        name="campaign-calendar",
        icon_name="date",
        order=250,
    )


@hooks.register("register_reports_menu_item")
def register_publishing_report_menu_item():
    return MenuItem(
        _("发布统计"),
        reverse("publicity_publishing_report"),
        name="publishing-report",
        icon_name="list-ul",
        order=50,
    )


class WordingViewSet(SnippetViewSet):
    """错敏词与规范表述, kept by site administrators (who hold every snippet permission)."""

    model = Wording
    icon = "warning"
    menu_label = _("错敏词")
    menu_name = "wordings"
    list_display = ["wrong", "correct", "severity", "active"]
    list_filter = ["severity", "active"]
    search_fields = ["wrong", "correct", "note"]
    ordering = ["severity", "wrong"]


register_snippet(WordingViewSet)


@hooks.register("register_log_actions")
def register_publicity_log_actions(actions):
    actions.register_action(URGENT_PUBLISH, _("紧急发布"), _("未经审核流程直接发布（紧急发布）"))

    @actions.register_action(WORDING_WARNINGS)
    class WordingWarnings(LogFormatter):
        label = _("发布前检查提醒")

        def format_message(self, log_entry):
            warnings = log_entry.data.get("warnings", [])
            details = "；".join(
                f"{item.get('where', '')}：{item.get('message', '')}" for item in warnings
            )
            return _("%(step)s时有 %(count)d 条提醒：%(details)s") % {
                "step": log_entry.data.get("step", ""),
                "count": len(warnings),
                "details": details,
            }

        def format_comment(self, log_entry):
            return ""


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def tell_where_the_review_stands(request, page):
    """After submitting or acting on a review step in the editor: which step is next, and who."""
    if not isinstance(page.specific, reviewed_models()):
        return
    if request.POST.get("action-submit") or request.POST.get("action-restart-workflow"):
        record_warnings(page.specific, request.user, _("提交审核"))
    elif not request.POST.get("action-workflow-action"):
        return None
    messages.success(request, progress(page.specific))
    if not page.permissions_for_user(request.user).can_edit() and not request.POST.get("next"):
        # 分管领导 may edit a page only while it waits for them; Wagtail would send them on to
        # the section, which they cannot open (对不起，你没有权限访问).
        return redirect("wagtailadmin_home")
    return None


@hooks.register("after_publish_page")
def record_warnings_on_publish(request, page):
    if isinstance(page.specific, reviewed_models()):
        record_warnings(page.specific, request.user, _("发布"))


def _publish_refused(request):
    return HttpResponseForbidden(
        _(
            "你没有发布此页面的权限，请提交审核。/ You may not publish this page; submit it for review."
        )
    )


@hooks.register("before_edit_page")
def refuse_publish_from_the_edit_form(request, page):
    """A 发布 posted by someone who may not publish is refused, not quietly saved as a draft."""
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and not page.permissions_for_user(request.user).can_publish()
    ):
        return _publish_refused(request)
    return None


@hooks.register("before_create_page")
def refuse_publish_from_the_create_form(request, parent_page, page_class):
    if (
        request.method == "POST"
        and request.POST.get("action-publish")
        and not parent_page.permissions_for_user(request.user).can_publish_subpage()
    ):
        return _publish_refused(request)
    return None
