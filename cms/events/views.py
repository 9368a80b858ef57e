"""The admin listing of investment tours home: filter by the days they run; export."""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.core.exports import ChineseSpreadsheetExportMixin

from .models import EventPage


def filter_running_between(queryset, _name, value):
    """Tours with at least one day inside the range, so a tour spanning its edge is kept."""
    if not value:
        return queryset
    if value.start is not None:
        queryset = queryset.filter(end_date__gte=value.start)
    if value.stop is not None:
        queryset = queryset.filter(start_date__lte=value.stop)
    return queryset


class EventFilterSet(PageFilterSet):
    running = django_filters.DateFromToRangeFilter(
        label=_("考察日期"), widget=DateRangePickerWidget, method=filter_running_between
    )

    class Meta:
        model = EventPage
        fields = []


class EventIndexView(ChineseSpreadsheetExportMixin, IndexView):
    pass


class EventListingViewSet(PageListingViewSet):
    model = EventPage
    index_view_class = EventIndexView
    filterset_class = EventFilterSet
    ordering = "-start_date"
    icon = "date"
    menu_label = _("考察一览")
    menu_order = 300
    name = "event_listing"
    url_prefix = "listings/tours"
    columns = [
        *PageListingViewSet.columns,
        DateColumn("start_date", label=_("开始日期"), sort_key="start_date"),
        DateColumn("end_date", label=_("结束日期"), sort_key="end_date"),
        Column("delegation_origin", label=_("考察团来源")),
        Column("merchant_count", label=_("参团客商人数"), sort_key="merchant_count"),
    ]
    list_export = [
        "title",
        "start_date",
        "end_date",
        "delegation_origin",
        "organiser",
        "merchant_count",
        "campaign.title",
        "locale.language_code",
        "status_string",
        "full_url",
    ]
    export_headings = {
        "title": _("考察活动"),
        "start_date": _("开始日期"),
        "end_date": _("结束日期"),
        "delegation_origin": _("考察团来源"),
        "organiser": _("组织部门"),
        "merchant_count": _("参团客商人数"),
        "campaign.title": _("所属宣传活动"),
        "locale.language_code": _("语言"),
        "status_string": _("状态"),
        "full_url": _("网址"),
    }
    export_filename = "tours"
