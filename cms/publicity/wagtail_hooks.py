"""Admin menu and URLs of the publicity department's workspace."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import CampaignCalendarView, PublishingReportView, can_plan_campaigns


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
