"""The admin listing of the chamber network: filter by level and province; export."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet

from cms.core.choices import Province
from cms.core.exports import ChineseSpreadsheetExportMixin

from .models import ChamberLevel, ChamberPage


class ChamberFilterSet(PageFilterSet):
    level = django_filters.MultipleChoiceFilter(
        label=_("层级"), choices=ChamberLevel.choices, widget=forms.CheckboxSelectMultiple
    )
    province = django_filters.MultipleChoiceFilter(
        label=_("省份"), choices=Province.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ChamberPage
        fields = []


class ChamberIndexView(ChineseSpreadsheetExportMixin, IndexView):
    pass


class ChamberListingViewSet(PageListingViewSet):
    model = ChamberPage
    index_view_class = ChamberIndexView
    filterset_class = ChamberFilterSet
    icon = "group"
    menu_label = _("商会一览")
    menu_order = 200
    name = "chamber_listing"
    url_prefix = "listings/chambers"
    columns = [
        *PageListingViewSet.columns,
        Column("level", label=_("层级"), accessor="get_level_display", sort_key="level"),
        Column("province", label=_("省份"), accessor="get_province_display", sort_key="province"),
        Column("city", label=_("城市"), sort_key="city"),
    ]
    list_export = [
        "title",
        "get_level_display",
        "parent_chamber.title",
        "get_province_display",
        "city",
        "founded",
        "president",
        "contact_phone",
        "address",
        "locale.language_code",
        "status_string",
        "full_url",
    ]
    export_headings = {
        "title": _("商会名称"),
        "get_level_display": _("层级"),
        "parent_chamber.title": _("上级商会"),
        "get_province_display": _("省份"),
        "city": _("城市"),
        "founded": _("成立年份"),
        "president": _("会长"),
        "contact_phone": _("联系电话"),
        "address": _("地址"),
        "locale.language_code": _("语言"),
        "status_string": _("状态"),
        "full_url": _("网址"),
    }
    export_filename = "chambers"
